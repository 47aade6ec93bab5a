using SamCompiler.Model;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Globals;

/// <summary>
/// Merges the Globals section into each SAM resource and removes it (samtranslator/plugins/globals/globals_plugin.py),
/// with the model's <see cref="GlobalsSection"/> (the one Globals merge).
/// Every resource of a SAM type the reference knows gets a Properties map (an empty one when it had none), as the
/// reference's SamTemplate.set does; then Api definitions get their OpenApiVersion fixed.
/// </summary>
public sealed class GlobalsPlugin : ITemplatePlugin
{
    /// <summary>SamResourceType (sdk/resource.py): the types whose resources the plugin visits.</summary>
    private static readonly HashSet<string> SamResourceTypes = new(StringComparer.Ordinal)
    {
        "AWS::Serverless::Api",
        "AWS::Serverless::Function",
        "AWS::Serverless::SimpleTable",
        "AWS::Serverless::Application",
        "AWS::Serverless::LayerVersion",
        "AWS::Serverless::HttpApi",
        "AWS::Serverless::WebSocketApi",
        "AWS::Serverless::StateMachine",
        "AWS::Serverless::CapacityProvider",
    };

    /// <inheritdoc />
    public void BeforeTransform(TranslationContext context)
    {
        var template = context.SamTemplate;
        var globals = GlobalsSection.Parse(template, out var invalid);
        if (invalid is not null)
        {
            throw new TemplateException(invalid.Message, invalid.Span);
        }

        if (template["Resources"] is MapNode resources)
        {
            foreach (var (logicalId, value) in resources)
            {
                if (value is not MapNode resource || !IsSamResource(resource))
                {
                    continue;
                }

                var properties = resource["Properties"] ?? new MapNode { Span = resource.Span };
                var type = resource["Type"].AsString()!;
                var merged = globals.Merge(type, properties, logicalId, resource["IgnoreGlobals"], out var error);
                if (error is not null)
                {
                    throw new ResourceException(logicalId, error.Message, error.Span);
                }
                resource.Set("Properties", merged, resource.KeySpan("Properties"));
            }
        }

        template.Remove(GlobalsSection.Keyword);
        Api.OpenApiDefinitions.Fix(template);
    }

    /// <summary>
    /// SamResource.valid (sdk/resource.py): a truthy Condition must be a string (checked for every resource), and
    /// the Type must be one of <see cref="SamResourceTypes"/>.
    /// </summary>
    private static bool IsSamResource(MapNode resource)
    {
        SamResource.ValidateCondition(resource);

        return resource["Type"].AsString() is { } type && SamResourceTypes.Contains(type);
    }
}
