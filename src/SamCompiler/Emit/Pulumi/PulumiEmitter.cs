using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>The Pulumi languages samc emits.</summary>
public enum PulumiLanguage
{
    /// <summary>A TypeScript project (Pulumi.yaml, package.json, tsconfig.json, index.ts).</summary>
    TypeScript,

    /// <summary>A Pulumi YAML project (Pulumi.yaml).</summary>
    Yaml,
}

/// <summary>One file of an emitted project.</summary>
/// <param name="Path">The path relative to the project folder (forward slashes).</param>
/// <param name="Text">The content.</param>
public sealed record PulumiFile(string Path, string Text);

/// <summary>An emitted project: its files (none when there are errors) and the diagnostics.</summary>
public sealed record PulumiProject(IReadOnlyList<PulumiFile> Files, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>Options of <see cref="PulumiEmitter.Emit"/>.</summary>
public sealed record PulumiEmitOptions
{
    /// <summary>The Pulumi project name.</summary>
    public string ProjectName { get; init; } = "sam-app";

    /// <summary>The template path (for diagnostics).</summary>
    public string SourcePath { get; init; } = "template.yaml";

    /// <summary>
    /// The folder of the template relative to the project folder (forward slashes): local code paths, which are
    /// relative to the template, are rewritten relative to the project so the program finds them.
    /// </summary>
    public string TemplateFolder { get; init; } = ".";
}

/// <summary>
/// Emits a Pulumi project from the transformed CloudFormation document (the one source of truth): resources map to
/// the classic @pulumi/aws provider, or to @pulumi/aws-native when the classic one cannot express them; anything
/// neither can express is a SAM5xxx diagnostic, never a silently dropped resource.
/// </summary>
public static class PulumiEmitter
{
    /// <summary>The pinned package versions of the emitted package.json.</summary>
    public static IReadOnlyDictionary<string, string> Versions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["@pulumi/pulumi"] = "3.248.0",
        ["@pulumi/aws"] = "7.48.0",
        ["@pulumi/aws-native"] = "1.79.0",
        ["typescript"] = "5.9.3",
        ["@types/node"] = "26.6.6",
    };

    /// <summary>Emits the project files for <paramref name="language"/>.</summary>
    public static PulumiProject Emit(MapNode document, PulumiLanguage language, PulumiEmitOptions options)
    {
        var program = PulumiProgramBuilder.Build(RelocateLocalPaths(document, options.TemplateFolder), options.SourcePath, language == PulumiLanguage.Yaml, out var diagnostics);
        var sorted = diagnostics.OrderBy(d => d.Span.Start.Line).ThenBy(d => d.Span.Start.Column).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        if (sorted.Any(d => d.IsError))
        {
            return new PulumiProject([], sorted);
        }

        var name = ProjectName(options.ProjectName);
        var files = language == PulumiLanguage.Yaml
            ? new List<PulumiFile> { new("Pulumi.yaml", PulumiYamlWriter.Write(program, name)) }
            : [new("Pulumi.yaml", ProjectFile(name, program.Description)), new("package.json", PackageJson(name, program.UsesNative)), new("tsconfig.json", TsConfig), new("index.ts", TypeScriptWriter.Write(program)), new(".gitignore", "node_modules/\n")];
        return new PulumiProject(files, sorted);
    }

    /// <summary>A valid Pulumi project name from any text.</summary>
    public static string ProjectName(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var name = builder.ToString().Trim('-', '.');
        return name.Length == 0 ? "sam-app" : name;
    }

    private static MapNode RelocateLocalPaths(MapNode document, string templateFolder)
    {
        if (templateFolder is "." or "")
        {
            return document;
        }

        var copy = (MapNode)document.Clone();
        foreach (var resource in (copy.Get("Resources").AsMap() ?? new MapNode()).Values)
        {
            foreach (var property in new[] { "Code", "Content" })
            {
                if (resource.Get("Properties").Get(property) is MapNode code && LocalArtifacts.LocalPath(code.Get("S3Bucket"), code.Get("S3Key")) is { } path && !Path.IsPathRooted(path))
                {
                    code["S3Key"] = templateFolder.TrimEnd('/') + "/" + path;
                }
            }
        }

        return copy;
    }

    private static string ProjectFile(string name, string? description)
    {
        var builder = new StringBuilder();
        builder.Append("name: ").Append(name).Append('\n');
        builder.Append("runtime:\n  name: nodejs\n  options:\n    typescript: true\n");
        if (description is not null)
        {
            builder.Append("description: ").Append(TypeScriptWriter.Quote(description.Trim())).Append('\n');
        }

        return builder.ToString();
    }

    private static string PackageJson(string name, bool native)
    {
        var builder = new StringBuilder();
        builder.Append("{\n  \"name\": ").Append(TypeScriptWriter.Quote(name)).Append(",\n  \"private\": true,\n  \"main\": \"index.ts\",\n");
        builder.Append("  \"dependencies\": {\n");
        var dependencies = new List<string> { "@pulumi/aws" };
        if (native)
        {
            dependencies.Add("@pulumi/aws-native");
        }

        dependencies.Add("@pulumi/pulumi");
        builder.Append(string.Join(",\n", dependencies.Select(d => $"    \"{d}\": \"{Versions[d]}\""))).Append("\n  },\n");
        builder.Append("  \"devDependencies\": {\n");
        builder.Append(string.Join(",\n", new[] { "@types/node", "typescript" }.Select(d => $"    \"{d}\": \"{Versions[d]}\""))).Append("\n  }\n}\n");
        return builder.ToString();
    }

    private const string TsConfig = """
        {
          "compilerOptions": {
            "strict": true,
            "outDir": "bin",
            "target": "es2020",
            "module": "commonjs",
            "moduleResolution": "node",
            "sourceMap": true,
            "experimentalDecorators": true,
            "pretty": true,
            "noFallthroughCasesInSwitch": true,
            "noImplicitReturns": true,
            "forceConsistentCasingInFileNames": true,
            "skipLibCheck": true
          },
          "files": ["index.ts"]
        }

        """;
}
