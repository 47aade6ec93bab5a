using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Emit.Pulumi;

/// <summary>
/// Turns the transformed CloudFormation document into a <see cref="PulumiProgram"/>: parameters to config,
/// conditions to booleans, mappings to constants, resources to classic @pulumi/aws classes (or @pulumi/aws-native
/// when the classic provider cannot express them), intrinsics to outputs.
/// </summary>
internal sealed partial class PulumiProgramBuilder
{
    /// <summary>The S3 bucket name that marks a local CodeUri/ContentUri (see <see cref="LocalArtifacts"/>).</summary>
    public const string LocalBucket = LocalArtifacts.Bucket;

    private static readonly HashSet<string> Pseudo = new(StringComparer.Ordinal)
    {
        "AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::URLSuffix", "AWS::StackName", "AWS::StackId",
        "AWS::NoValue", "AWS::NotificationARNs",
    };

    private readonly MapNode _document;
    private readonly string _path;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly PulumiProgram _program = new();
    private readonly NameTable _names = new();
    private readonly Dictionary<string, PulumiParameter> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _conditionVariables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PulumiMapping> _mappings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceInfo> _resources = new(StringComparer.Ordinal);

    /// <summary>Resources held by another resource's statement (a GraphQL schema in its API): logical id to holder.</summary>
    private readonly Dictionary<string, string> _foldedInto = new(StringComparer.Ordinal);

    /// <summary>GraphQL API logical id to the schema resource folded into it.</summary>
    private readonly Dictionary<string, MapNode> _schemas = new(StringComparer.Ordinal);

    /// <summary>Kinesis Analytics application logical id to the outputs folded into it.</summary>
    private readonly Dictionary<string, List<MapNode>> _applicationOutputs = new(StringComparer.Ordinal);

    /// <summary>Why a GraphQL schema could not be folded into its API.</summary>
    private readonly Dictionary<string, string> _foldRefusals = new(StringComparer.Ordinal);
    private readonly bool _yaml;
    private HashSet<string> _references = new(StringComparer.Ordinal);
    private string _where = "the template";
    private bool _dryRun;
    private bool _conditionMode;

    private PulumiProgramBuilder(MapNode document, string path, bool yaml)
    {
        _document = document;
        _path = path;
        _yaml = yaml;
    }

    /// <summary>Builds the program; diagnostics explain what could not be expressed.</summary>
    public static PulumiProgram Build(MapNode document, string path, bool yaml, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var builder = new PulumiProgramBuilder(document, path, yaml);
        builder.Run();
        diagnostics = builder._diagnostics;
        return builder._program;
    }

    private sealed record ResourceInfo(string LogicalId, string Variable, string CfnType, MapNode Definition, PulumiClass? Class, ClassicMapping? Mapping, bool Conditional)
    {
        /// <summary>The resource whose statement holds this one (see <see cref="FoldSchemas"/>).</summary>
        public string? FoldedInto { get; init; }
    }

    private sealed class NotExpressibleException(string reason) : Exception(reason);

    private void Run()
    {
        _program.Description = _document.Get("Description").AsString();
        foreach (var reserved in new[] { "pulumi", "aws", "awsnative", "config", "region", "callerIdentity", "partition", "allowedValue" })
        {
            _names.Reserve(reserved);
        }

        ReadParameters();
        ReadMappings();
        ReadConditions();
        var resources = _document.Get("Resources").AsMap() ?? new MapNode();
        FoldSchemas(resources);
        FoldApplicationOutputs(resources);
        DecideResources(resources);
        var built = new List<(ResourceInfo Info, List<PulumiResource> Statements, HashSet<string> References)>();
        foreach (var info in _resources.Values)
        {
            var statements = BuildResource(info, out var references);
            built.Add((info, statements, references));
        }

        Order(built);
        ReadOutputs();
    }

    private Diagnostic Report(DiagnosticDescriptor descriptor, Node? at, string message)
    {
        var span = at is not null && at.Span.IsKnown ? at.Span : SourceSpan.DocumentStart(_path);
        var diagnostic = Diagnostic.Create(descriptor, span, message);
        if (!_dryRun)
        {
            _diagnostics.Add(diagnostic);
        }

        return diagnostic;
    }

    private void ReadParameters()
    {
        foreach (var (name, node) in _document.Get("Parameters").AsMap() ?? new MapNode())
        {
            var type = node.Get("Type").AsString() ?? "String";
            var kind = type switch
            {
                "Number" => "number",
                _ when type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal) => type.Contains("List", StringComparison.Ordinal) ? "ssmlist" : "ssm",
                _ when type.StartsWith("List<", StringComparison.Ordinal) || type == "CommaDelimitedList" => "list",
                _ => "string",
            };
            var allowed = node.Get("AllowedValues").AsList()?.OfType<ScalarNode>().ToList();
            var parameter = new PulumiParameter(name, _names.Take(name), kind, node.Get("Default") as ScalarNode, allowed, node.Get("Description").AsString(), node.Get("NoEcho") is ScalarNode { IsTrue: true } || node.Get("NoEcho").AsString() == "true");
            _parameters[name] = parameter;
            _program.Parameters.Add(parameter);
        }
    }

    private void ReadMappings()
    {
        foreach (var (name, node) in _document.Get("Mappings").AsMap() ?? new MapNode())
        {
            if (node is MapNode map)
            {
                var mapping = new PulumiMapping(name, _names.Take(name), map);
                _mappings[name] = mapping;
                _program.Mappings.Add(mapping);
            }
        }
    }

    private void ReadConditions()
    {
        var conditions = _document.Get("Conditions").AsMap() ?? new MapNode();
        foreach (var name in conditions.Keys)
        {
            _conditionVariables[name] = _names.Take(name);
        }

        // Conditions may use each other: emit in dependency order.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name)
        {
            if (done.Contains(name) || !visiting.Add(name))
            {
                return;
            }

            var node = conditions[name]!;
            foreach (var dependency in ConditionReferences(node))
            {
                if (conditions.ContainsKey(dependency))
                {
                    Visit(dependency);
                }
            }

            _where = $"condition \"{name}\"";
            _conditionMode = true;
            var value = Convert(node, null, name);
            _conditionMode = false;
            if (value.IsOutput)
            {
                Report(DiagnosticCatalog.PulumiDeployTimeCondition, node, $"Condition \"{name}\" depends on a value known only at deployment (a resource attribute or account lookup); a Pulumi program decides which resources to create before deploying.");
            }

            _program.Conditions.Add(new PulumiCondition(name, _conditionVariables[name], value));
            done.Add(name);
        }

        foreach (var name in conditions.Keys)
        {
            Visit(name);
        }
    }

    private static IEnumerable<string> ConditionReferences(Node node)
    {
        switch (node)
        {
            case MapNode { Count: 1 } m when m.KeyAt(0) == "Condition" && m.ValueAt(0).AsString() is { } name:
                yield return name;
                break;
            case MapNode m:
                foreach (var v in m.Values)
                {
                    foreach (var r in ConditionReferences(v))
                    {
                        yield return r;
                    }
                }

                break;
            case ListNode l:
                foreach (var v in l)
                {
                    foreach (var r in ConditionReferences(v))
                    {
                        yield return r;
                    }
                }

                break;
        }
    }

    private void DecideResources(MapNode resources)
    {
        foreach (var (logicalId, node) in resources)
        {
            var definition = node as MapNode ?? new MapNode();
            var type = definition.Get("Type").AsString() ?? string.Empty;
            var properties = definition.Get("Properties").AsMap() ?? new MapNode();
            var conditional = definition.Get("Condition").AsString() is not null;
            if (_foldedInto.TryGetValue(logicalId, out var holder))
            {
                _resources[logicalId] = new ResourceInfo(logicalId, string.Empty, type, definition, null, null, conditional) { FoldedInto = holder };
                continue;
            }

            var variable = _names.Take(logicalId);
            PulumiClass? chosen = null;
            ClassicMapping? mapping = null;
            string? classicReason = null;
            _dryRun = true;
            _where = $"resource \"{logicalId}\"";
            var classic = PulumiCatalog.ClassicFor(type);
            if (classic is not null)
            {
                var cls = PulumiCatalog.Classic(classic.Token);
                try
                {
                    _ = BuildArgs(logicalId, type, properties, cls, classic, []);
                    CheckAttributes(logicalId, cls, classic);
                    chosen = cls;
                    mapping = classic;
                }
                catch (NotExpressibleException ex)
                {
                    classicReason = ex.Message;
                }
            }

            string? nativeReason = null;
            if (chosen is null && PulumiCatalog.Native(IsCustomResource(type) ? CustomResourceType : type) is { } native)
            {
                try
                {
                    _ = BuildArgs(logicalId, type, properties, native, null, []);
                    CheckAttributes(logicalId, native, null);
                    chosen = native;
                }
                catch (NotExpressibleException ex)
                {
                    nativeReason = ex.Message;
                }
            }

            _dryRun = false;
            if (chosen is null)
            {
                var why = nativeReason ?? classicReason ?? _foldRefusals.GetValueOrDefault(logicalId) ?? "neither @pulumi/aws nor @pulumi/aws-native has a class for this type";
                Report(DiagnosticCatalog.PulumiUnmappedResource, node, $"Resource \"{logicalId}\" of type \"{type}\" cannot be expressed in the Pulumi program: {why}.");
            }
            else if (chosen.IsNative && classic is not null)
            {
                Report(DiagnosticCatalog.PulumiNativeFallback, node, $"Resource \"{logicalId}\" ({type}) uses @pulumi/aws-native: the classic provider cannot express it ({classicReason}).");
            }

            _resources[logicalId] = new ResourceInfo(logicalId, variable, type, definition, chosen, mapping, conditional);
        }

        foreach (var (schema, api) in _foldedInto)
        {
            if (_resources[api].Class is not { IsNative: false })
            {
                var type = _resources[schema].CfnType;
                Report(DiagnosticCatalog.PulumiUnmappedResource, resources[schema], $"Resource \"{schema}\" of type \"{type}\" cannot be expressed in the Pulumi program: only the classic class of \"{api}\" can hold it, and \"{api}\" cannot use that class.");
            }
        }
    }

    /// <summary>
    /// An AWS::AppSync::GraphQLSchema whose ApiId is the ApiId of a GraphQL API of the same template (and under the
    /// same condition) has no classic class of its own: the classic GraphQLApi holds the schema in its <c>schema</c>
    /// input. Such a schema becomes part of its API's statement; DependsOn on the schema waits for the API.
    /// </summary>
    private void FoldSchemas(MapNode resources)
    {
        foreach (var (logicalId, node) in resources)
        {
            if (node.Get("Type").AsString() != "AWS::AppSync::GraphQLSchema" || node.Get("Properties").AsMap() is not { } properties)
            {
                continue;
            }

            var apiId = properties.Get("ApiId") as MapNode;
            var parts = apiId is { Count: 1 } && apiId.KeyAt(0) == "Fn::GetAtt" ? GetAttParts(apiId.ValueAt(0)) : [];
            if (parts is not [{ } api, "ApiId"]
                || resources.Get(api) is not MapNode target
                || target.Get("Type").AsString() != "AWS::AppSync::GraphQLApi"
                || target.Get("Condition").AsString() != node.Get("Condition").AsString()
                || _schemas.ContainsKey(api)
                || properties.Keys.Any(k => k is not ("ApiId" or "Definition" or "DefinitionS3Location")))
            {
                continue;
            }

            if (properties.Get("DefinitionS3Location") is { } location && SchemaObject(location) is null)
            {
                _foldRefusals[logicalId] = $"DefinitionS3Location {(location.AsString() is { } path ? $"\"{path}\"" : "(computed)")} is not an S3 location (s3://bucket/key); upload the schema first (sam package)";
                continue;
            }

            _foldedInto[logicalId] = api;
            _schemas[api] = properties;
        }
    }

    /// <summary>
    /// Likewise an AWS::KinesisAnalytics::ApplicationOutput whose ApplicationName is a Ref to an application of the
    /// same template: the classic AnalyticsApplication lists its outputs in its <c>outputs</c> input.
    /// </summary>
    private void FoldApplicationOutputs(MapNode resources)
    {
        foreach (var (logicalId, node) in resources)
        {
            if (node.Get("Type").AsString() != "AWS::KinesisAnalytics::ApplicationOutput"
                || node.Get("Properties").AsMap() is not { } properties
                || properties.Keys.Any(k => k is not ("ApplicationName" or "Output"))
                || properties.Get("Output") is not MapNode { IsIntrinsic: false } output
                || properties.Get("ApplicationName") is not MapNode { Count: 1 } name
                || name.KeyAt(0) != "Ref"
                || name.ValueAt(0).AsString() is not { } application
                || resources.Get(application) is not MapNode target
                || target.Get("Type").AsString() != "AWS::KinesisAnalytics::Application"
                || target.Get("Condition").AsString() != node.Get("Condition").AsString())
            {
                continue;
            }

            _foldedInto[logicalId] = application;
            if (!_applicationOutputs.TryGetValue(application, out var list))
            {
                _applicationOutputs[application] = list = [];
            }

            list.Add(output);
        }
    }

    /// <summary>Every Fn::GetAtt attribute used on <paramref name="logicalId"/> must have an output.</summary>
    private void CheckAttributes(string logicalId, PulumiClass cls, ClassicMapping? mapping)
    {
        foreach (var attribute in AttributesUsed(_document, logicalId))
        {
            if (cls.Token == "aws-native:cloudformation:Stack" && attribute.StartsWith("Outputs.", StringComparison.Ordinal))
            {
                continue;
            }

            if (AttributeOutput(cls, mapping, attribute) is null)
            {
                throw new NotExpressibleException($"no output for attribute \"{attribute}\"");
            }
        }
    }

    private static IEnumerable<string> AttributesUsed(Node node, string logicalId)
    {
        switch (node)
        {
            case MapNode { Count: 1 } m when m.KeyAt(0) == "Fn::GetAtt":
            {
                var value = m.ValueAt(0);
                var parts = GetAttParts(value);
                if (parts.Length == 2 && parts[0] == logicalId && parts[1] is not null)
                {
                    yield return parts[1]!;
                }

                break;
            }

            case MapNode { Count: 1 } m when m.KeyAt(0) == "Fn::Sub":
            {
                var text = m.ValueAt(0) is ListNode l && l.Count > 0 ? l[0].AsString() : m.ValueAt(0).AsString();
                foreach (var part in SubParts(text ?? string.Empty))
                {
                    if (part is SubVariable v && v.Name.Split('.', 2) is [var id, var attribute] && id == logicalId)
                    {
                        yield return attribute;
                    }
                }

                if (m.ValueAt(0) is ListNode { Count: 2 } withVariables)
                {
                    foreach (var a in AttributesUsed(withVariables[1], logicalId))
                    {
                        yield return a;
                    }
                }

                break;
            }

            case MapNode m:
                foreach (var v in m.Values)
                {
                    foreach (var a in AttributesUsed(v, logicalId))
                    {
                        yield return a;
                    }
                }

                break;
            case ListNode l:
                foreach (var v in l)
                {
                    foreach (var a in AttributesUsed(v, logicalId))
                    {
                        yield return a;
                    }
                }

                break;
        }
    }

    private static string? AttributeOutput(PulumiClass cls, ClassicMapping? mapping, string attribute)
    {
        if (cls.Token == CustomResourceEmulator)
        {
            // Whatever the function returned in Data (read with CustomResourceAttribute).
            return "data";
        }

        if (mapping is not null && mapping.Attributes.TryGetValue(attribute, out var mapped))
        {
            return mapped;
        }

        var camel = Naming.Camel(attribute.Replace(".", string.Empty, StringComparison.Ordinal));
        var flat = cls.Outputs.FirstOrDefault(o => string.Equals(o, camel, StringComparison.OrdinalIgnoreCase));
        if (flat is not null || !attribute.Contains('.', StringComparison.Ordinal))
        {
            return flat;
        }

        // Endpoint.Address: a member of an object output (Pulumi lifts property access on outputs).
        var parts = attribute.Split('.');
        var head = cls.Outputs.FirstOrDefault(o => string.Equals(o, Naming.Camel(parts[0]), StringComparison.OrdinalIgnoreCase));
        return head is null ? null : head + string.Concat(parts.Skip(1).Select(p => "." + Naming.Camel(p)));
    }

    private List<PulumiResource> BuildResource(ResourceInfo info, out HashSet<string> references)
    {
        references = new HashSet<string>(StringComparer.Ordinal);
        if (info.Class is null)
        {
            return [];
        }

        _where = $"resource \"{info.LogicalId}\"";
        _references = references;
        var properties = info.Definition.Get("Properties").AsMap() ?? new MapNode();
        var extras = new List<PulumiResource>();
        List<KeyValuePair<string, PValue>> args;
        try
        {
            args = BuildArgs(info.LogicalId, info.CfnType, properties, info.Class, info.Mapping, extras);
        }
        catch (NotExpressibleException ex)
        {
            // The dry run passed, so a value reported above (an undeclared name, a computed attribute) left a
            // required input empty.
            Report(DiagnosticCatalog.PulumiUnmappedResource, info.Definition, $"Resource \"{info.LogicalId}\" of type \"{info.CfnType}\" cannot be expressed in the Pulumi program: {ex.Message}.");
            return [];
        }
        string? condition = null;
        if (info.Definition.Get("Condition").AsString() is { } conditionName)
        {
            condition = _conditionVariables.GetValueOrDefault(conditionName);
            if (condition is null)
            {
                Report(DiagnosticCatalog.PulumiUnsupportedIntrinsic, info.Definition.Get("Condition"), $"Resource \"{info.LogicalId}\" names condition \"{conditionName}\", which the template does not declare.");
            }
            else if (_yaml)
            {
                Report(DiagnosticCatalog.PulumiYamlUnsupported, info.Definition.Get("Condition"), $"Pulumi YAML cannot create resource \"{info.LogicalId}\" only when condition \"{conditionName}\" holds. Use --target pulumi-typescript.");
            }
        }

        var dependsOn = new List<(string, string, bool)>();
        var depends = info.Definition.Get("DependsOn");
        var dependencyNames = depends is ListNode dl ? dl.Select(d => d.AsString()).OfType<string>() : depends.AsString() is { } one ? [one] : [];
        foreach (var name in dependencyNames)
        {
            var dependency = _foldedInto.GetValueOrDefault(name) ?? name;
            if (dependency == info.LogicalId)
            {
                continue;
            }

            if (_resources.TryGetValue(dependency, out var target) && target.Class is not null)
            {
                dependsOn.Add((target.Variable, target.LogicalId, target.Conditional));
                references.Add(dependency);
            }
        }

        var retain = info.Definition.Get("DeletionPolicy").AsString() is "Retain" or "RetainExceptOnCreate";
        var primary = new PulumiResource(info.LogicalId, info.LogicalId, info.Variable, info.CfnType, info.Class, args, condition, dependsOn, retain);
        var result = new List<PulumiResource> { primary };
        // Extras use the primary's outputs, except a custom resource's response bucket, which it uses.
        result.InsertRange(info.Class.Token == CustomResourceEmulator ? 0 : 1, extras.Select(e => e with { Condition = condition, Retain = retain }));
        return result;
    }

    private void Order(List<(ResourceInfo Info, List<PulumiResource> Statements, HashSet<string> References)> built)
    {
        var pending = built.ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var next = pending.FindIndex(b => b.References.All(r => r == b.Info.LogicalId || placed.Contains(r) || !_resources.ContainsKey(r)));
            if (next < 0)
            {
                var cycle = string.Join(", ", pending.Select(p => $"\"{p.Info.LogicalId}\""));
                Report(DiagnosticCatalog.PulumiReferenceCycle, pending[0].Info.Definition, $"Resources {cycle} reference each other in a cycle; a Pulumi program must create each after the ones it references.");
                next = 0;
            }

            var item = pending[next];
            pending.RemoveAt(next);
            placed.Add(item.Info.LogicalId);
            _program.Resources.AddRange(item.Statements);
        }
    }

    private void ReadOutputs()
    {
        foreach (var (name, node) in _document.Get("Outputs").AsMap() ?? new MapNode())
        {
            _where = $"output \"{name}\"";
            _references = new HashSet<string>(StringComparer.Ordinal);
            var value = node.Get("Value");
            if (value is null)
            {
                continue;
            }

            var converted = Convert(value, null, name);
            string? condition = null;
            if (node.Get("Condition").AsString() is { } conditionName)
            {
                condition = _conditionVariables.GetValueOrDefault(conditionName);
                if (_yaml)
                {
                    Report(DiagnosticCatalog.PulumiYamlUnsupported, node.Get("Condition"), $"Pulumi YAML cannot export output \"{name}\" only when condition \"{conditionName}\" holds. Use --target pulumi-typescript.");
                }
            }

            _program.Outputs.Add(new PulumiOutput(name, _names.TakeExport(name), converted, condition, node.Get("Description").AsString()));
        }
    }

    /// <summary>A parsed piece of an Fn::Sub string.</summary>
    private sealed record SubVariable(string Name);

    private static List<object> SubParts(string text)
    {
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    literal.Append(text, i, text.Length - i);
                    break;
                }

                var inner = text[(i + 2)..end];
                if (inner.StartsWith('!'))
                {
                    literal.Append("${").Append(inner[1..]).Append('}');
                }
                else
                {
                    if (literal.Length > 0)
                    {
                        parts.Add(literal.ToString());
                        literal.Clear();
                    }

                    parts.Add(new SubVariable(inner.Trim()));
                }

                i = end + 1;
            }
            else
            {
                literal.Append(text[i]);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }

        return parts;
    }

    private static string?[] GetAttParts(Node argument)
    {
        if (argument is ListNode { Count: 2 } list)
        {
            return [list[0].AsString(), list[1].AsString()];
        }

        return argument.AsString() is { } text ? text.Split('.', 2) : [];
    }
}
