using SamCompiler.Deploy.Packaging;
using SamCompiler.Diagnostics;
using SamCompiler.Emit.CloudFormation;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Cli.Commands;

/// <summary>
/// <c>samc compile --local-artifacts placeholder</c>: local CodeUri, ContentUri, DefinitionUri (every property of SAM
/// CLI's packageable-resources table) become <c>s3://samc-placeholder/[prefix/]SHA256.ext</c>, the key
/// <c>samc package</c> uploads the same content to; nothing is uploaded and no credentials are needed. The compiled
/// template then differs from what <c>samc deploy</c> sends only in the bucket name (nested templates aside: their
/// packaged text names the bucket, so their hash differs too).
/// </summary>
public static class CompileLocalArtifacts
{
    /// <summary>The values of --local-artifacts.</summary>
    public static readonly string[] Modes = ["error", "placeholder"];

    /// <summary>Packages with placeholders and compiles; returns the output text (null on errors) and diagnostics.</summary>
    public static (string? Output, IReadOnlyList<Diagnostic> Diagnostics) Compile(SourceText source, string fullPath, string? prefix, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var load = YamlDocumentLoader.Load(source);
        if (load.Root is null || load.HasErrors)
        {
            return (null, DiagnosticBag.Assemble(load.Diagnostics));
        }

        var packaged = TemplatePackager.PackageTreeAsync(source, load.Root, fullPath, new PlaceholderUploader(prefix), new PackageOptions(), CancellationToken.None).GetAwaiter().GetResult();
        var diagnostics = new List<Diagnostic>(packaged.Diagnostics);
        if (packaged.HasErrors || packaged.Template is null)
        {
            return (null, DiagnosticBag.Assemble(diagnostics));
        }

        MapNode? document = packaged.Template;
        if (SamTranslator.NeedsTransform(packaged.Template))
        {
            try
            {
                var result = SamTranslator.Translate(source, packaged.Template, options.Translate);
                diagnostics.AddRange(result.Diagnostics);
                document = result.Template;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.DocumentStart(source.Path), $"Internal error while translating: {ex.GetType().Name}: {ex.Message} This is a bug in samc; please report it with the template."));
                document = null;
            }
        }

        var assembled = DiagnosticBag.Assemble(diagnostics);
        if (document is null || assembled.Any(d => d.IsError))
        {
            return (null, assembled);
        }

        return (options.Format == OutputFormat.Yaml ? CfnYamlWriter.Write(document) : CfnJsonWriter.Write(document), assembled);
    }
}
