using SamCompiler.Diagnostics;
using SamCompiler.Emit.CloudFormation;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.LanguageExtensions;

namespace SamCompiler;

/// <summary>Output formats of <see cref="TemplateCompiler"/>.</summary>
public enum OutputFormat
{
    /// <summary>CloudFormation JSON.</summary>
    Json,

    /// <summary>CloudFormation YAML.</summary>
    Yaml,
}

/// <summary>Options of one compilation.</summary>
public sealed record CompileOptions
{
    /// <summary>JSON or YAML.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Json;

    /// <summary>Translation options (region, parameter values).</summary>
    public TranslateOptions Translate { get; init; } = new();
}

/// <summary>The result of a compilation: the output text (null when there are errors) and sorted diagnostics.</summary>
public sealed record Compilation(string? Output, MapNode? Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>The compiler facade: text in, CloudFormation (or diagnostics) out. Does no I/O.</summary>
public static class TemplateCompiler
{
    /// <summary>Compiles a SAM template to CloudFormation.</summary>
    public static Compilation Compile(SourceText source, CompileOptions options)
    {
        var document = Translate(source, options.Translate, out var diagnostics);
        if (document is null)
        {
            return new Compilation(null, null, diagnostics);
        }

        var text = options.Format == OutputFormat.Yaml ? CfnYamlWriter.Write(document) : CfnJsonWriter.Write(document);
        return new Compilation(text, document, diagnostics);
    }

    /// <summary>Loads and translates; returns the CloudFormation document or null on errors.</summary>
    public static MapNode? Translate(SourceText source, TranslateOptions options, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var load = YamlDocumentLoader.Load(source);
        if (load.Root is null || load.HasErrors)
        {
            diagnostics = DiagnosticBag.Assemble(load.Diagnostics);
            return null;
        }

        var root = load.Root;
        IReadOnlyList<Diagnostic> extensions = [];
        if (LanguageExtensionsTransform.IsDeclared(root))
        {
            var applied = LanguageExtensionsTransform.Apply(source, root, options);
            extensions = applied.Diagnostics;
            if (applied.Template is null)
            {
                diagnostics = DiagnosticBag.Assemble([.. load.Diagnostics, .. extensions]);
                return null;
            }

            root = applied.Template;
        }

        if (!SamTranslator.NeedsTransform(root))
        {
            diagnostics = DiagnosticBag.Assemble([.. load.Diagnostics, .. extensions]);
            return root;
        }

        TranslateResult result;
        try
        {
            if (options.LocalArtifacts)
            {
                Emit.Pulumi.LocalArtifacts.Rewrite(root);
            }

            result = SamTranslator.Translate(source, root, options);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var bug = Diagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.DocumentStart(source.Path), $"Internal error while translating: {ex.GetType().Name}: {ex.Message} This is a bug in samc; please report it with the template.");
            diagnostics = [.. load.Diagnostics, .. extensions, bug];
            return null;
        }

        diagnostics = DiagnosticBag.Assemble([.. load.Diagnostics, .. extensions, .. result.Diagnostics]);
        return result.Template;
    }
}
