using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.Api;

namespace SamCompiler.Tests.Transform.Api;

/// <summary>
/// Runs the API part of the translation on a template: the API plugins, the Api/HttpApi events of each function
/// (against a stand-in Lambda function resource) and the API transformers, in the reference's order.
/// </summary>
internal static class ApiPipeline
{
    public static Dictionary<string, CfnResource> Run(string yaml)
    {
        var source = new SourceText("template.yaml", yaml);
        var root = YamlDocumentLoader.Load(source).Root!;
        var context = new TranslationContext(source, root, new TranslateOptions(), ParameterBinding.Bind(root, new ModelOptions()));
        ITemplatePlugin[] plugins = [new DefaultDefinitionBodyPlugin(), new ImplicitRestApiPlugin(), new ImplicitHttpApiPlugin()];
        foreach (var p in plugins)
        {
            p.BeforeTransform(context);
        }

        OpenApiDefinitions.Fix(context.SamTemplate);
        var output = new Dictionary<string, CfnResource>(StringComparer.Ordinal);
        var resources = context.SamResources;
        foreach (var (id, node) in resources.ToList())
        {
            var r = (MapNode)node;
            if (r["Type"].AsString() != "AWS::Serverless::Function")
            {
                continue;
            }

            var sam = new SamResource(id, r, resources.KeySpan(id));
            var fn = new CfnResource(id, "AWS::Lambda::Function").PassThrough(sam.PassThrough());
            if (sam.Properties["Events"] is not MapNode events)
            {
                continue;
            }

            foreach (var (eventId, e) in events.OrderBy(e => e.Value.Get("Properties").Get("Path").AsString() ?? e.Key, StringComparer.Ordinal))
            {
                var type = e.Get("Type").AsString()!;
                if (ApiEventSources.Handles(type))
                {
                    var props = e.Get("Properties") as MapNode ?? new MapNode();
                    foreach (var c in ApiEventSources.ToCloudFormation(fn, sam, eventId, type, props, null, context))
                    {
                        output[c.LogicalId] = c;
                    }
                }
            }
        }

        IResourceTransformer[] transformers = [new ApiTransformer(), new HttpApiTransformer(), new SimpleTableTransformer()];
        foreach (var t in transformers.OrderBy(t => t.Order))
        {
            foreach (var (id, node) in resources.ToList())
            {
                if (node is MapNode r && r["Type"].AsString() == t.ResourceType)
                {
                    foreach (var c in t.Transform(new SamResource(id, r, resources.KeySpan(id)), context))
                    {
                        output[c.LogicalId] = c;
                    }
                }
            }
        }

        return output;
    }
}
