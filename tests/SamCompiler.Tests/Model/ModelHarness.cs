using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Tests.Model;

/// <summary>Builds models from YAML text.</summary>
internal static class ModelHarness
{
    public static SamTemplate Build(string yaml, ModelOptions? options = null)
    {
        var source = new SourceText("template.yaml", yaml);
        var load = YamlDocumentLoader.Load(source);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics.Select(d => d.Message)));
        return SamTemplate.Build(source, load.Root!, options ?? new ModelOptions());
    }

    public static ModelOptions Overrides(params (string Name, string Value)[] values) => new()
    {
        ParameterOverrides = values.ToDictionary(v => v.Name, v => (Node)ScalarNode.String(v.Value), StringComparer.Ordinal),
    };

    /// <summary>The value of an Outputs entry, evaluated.</summary>
    public static ModelValue Output(this SamTemplate template, string name) => template.Evaluate(template.Root["Outputs"].Get(name).Get("Value"));
}
