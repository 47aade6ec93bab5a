using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Validation;

/// <summary>
/// What lint works on: the template's <see cref="SamTemplate"/> model (Globals merged, parameters bound, intrinsics
/// evaluated: rules read typed facts from it), the options of the run, and the transformed CloudFormation (computed
/// once, on first use).
/// </summary>
public sealed class LintTemplate
{
    /// <summary>The bucket of the placeholders that stand for local artifact paths (as sam validate's).</summary>
    public const string PlaceholderBucket = "bucket";

    /// <summary>The placeholder a Zip function with no code location gets (sam validate's).</summary>
    public const string MissingCodePlaceholder = "s3://bucket/value";

    private (MapNode? Document, IReadOnlyList<Diagnostic> Diagnostics)? _translation;

    /// <summary>Builds the model of <paramref name="root"/> for a lint run.</summary>
    public LintTemplate(SourceText source, MapNode root, LintOptions options)
    {
        Options = options;
        Model = SamTemplate.Build(source, root, new ModelOptions { Region = options.Region, ParameterOverrides = options.ParameterOverrides });
    }

    /// <summary>The model rules read.</summary>
    public SamTemplate Model { get; }

    /// <summary>The source text.</summary>
    public SourceText Source => Model.Source;

    /// <summary>The document as loaded (not modified by lint).</summary>
    public MapNode Root => Model.Root;

    /// <summary>The options of the run.</summary>
    public LintOptions Options { get; }

    /// <summary>
    /// The transformed CloudFormation document (null when the translator rejects the template) and the translator's
    /// diagnostics. Generated resources keep the span of the SAM resource key that made them. Local artifact paths are
    /// replaced by S3 placeholders first (<see cref="AsPackaged"/>), so lint works before packaging.
    /// </summary>
    public (MapNode? Document, IReadOnlyList<Diagnostic> Diagnostics) Translation => _translation ??= Translate();

    /// <summary>
    /// A copy of the template as <c>sam validate</c> sees it before packaging: local CodeUri, ContentUri and DefinitionUri
    /// strings become <c>s3://bucket/path</c> (<see cref="Artifacts.RewriteLocalPaths"/>), and a Zip function with no
    /// code location after the Globals merge gets <c>s3://bucket/value</c>. Globals stay for the translator to merge.
    /// </summary>
    public static MapNode AsPackaged(SamTemplate model)
    {
        var copy = (MapNode)model.Root.Clone();
        Artifacts.RewriteLocalPaths(copy, PlaceholderBucket, definitions: true);
        var resources = copy["Resources"] as MapNode;
        foreach (var fn in model.ServerlessFunctions)
        {
            if (fn.IsImage || fn.Code.Kind != ArtifactKind.Absent || fn["ImageUri"] is not null || resources?[fn.LogicalId] is not MapNode resource)
            {
                continue;
            }

            if (resource["Properties"] is not MapNode properties)
            {
                if (resource["Properties"] is not null)
                {
                    continue;
                }

                properties = new MapNode { Span = resource.Span };
                resource.Set("Properties", properties, resource.Span);
            }

            properties.Set("CodeUri", ScalarNode.String(MissingCodePlaceholder, resource.Span), properties.Span);
        }

        return copy;
    }

    private (MapNode?, IReadOnlyList<Diagnostic>) Translate()
    {
        if (!SamTranslator.NeedsTransform(Root))
        {
            return (Root, []);
        }

        try
        {
            var options = new TranslateOptions { Region = Options.Region, ParameterOverrides = Options.ParameterOverrides };
            var result = SamTranslator.Translate(Source, AsPackaged(Model), options);
            return (result.Template, result.Diagnostics);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var bug = Diagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.DocumentStart(Source.Path), $"Internal error while translating: {ex.GetType().Name}: {ex.Message} This is a bug in samc; please report it with the template.");
            return (null, [bug]);
        }
    }
}
