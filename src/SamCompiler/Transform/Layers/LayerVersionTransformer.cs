using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Layers;

/// <summary>
/// AWS::Serverless::LayerVersion to AWS::Lambda::LayerVersion (SamLayerVersion in sam_resources.py): the layer gets
/// a logical id with a hash of its definition (so every change publishes a new version and the old one can be
/// retained), <c>LayerName</c> defaults to the SAM logical id, <c>RetentionPolicy</c> becomes the DeletionPolicy
/// (Retain unless told otherwise).
/// </summary>
public sealed partial class LayerVersionTransformer : IResourceTransformer
{
    private const string SamType = "AWS::Serverless::LayerVersion";
    private const string LambdaType = "AWS::Lambda::LayerVersion";
    private const string Retain = "Retain";
    private const string Delete = "Delete";
    private const string RetentionOptions = "['Retain', 'Delete']";

    /// <summary>SamLayerVersion.property_types, in order: name, required, validator, expected type for messages.</summary>
    private static readonly PropertyRule[] PropertyTypes =
    [
        new("LayerName", false, v => IsStr(v) || v is MapNode, null),
        new("Description", false, IsStr, "string"),
        new("PublishLambdaVersion", false, v => v is ScalarNode { Kind: ScalarKind.Boolean }, null),
        new("ContentUri", true, v => IsStr(v) || v is MapNode, null),
        new("CompatibleArchitectures", false, IsListOfStrOrDict, null),
        new("CompatibleRuntimes", false, IsListOfStrOrDict, null),
        new("LicenseInfo", false, IsStr, "string"),
        new("RetentionPolicy", false, IsStr, "string"),
    ];

    /// <summary>Resource attributes the reference reads from a SAM resource (Resource._supported_resource_attributes).</summary>
    private static readonly string[] HashedAttributes = ["DeletionPolicy", "UpdatePolicy", "Condition", "UpdateReplacePolicy", "Metadata"];

    /// <inheritdoc />
    public string ResourceType => SamType;

    /// <inheritdoc />
    public int Order => 3;

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex AlphanumericPattern();

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context)
    {
        var oldId = resource.LogicalId;
        if (!AlphanumericPattern().IsMatch(oldId))
        {
            throw new ResourceException(oldId, "Logical ids must be alphanumeric.", resource.KeySpan);
        }

        var properties = resource.Properties;
        var values = ReadProperties(resource, properties);
        Validate(resource, values);

        // _construct_lambda_layer: parameters are resolved in these four properties (and the hash sees them resolved).
        values["LayerName"] = ResolveStringParameter(resource, context, values["LayerName"], "LayerName");
        values["LicenseInfo"] = ResolveStringParameter(resource, context, values["LicenseInfo"], "LicenseInfo");
        values["Description"] = ResolveStringParameter(resource, context, values["Description"], "Description");
        values["RetentionPolicy"] = ResolveStringParameter(resource, context, values["RetentionPolicy"], "RetentionPolicy");

        var retention = RetentionPolicyValue(resource, values["RetentionPolicy"]);
        var attributes = resource.PassThrough();
        if (!attributes.ContainsKey("DeletionPolicy"))
        {
            attributes["DeletionPolicy"] = Retain;
        }

        if (retention is not null)
        {
            attributes["DeletionPolicy"] = retention;
        }

        // to_dict() validates again, on the resolved values.
        Validate(resource, values);
        var newId = new LogicalIdGenerator(oldId, HashDict(resource, values)).Gen();

        var layer = new CfnResource(newId, LambdaType, resource.KeySpan);
        if (!S3Uri.IsFalsy(resource.DependsOn))
        {
            layer.DependsOn = resource.DependsOn!.Clone();
        }

        foreach (var (name, value) in attributes)
        {
            layer.Attributes[name] = value.Clone();
        }

        var layerName = values["LayerName"];
        if (S3Uri.IsFalsy(layerName))
        {
            layerName = ScalarNode.String(oldId, resource.KeySpan);
        }

        layer.Set("Content", S3Uri.ConstructS3LocationObject(values["ContentUri"], newId, "ContentUri", resource.SpanOf("ContentUri")));
        layer.Set("Description", values["Description"]);
        layer.Set("LayerName", layerName);
        layer.Set("CompatibleArchitectures", values["CompatibleArchitectures"]);
        ValidateArchitectures(resource, newId, values["CompatibleArchitectures"]);
        layer.Set("CompatibleRuntimes", values["CompatibleRuntimes"]);
        layer.Set("LicenseInfo", values["LicenseInfo"]);

        context.ChangedLogicalIds[oldId] = newId;
        return [layer];
    }

    /// <summary>Resource.from_dict's setattr: every property must be one of property_types; YAML null is unset.</summary>
    private static Dictionary<string, Node?> ReadProperties(SamResource resource, MapNode properties)
    {
        var values = PropertyTypes.ToDictionary(p => p.Name, _ => (Node?)null, StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            if (!values.ContainsKey(name))
            {
                throw new ResourceException(resource.LogicalId, $"property {name} not defined for resource of type {SamType}", properties.KeySpan(name));
            }

            values[name] = value.IsNull ? null : value.Clone();
        }

        return values;
    }

    /// <summary>Resource.validate_properties.</summary>
    private static void Validate(SamResource resource, Dictionary<string, Node?> values)
    {
        foreach (var rule in PropertyTypes)
        {
            var value = values[rule.Name];

            // supports_intrinsics: any one-key map is left to CloudFormation.
            if (value is MapNode { Count: 1 })
            {
                continue;
            }

            if (value is null)
            {
                if (rule.Required)
                {
                    throw resource.Error($"Missing required property '{rule.Name}'.");
                }
            }
            else if (!rule.IsValid(value))
            {
                var message = rule.ExpectedType is null
                    ? $"Type of property '{rule.Name}' is invalid."
                    : $"Property '{rule.Name}' should be a {rule.ExpectedType}.";
                throw resource.Error(message, rule.Name);
            }
        }
    }

    /// <summary>internal/intrinsics.py resolve_string_parameter_in_resource.</summary>
    private static Node? ResolveStringParameter(SamResource resource, TranslationContext context, Node? value, string name)
    {
        if (S3Uri.IsFalsy(value))
        {
            return value;
        }

        var resolved = context.Intrinsics.ResolveParameterRefs(value!);
        if (resolved is not MapNode && !IsStr(resolved))
        {
            throw resource.Error($"Could not resolve parameter for '{name}' or parameter is not a String.", name);
        }

        return resolved;
    }

    /// <summary>_get_retention_policy_value: Retain or Delete (any case), or null when not given.</summary>
    private static string? RetentionPolicyValue(SamResource resource, Node? value)
    {
        if (value is not null && value.IsIntrinsic)
        {
            throw resource.Error($"'RetentionPolicy' does not accept intrinsic functions, please use one of the following options: {RetentionOptions}", "RetentionPolicy");
        }

        if (value is null)
        {
            return null;
        }

        if (value.AsString() is not { } text)
        {
            throw resource.Error($"Invalid 'RetentionPolicy' type, please use one of the following options: {RetentionOptions}", "RetentionPolicy");
        }

        foreach (var option in (string[])[Retain, Delete])
        {
            if (AsciiLower(text) == AsciiLower(option))
            {
                return option;
            }
        }

        throw resource.Error($"'RetentionPolicy' must be one of the following options: {RetentionOptions}.", "RetentionPolicy");
    }

    /// <summary>
    /// Python's str.lower() compared with an ASCII word: no other character lowercases to an ASCII letter, so
    /// lowering only A-Z gives the same answer (culture-aware lowering would not).
    /// </summary>
    private static string AsciiLower(string s) => string.Create(s.Length, s, (span, src) =>
    {
        for (var i = 0; i < src.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(src[i]) ? (char)(src[i] + 32) : src[i];
        }
    });

    /// <summary>
    /// The SAM resource as to_dict() gives it, minus DeletionPolicy, UpdateReplacePolicy and Metadata: what the
    /// layer's logical id hashes.
    /// </summary>
    private static MapNode HashDict(SamResource resource, Dictionary<string, Node?> values)
    {
        var entry = new MapNode { ["Type"] = SamType };
        if (!S3Uri.IsFalsy(resource.DependsOn))
        {
            entry["DependsOn"] = resource.DependsOn!;
        }

        foreach (var attribute in HashedAttributes)
        {
            if (attribute is "DeletionPolicy" or "UpdateReplacePolicy" or "Metadata")
            {
                continue;
            }

            if (resource.Definition.TryGetValue(attribute, out var value))
            {
                entry[attribute] = value;
            }
        }

        var properties = new MapNode();
        foreach (var rule in PropertyTypes)
        {
            if (values[rule.Name] is { } value)
            {
                properties[rule.Name] = value;
            }
        }

        entry["Properties"] = properties;
        return new MapNode { [resource.LogicalId] = entry };
    }

    /// <summary>_validate_architectures: only x86_64 and arm64 (intrinsics are not checked).</summary>
    private static void ValidateArchitectures(SamResource resource, string newId, Node? architectures)
    {
        if (S3Uri.IsFalsy(architectures) || architectures!.IsIntrinsic)
        {
            return;
        }

        // Python iterates a list's items, a map's keys.
        IEnumerable<Node> items = architectures switch
        {
            ListNode l => l,
            MapNode m => m.Keys.Select(k => (Node)k),
            _ => [],
        };
        foreach (var item in items)
        {
            if (!item.IsIntrinsic && item.AsString() is not ("arm64" or "x86_64"))
            {
                throw new ResourceException(newId, "CompatibleArchitectures needs to be a list of 'x86_64' or 'arm64'", resource.SpanOf("CompatibleArchitectures"));
            }
        }
    }

    private static bool IsStr(Node? v) => v is ScalarNode { Kind: ScalarKind.String };

    private static bool IsListOfStrOrDict(Node v) => v is ListNode l && l.All(i => IsStr(i) || i is MapNode);

    private sealed record PropertyRule(string Name, bool Required, Func<Node, bool> IsValid, string? ExpectedType);
}
