using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.Policies;
using SamCompiler.Transform.StateMachine;

namespace SamCompiler.Tests.Transform.StateMachine;

/// <summary>
/// Runs <see cref="StateMachineTransformer"/> over the state machines of a template the way the translator does
/// (policy templates expanded first, resources replaced by what is generated), without depending on the
/// transformer being registered. Expectations in the tests are the reference translator's output
/// (python3 /work/shared/conformance/sam_translate.py) for the same input.
/// </summary>
internal static class StateMachineHarness
{
    public const string Header = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          SM:
            Type: AWS::Serverless::StateMachine
            Properties:

        """;

    public sealed record Result(MapNode Resources, List<string> Errors, TranslationContext Context);

    public static Result Translate(string yaml, Action<TranslationContext>? prepare = null)
    {
        var source = new SourceText("template.yaml", yaml);
        var load = YamlDocumentLoader.Load(source);
        Assert.NotNull(load.Root);
        var root = load.Root!;
        var context = new TranslationContext(source, root, new TranslateOptions(), ParameterBinding.Bind(root, new ModelOptions()));
        prepare?.Invoke(context);
        var transformer = new StateMachineTransformer();
        var plugin = new PolicyTemplatesPlugin();
        var output = new MapNode();
        var errors = new List<string>();
        var resources = (MapNode)root["Resources"]!;
        foreach (var (id, node) in resources)
        {
            if (node.Get("Type").AsString() != transformer.ResourceType)
            {
                output[id] = node;
                continue;
            }

            try
            {
                var resource = new SamResource(id, (MapNode)node, resources.KeySpan(id));
                plugin.BeforeTransformResource(resource, context);
                foreach (var generated in transformer.Transform(resource, context))
                {
                    output[generated.LogicalId] = generated.ToNode();
                }
            }
            catch (TransformException e)
            {
                errors.Add(e.FullMessage);
            }
        }

        return new Result(output, errors, context);
    }

    /// <summary>Asserts the generated Resources equal the reference's (key order ignored).</summary>
    public static void AssertResources(string yaml, string expectedResourcesJson)
    {
        var result = Translate(yaml);
        Assert.Empty(result.Errors);
        var expected = YamlDocumentLoader.Load(new SourceText("expected.json", expectedResourcesJson)).Root!;
        Assert.True(
            Node.DeepEquals(expected, result.Resources),
            $"expected:\n{PyJson.Dumps(expected)}\nactual:\n{PyJson.Dumps(result.Resources)}");
    }

    /// <summary>The single error of a template whose SM has the given Properties lines.</summary>
    public static string SingleError(string propertiesLines, string extraResources = "")
    {
        var result = Translate(Header + propertiesLines + "\n" + extraResources);
        return Assert.Single(result.Errors);
    }
}
