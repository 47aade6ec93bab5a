using System.Xml.Linq;
using SamCompiler.Tests.Infrastructure;

namespace SamCompiler.Tests.Architecture;

/// <summary>
/// DESIGN.md's dependency rules, checked on the project files and on the namespaces the code names: SamCompiler
/// references no project of ours; SamCompiler.Local and SamCompiler.Deploy reference SamCompiler only; no library
/// references the CLI; inside SamCompiler the phases point one way (Text &lt;- Diagnostics &lt;- Syntax &lt;- Model
/// &lt;- Transform &lt;- Emit; Validation reads Model and the transformed graph; nothing below the facade reads
/// Validation); Syntax knows nothing of SAM resources; Model nothing of CloudFormation output.
/// </summary>
public sealed class DependencyRulesTests
{
    /// <summary>
    /// The layers of src/SamCompiler by namespace, and the layers each may name. A new top-level folder of the library
    /// must be added here (with the arrows DESIGN.md gives it) before its code builds past this test.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Text"] = ["Text"],
        ["Diagnostics"] = ["Text", "Diagnostics"],
        ["Syntax"] = ["Text", "Diagnostics", "Syntax"],
        ["Model"] = ["Text", "Diagnostics", "Syntax", "Model"],
        ["Transform"] = ["Text", "Diagnostics", "Syntax", "Model", "Transform"],
        ["Emit"] = ["Text", "Diagnostics", "Syntax", "Model", "Transform", "Emit"],
        // Validation also reads Amazon States Language definitions through the Step Functions parser (the ASL rules).
        ["Validation"] = ["Text", "Diagnostics", "Syntax", "Model", "Transform", "StepFunctions", "Validation"],

        // DESIGN.md: the Step Functions interpreter lives in the library, with no I/O; it reads the model.
        ["StepFunctions"] = ["Text", "Diagnostics", "Syntax", "Model", "StepFunctions"],

        // The CloudFormation provider schemas: data, read by the phases that check or compare resources.
        ["Schemas"] = ["Schemas"],

        // samc diff compares two compiled (CloudFormation) documents: it reads nodes and the provider schemas.
        ["Diff"] = ["Text", "Diagnostics", "Syntax", "Schemas", "Diff"],

        // samc graph draws the model's resources and the state machines' definitions.
        ["Graph"] = ["Text", "Diagnostics", "Syntax", "Model", "StepFunctions", "Graph"],

        // The facade (TemplateCompiler.cs) composes every phase.
        [""] = ["Text", "Diagnostics", "Syntax", "Model", "Transform", "Emit", "Validation", "StepFunctions", "Schemas", "Diff", "Graph", ""],
    };

    [Fact]
    public void ProjectReferences_FollowDesignMd()
    {
        Assert.Empty(ProjectReferences("SamCompiler"));
        Assert.Equal(["SamCompiler"], ProjectReferences("SamCompiler.Local"));
        Assert.Equal(["SamCompiler"], ProjectReferences("SamCompiler.Deploy"));
        foreach (var project in Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Select(Path.GetFileName))
        {
            if (project != "SamCompiler.Cli")
            {
                Assert.DoesNotContain("SamCompiler.Cli", ProjectReferences(project!));
            }
        }
    }

    [Fact]
    public void LocalAndDeploy_NameOnlyTheLibraryAndThemselves()
    {
        var violations = new List<string>();
        foreach (var file in SourceFile.All.Where(f => f.Project is "SamCompiler.Local" or "SamCompiler.Deploy"))
        {
            var other = file.Project == "SamCompiler.Local" ? "SamCompiler.Deploy" : "SamCompiler.Local";
            violations.AddRange(file.ReferencedNamespaces
                .Where(ns => ns == other || ns.StartsWith(other + ".", StringComparison.Ordinal) || ns.StartsWith("SamCompiler.Cli", StringComparison.Ordinal))
                .Select(ns => $"{file.RelativePath} names {ns}"));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void InsideTheLibrary_ThePhasesPointOneWay()
    {
        var library = SourceFile.All.Where(f => f.Project == "SamCompiler").ToList();
        Assert.NotEmpty(library);
        var violations = new List<string>();
        foreach (var file in library)
        {
            var layer = LayerOf(file.Namespace);
            Assert.True(layer is not null && Allowed.ContainsKey(layer), $"{file.RelativePath}: namespace \"{file.Namespace}\" is not in a known layer; add its folder to DependencyRulesTests.Allowed with DESIGN.md's arrows.");
            foreach (var ns in file.ReferencedNamespaces)
            {
                var target = LayerOf(ns);
                if (target is null)
                {
                    violations.Add($"{file.RelativePath} names {ns}, outside the library");
                }
                else if (!Allowed[layer!].Contains(target))
                {
                    violations.Add($"{file.RelativePath} ({(layer!.Length == 0 ? "facade" : layer)}) names {ns} ({(target.Length == 0 ? "facade" : target)})");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Syntax_KnowsNothingOfSamResources()
    {
        var syntax = SourceFile.All.Where(f => f.Project == "SamCompiler" && LayerOf(f.Namespace) == "Syntax").ToList();
        Assert.NotEmpty(syntax);
        Assert.All(syntax, f => Assert.DoesNotContain("AWS::", f.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Model_KnowsNothingOfCloudFormationOutput()
    {
        var model = SourceFile.All.Where(f => f.Project == "SamCompiler" && LayerOf(f.Namespace) == "Model").ToList();
        Assert.NotEmpty(model);
        string[] outputTypes = ["CfnResource", "CfnJsonWriter", "CfnYamlWriter", "TranslationContext", "SamTranslator", "PulumiProgram"];
        var violations = model.SelectMany(f => outputTypes.Where(t => f.Code.Contains(t, StringComparison.Ordinal)).Select(t => $"{f.RelativePath} uses {t}")).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void TheScanner_SeesReferencesItMustSee()
    {
        // Guards the text scan itself: a using, a qualified name and a relative name are found; comments and strings are not.
        var code = SourceFile.StripCommentsAndStrings("""
            namespace SamCompiler.Transform.X;
            using SamCompiler.Model;
            // using SamCompiler.Emit;
            var a = "SamCompiler.Validation.Rules";
            var b = SamCompiler.Syntax.PyRepr.Of(n);
            var c = Emit.Pulumi.LocalArtifacts.Bucket;
            """);
        var file = new SourceFile("SamCompiler", "X.cs", "SamCompiler.Transform.X", code, code);
        Assert.Equal(["SamCompiler.Emit.Pulumi.LocalArtifacts", "SamCompiler.Model", "SamCompiler.Syntax.PyRepr"], file.ReferencedNamespaces.Order(StringComparer.Ordinal));
    }

    /// <summary>The layer of a namespace of the library ("" for the facade), or null outside the library.</summary>
    private static string? LayerOf(string ns)
    {
        if (ns == "SamCompiler")
        {
            return string.Empty;
        }

        if (!ns.StartsWith("SamCompiler.", StringComparison.Ordinal))
        {
            return null;
        }

        var layer = ns.Split('.')[1];
        return layer is "Local" or "Deploy" or "Cli" ? null : layer;
    }

    /// <summary>
    /// The projects whose code <paramref name="project"/> compiles against. A reference with
    /// ReferenceOutputAssembly="false" only builds a tool beside it (SamCompiler.Local.DotnetHost, the .NET runtime's
    /// host process), which must itself reference none of our projects.
    /// </summary>
    private static List<string> ProjectReferences(string project)
    {
        var file = Path.Combine(RepoPaths.Root, "src", project, project + ".csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference").ToList();
        foreach (var tool in references.Where(e => string.Equals((string?)e.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.Empty(ProjectReferences(Name(tool)));
        }

        return [.. references
            .Where(e => !string.Equals((string?)e.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(Name)
            .Order(StringComparer.Ordinal)];

        static string Name(XElement e) => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'));
    }
}
