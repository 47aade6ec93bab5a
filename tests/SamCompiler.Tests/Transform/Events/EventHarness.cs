using System.Runtime.CompilerServices;
using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.Function;

namespace SamCompiler.Tests.Transform.Events;

/// <summary>
/// Runs FunctionTransformer.GenerateEventResources on a template the way the translator will once the Function
/// transform calls it: plugins first, then each function in template order, with the function, alias and role the
/// reference generates for the same template without Events (from the fixture), collecting errors per function.
/// </summary>
internal sealed class EventHarness
{
    private static readonly Dictionary<string, string> SameTypeAllowed = new(StringComparer.Ordinal)
    {
        ["AWS::S3::Bucket"] = "AWS::S3::Bucket",
        ["AWS::Cognito::UserPool"] = "AWS::Cognito::UserPool",
        ["AWS::SNS::Topic"] = "AWS::SNS::Topic",
    };

    private EventHarness()
    {
    }

    /// <summary>Resources generated or changed (the role), by logical id; the last one wins like the reference's dict update.</summary>
    public Dictionary<string, MapNode> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors, worded as the reference reports them.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The translation context (to inspect the input template).</summary>
    public TranslationContext Context { get; private set; } = null!;

    /// <summary>The folder holding the fixture cases.</summary>
    public static string FixturesDirectory([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Fixtures");

    /// <summary>Loads a YAML or JSON text.</summary>
    public static MapNode Load(string path, string text)
    {
        var result = YamlDocumentLoader.Load(new SourceText(path, text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return result.Root!;
    }

    /// <summary>Translates the events of <paramref name="template"/>; <paramref name="functions"/> comes from a fixture (null: minimal stand-ins).</summary>
    public static EventHarness Run(string path, MapNode template, MapNode? functions)
    {
        var harness = new EventHarness();
        var samTemplate = (MapNode)template.Clone();
        var parameters = new Dictionary<string, Node>(StringComparer.Ordinal) { ["param1"] = "value1", ["param2"] = "value2" };
        var context = new TranslationContext(new SourceText(path, string.Empty), samTemplate, new TranslateOptions(), ParameterBinding.Bind(samTemplate, new ModelOptions { ParameterOverrides = parameters }));
        harness.Context = context;
        foreach (var plugin in TransformRegistry.Plugins)
        {
            plugin.BeforeTransform(context);
        }

        context.Template = (MapNode)samTemplate.Clone();
        var resources = (MapNode)samTemplate["Resources"]!;
        foreach (var (id, node) in resources.ToList())
        {
            if (node is not MapNode definition || definition["Type"].AsString() != "AWS::Serverless::Function")
            {
                continue;
            }

            var function = new SamResource(id, definition, resources.KeySpan(id));
            var (lambda, alias, role) = Generated(function, functions?[id] as MapNode);
            var roleBefore = role?.ToNode().Clone();
            try
            {
                foreach (var r in FunctionTransformer.GenerateEventResources(function, lambda, role, alias, context))
                {
                    if (resources[r.LogicalId] is MapNode existing &&
                        !(SameTypeAllowed.TryGetValue(r.Type, out var allowed) && existing["Type"].AsString() == allowed))
                    {
                        harness.Errors.Add($"Transforming resource with id [{id}] attempts to create a new resource with id [{r.LogicalId}] and type \"{r.Type}\". A resource with that id already exists within this template. Please use a different id for that resource.");
                        continue;
                    }

                    harness.Changed[r.LogicalId] = r.ToNode();
                }
            }
            catch (EventException ex)
            {
                harness.Errors.Add($"Resource with id [{id}] is invalid. {ex.FullMessage}");
            }
            catch (TransformException ex)
            {
                harness.Errors.Add(ex.FullMessage);
            }

            if (role is not null && !Node.DeepEquals(role.ToNode(), roleBefore))
            {
                harness.Changed[role.LogicalId] = role.ToNode();
            }
        }

        return harness;
    }

    private static (CfnResource Lambda, CfnResource? Alias, CfnResource? Role) Generated(SamResource function, MapNode? fixture)
    {
        if (fixture is null)
        {
            var lambda = new CfnResource(function.LogicalId, "AWS::Lambda::Function").PassThrough(function.PassThrough());
            var role = new CfnResource(function.LogicalId + "Role", "AWS::IAM::Role").PassThrough(function.PassThrough());
            role.Properties["ManagedPolicyArns"] = new ListNode(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]);
            return (lambda, null, role);
        }

        var fn = FromNode(function.LogicalId, (MapNode)fixture["function"]!);
        var alias = fixture["aliasId"].AsString() is { } aliasId ? FromNode(aliasId, (MapNode)fixture["alias"]!) : null;
        var roleResource = fixture["roleId"].AsString() is { } roleId ? FromNode(roleId, (MapNode)fixture["role"]!) : null;
        return (fn, alias, roleResource);
    }

    private static CfnResource FromNode(string id, MapNode node)
    {
        var resource = new CfnResource(id, node["Type"].AsString()!);
        foreach (var (k, v) in node)
        {
            switch (k)
            {
                case "Type":
                    break;
                case "Properties":
                    foreach (var (p, value) in (MapNode)v)
                    {
                        resource.Properties[p] = value.Clone();
                    }

                    break;
                case "DependsOn":
                    resource.DependsOn = v.Clone();
                    break;
                default:
                    resource.Attributes[k] = v.Clone();
                    break;
            }
        }

        return resource;
    }

    /// <summary>Resource equality as compare.py sees it: DependsOn is unordered.</summary>
    public static bool SameResource(MapNode expected, MapNode actual) =>
        Node.DeepEquals(NormalizeDependsOn(expected), NormalizeDependsOn(actual));

    private static Node NormalizeDependsOn(MapNode resource)
    {
        var copy = (MapNode)resource.Clone();
        if (copy["DependsOn"] is ListNode list)
        {
            copy["DependsOn"] = new ListNode(list.OrderBy(n => n.AsString() ?? string.Empty, StringComparer.Ordinal));
        }

        return copy;
    }
}
