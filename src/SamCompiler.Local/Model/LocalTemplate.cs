using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Local.Model;

/// <summary>Options of <see cref="LocalTemplate"/>: region, account and parameter values.</summary>
public sealed record LocalTemplateOptions
{
    /// <summary>The AWS::Region pseudo parameter (and AWS_REGION).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The AWS::AccountId pseudo parameter.</summary>
    public string AccountId { get; init; } = ModelOptions.LocalAccountId;

    /// <summary>Parameter values given on the command line; they win over the Parameters defaults.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The model options local runs use (SAM CLI's placeholders: stack "local", resource refs as logical ids).</summary>
    public ModelOptions ToModelOptions() => ModelOptions.ForLocal(Region, ParameterOverrides.ToDictionary(p => p.Key, p => (Node)ScalarNode.String(p.Value), StringComparer.Ordinal)) with
    {
        AccountId = AccountId,
    };
}

/// <summary>
/// A SAM template read for local runs: the template's <see cref="SamTemplate"/> model (Globals merged, parameters and
/// intrinsics evaluated as SAM CLI evaluates them locally) plus what only a local run needs: functions found by logical
/// id or FunctionName, code and layer folders made absolute and checked, deployment packages unpacked.
/// </summary>
public sealed class LocalTemplate
{
    private readonly string _templateDirectory;

    private LocalTemplate(SamTemplate model, string templateDirectory)
    {
        Model = model;
        _templateDirectory = templateDirectory;
    }

    /// <summary>The model (read once; start-api and start-lambda read routes and settings from it too).</summary>
    public SamTemplate Model { get; }

    private string Path0 => Model.Source.Path;

    /// <summary>The partition of a region (the model's one rule, <see cref="Partitions.ForRegion"/>).</summary>
    public static string PartitionOf(string region) => Partitions.ForRegion(region);

    /// <summary>
    /// Loads <paramref name="source"/>; null with diagnostics when it is not a template mapping. Errors the model finds
    /// (an invalid Globals section) are in <paramref name="diagnostics"/>, as the translator reports them.
    /// </summary>
    public static LocalTemplate? Load(SourceText source, string templateDirectory, LocalTemplateOptions options, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var model = SamTemplate.Load(source, options.ToModelOptions(), out diagnostics);
        return model is null ? null : new LocalTemplate(model, templateDirectory);
    }

    /// <summary>
    /// A property value as a string, from the model's evaluator (parameters, pseudo parameters, Ref to a
    /// resource as its logical id, Fn::Sub, Fn::Join); null when it cannot be resolved locally.
    /// </summary>
    public string? StringOf(Node? node) => Model.Evaluate(node).AsString();

    /// <summary>Logical ids of the functions samc can run (serverless and plain Lambda functions), in template order.</summary>
    public IReadOnlyList<string> FunctionIds => [.. Model.Functions.Select(f => f.LogicalId)];

    /// <summary>
    /// Resolves the function named <paramref name="identifier"/> (logical id, else FunctionName; null when the
    /// template has exactly one function). Returns null with an error diagnostic when it cannot be run.
    /// </summary>
    public LocalFunction? Resolve(string? identifier, List<Diagnostic> diagnostics)
    {
        var functions = Model.Functions;
        FunctionResource? fn;
        if (identifier is null)
        {
            if (functions.Count != 1)
            {
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticCatalog.LocalFunctionNotFound,
                    SourceSpan.DocumentStart(Path0),
                    functions.Count == 0
                        ? $"The template \"{Path0}\" has no function to invoke."
                        : $"The template \"{Path0}\" has {functions.Count} functions; name one of them ({string.Join(", ", functions.Select(f => $"\"{f.LogicalId}\""))})."));
                return null;
            }

            fn = functions[0];
        }
        else
        {
            fn = functions.FirstOrDefault(f => f.LogicalId == identifier)
                ?? functions.FirstOrDefault(f => f.FunctionName.AsString() == identifier);
        }

        if (fn is null)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticCatalog.LocalFunctionNotFound,
                SourceSpan.DocumentStart(Path0),
                $"Function \"{identifier}\" not found in template \"{Path0}\"; the template has {(functions.Count == 0 ? "no functions" : string.Join(", ", functions.Select(f => $"\"{f.LogicalId}\"")))}."));
            return null;
        }

        var logicalId = fn.LogicalId;
        var errors = diagnostics.Count;
        if (fn.IsImage)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalRuntimeUnsupported, fn.PackageType.Span, $"Function \"{logicalId}\" is a container image function; samc runs Zip functions only (use SAM CLI with Docker for images)."));
            return null;
        }

        var runtime = fn.Runtime.AsString() ?? string.Empty;
        if (runtime.Length == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalPropertyInvalid, fn.Definition.Span, $"Function \"{logicalId}\" has no Runtime; samc needs one to run it."));
        }

        var codeDirectory = ResolveCode(fn, diagnostics);
        var timeout = Number(fn.Timeout, FunctionResource.DefaultTimeout, "Timeout", logicalId, diagnostics);
        var memory = Number(fn.MemorySize, FunctionResource.DefaultMemorySize, "MemorySize", logicalId, diagnostics);
        var layers = ResolveLayers(fn, diagnostics);
        var environment = fn.EnvironmentVariables.Select(v => new KeyValuePair<string, string>(v.Name, v.Value.AsString() ?? string.Empty)).ToList();
        if (diagnostics.Skip(errors).Any(d => d.IsError) || codeDirectory is null)
        {
            return null;
        }

        return new LocalFunction
        {
            LogicalId = logicalId,
            FunctionName = fn.FunctionName.AsString(),
            Runtime = runtime,
            Handler = fn.Handler.AsString() ?? string.Empty,
            CodeDirectory = codeDirectory,
            Timeout = timeout,
            MemorySize = (int)memory,
            Environment = environment,
            Layers = layers,
            Architecture = fn.Architecture,
        };
    }

    private string? ResolveCode(FunctionResource fn, List<Diagnostic> diagnostics)
    {
        var code = fn.Code;
        var key = fn is ServerlessFunction ? "CodeUri" : "Code";
        var span = code.Node?.Span ?? fn.Properties.Span;
        if (code.Kind == ArtifactKind.Inline && code.Property == "InlineCode")
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, span, $"Function \"{fn.LogicalId}\" uses InlineCode; samc local runs code from a CodeUri folder."));
            return null;
        }

        // SAM CLI's default CodeUri is the template's folder.
        var text = code.Kind == ArtifactKind.Absent ? "." : code.IsLocal ? code.Text : null;
        if (text is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, span, $"The {key} of function \"{fn.LogicalId}\" is not a local folder; samc local runs code from the template's folder (build first, or point {key} at the source)."));
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, span, $"The {key} of function \"{fn.LogicalId}\" contains a NUL character; it is not a path to a local folder."));
            return null;
        }

        var full = Path.GetFullPath(text, _templateDirectory);
        if (File.Exists(full) && (full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".jar", StringComparison.OrdinalIgnoreCase)))
        {
            // A deployment package (a zip, or a Java jar): Lambda unpacks it into /var/task; samc into a cache folder.
            try
            {
                return Files.CodePackages.Unpack(full);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, span, $"The {key} archive \"{text}\" of function \"{fn.LogicalId}\" cannot be unpacked: {ex.Message}"));
                return null;
            }
        }

        if (!Directory.Exists(full))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, span, $"The {key} folder \"{text}\" of function \"{fn.LogicalId}\" does not exist (looked for \"{full}\")."));
            return null;
        }

        return full;
    }

    private List<string> ResolveLayers(FunctionResource fn, List<Diagnostic> diagnostics)
    {
        var result = new List<string>();
        foreach (var layer in fn.Layers)
        {
            var content = layer.Layer?.Content;
            var full = content is { IsLocal: true, Text: { } text } && !text.Contains('\0', StringComparison.Ordinal) ? Path.GetFullPath(text, _templateDirectory) : null;
            if (full is null || !Directory.Exists(full))
            {
                var what = layer.Layer is { } l ? $"\"{l.LogicalId}\"" : $"\"{layer.Value.AsString() ?? "?"}\"";
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalLayerSkipped, layer.Node.Span, $"Layer {what} of function \"{fn.LogicalId}\" is not a LayerVersion of this template with a local ContentUri folder; samc skips it (layers from other accounts or stacks cannot be fetched locally)."));
                continue;
            }

            result.Add(full);
        }

        return result;
    }

    private static double Number(ModelValue value, double fallback, string property, string logicalId, List<Diagnostic> diagnostics)
    {
        if (value.Kind == ValueKind.Absent)
        {
            return fallback;
        }

        if (value.AsNumber() is { } number && number > 0)
        {
            return number;
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalPropertyInvalid, value.Span, $"The {property} of function \"{logicalId}\" must be a positive number; it is \"{value.AsString() ?? "an expression samc cannot resolve"}\"."));
        return fallback;
    }
}
