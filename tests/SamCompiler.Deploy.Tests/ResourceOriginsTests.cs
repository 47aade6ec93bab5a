using SamCompiler.Deploy.Deploying;
using SamCompiler.Deploy.Packaging;
using SamCompiler.Deploy.Tests.Infrastructure;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Deploy.Tests;

/// <summary>Generated CloudFormation resources map back to the SAM resource (and line) that produced them.</summary>
public sealed class ResourceOriginsTests
{
    [Fact]
    public async Task Generated_resources_point_at_the_SAM_resource_that_made_them()
    {
        var folder = Path.Combine(Tools.RepoRoot, "examples", "pipeline");
        var text = (await File.ReadAllTextAsync(Path.Combine(folder, "template.yaml")))
            .Replace("            BatchSize: 5\n", "            BatchSize: 5\n        Api:\n          Type: Api\n          Properties:\n            Path: /\n            Method: get\n", StringComparison.Ordinal);
        var source = new SourceText("template.yaml", text);
        var root = YamlDocumentLoader.Load(source).Root!;
        var packaged = await TemplatePackager.PackageTreeAsync(source, root, Path.Combine(folder, "template.yaml"), new PlaceholderUploader(null), new PackageOptions(), CancellationToken.None);
        Assert.False(packaged.HasErrors);
        var compiled = SamTranslator.Translate(source, packaged.Template!, new TranslateOptions()).Template!;
        var origins = ResourceOrigins.Build(packaged.Template!, compiled);
        var lines = text.Split('\n');
        int Line(string key) => Array.IndexOf(lines, "  " + key + ":") + 1;

        Assert.Equal(("OrdersFunction", Line("OrdersFunction")), (origins["OrdersFunctionRole"].SamLogicalId, origins["OrdersFunctionRole"].Span.Start.Line));
        Assert.Equal(("NotifyFunction", Line("NotifyFunction")), (origins["NotifyFunctionFromQueue"].SamLogicalId, origins["NotifyFunctionFromQueue"].Span.Start.Line));
        Assert.Equal(("NotifyFunction", Line("NotifyFunction")), (origins["ServerlessRestApi"].SamLogicalId, origins["ServerlessRestApi"].Span.Start.Line));
        var layer = compiled["Resources"]!.AsMap()!.Keys.Single(k => k.StartsWith("CommonLayer", StringComparison.Ordinal));
        Assert.Equal(("CommonLayer", Line("CommonLayer")), (origins[layer].SamLogicalId, origins[layer].Span.Start.Line));
        Assert.Equal(("OrderWorkflow", Line("OrderWorkflow")), (origins["OrderWorkflowRole"].SamLogicalId, origins["OrderWorkflowRole"].Span.Start.Line));
        Assert.Equal(("OrdersQueue", Line("OrdersQueue")), (origins["OrdersQueue"].SamLogicalId, origins["OrdersQueue"].Span.Start.Line));
    }
}
