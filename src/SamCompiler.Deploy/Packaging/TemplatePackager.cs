using SamCompiler.Diagnostics;
using SamCompiler.Emit.CloudFormation;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Deploy.Packaging;

/// <summary>Options of <see cref="TemplatePackager"/>.</summary>
public sealed record PackageOptions
{
    /// <summary>Write the packaged template as JSON (default YAML, as SAM CLI writes it).</summary>
    public bool UseJson { get; init; }

    /// <summary>
    /// When set, a nested template is compiled with this before it is uploaded (deploy sends plain CloudFormation
    /// to every stack); it returns the CloudFormation text or null with diagnostics.
    /// </summary>
    public Func<SourceText, MapNode, (string? Text, IReadOnlyList<Diagnostic> Diagnostics)>? CompileNested { get; init; }

    /// <summary>How many artifacts are hashed and uploaded at once.</summary>
    public int Parallelism { get; init; } = 4;
}

/// <summary>The packaged template (null on errors), its text, the diagnostics and how many local artifacts it had.</summary>
public sealed record PackageResult(MapNode? Template, string? Text, IReadOnlyList<Diagnostic> Diagnostics, int LocalArtifacts)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// <c>samc package</c>: every local artifact of a template (SAM CLI's packageable resources, AWS::Include locations,
/// serverless-repo metadata, nested templates packaged recursively) is hashed, stored through an
/// <see cref="IArtifactUploader"/> and replaced by its S3 location. The rest of the template, spans included, is
/// kept, so a later compile of the packaged tree still points diagnostics at the user's file.
/// </summary>
public static class TemplatePackager
{
    private const int MaxNesting = 10;

    /// <summary>Packages <paramref name="source"/>, whose file is <paramref name="fullPath"/>.</summary>
    public static Task<PackageResult> PackageAsync(SourceText source, string fullPath, IArtifactUploader uploader, PackageOptions options, CancellationToken cancellationToken) =>
        PackageAsync(source, fullPath, uploader, options, 0, cancellationToken);

    /// <summary>Packages an already loaded template (the tree is modified in place).</summary>
    public static async Task<PackageResult> PackageTreeAsync(SourceText source, MapNode root, string fullPath, IArtifactUploader uploader, PackageOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var diagnostics = new List<Diagnostic>();
        var count = await PackageRootAsync(source, root, fullPath, uploader, options, 0, diagnostics, cancellationToken).ConfigureAwait(false);
        return Finish(root, options, diagnostics, count);
    }

    private static async Task<PackageResult> PackageAsync(SourceText source, string fullPath, IArtifactUploader uploader, PackageOptions options, int depth, CancellationToken cancellationToken)
    {
        var load = YamlDocumentLoader.Load(source);
        if (load.Root is null || load.HasErrors)
        {
            return new PackageResult(null, null, DiagnosticBag.Assemble(load.Diagnostics), 0);
        }

        var diagnostics = new List<Diagnostic>(load.Diagnostics);
        var count = await PackageRootAsync(source, load.Root, fullPath, uploader, options, depth, diagnostics, cancellationToken).ConfigureAwait(false);
        return Finish(load.Root, options, diagnostics, count);
    }

    private static PackageResult Finish(MapNode root, PackageOptions options, List<Diagnostic> diagnostics, int count)
    {
        var assembled = DiagnosticBag.Assemble(diagnostics);
        if (assembled.Any(d => d.IsError))
        {
            return new PackageResult(null, null, assembled, count);
        }

        var text = options.UseJson ? CfnJsonWriter.Write(root) : CfnYamlWriter.Write(root);
        return new PackageResult(root, text, assembled, count);
    }

    private static async Task<int> PackageRootAsync(SourceText source, MapNode root, string fullPath, IArtifactUploader uploader, PackageOptions options, int depth, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(fullPath) ?? ".";
        var jobs = new List<Func<Task<Action<List<Diagnostic>>?>>>();
        foreach (var (parameters, span) in TemplateArtifacts.Includes(root).ToList())
        {
            if (parameters["Location"].AsString() is { } location && IsLocal(location, ArtifactShape.S3Uri))
            {
                var local = Path.GetFullPath(location, folder);
                jobs.Add(async () =>
                {
                    if (!File.Exists(local))
                    {
                        return d => d.Add(Diagnostic.Create(DiagnosticCatalog.ArtifactPathNotFound, span, $"The AWS::Include Location \"{location}\" is not a file (looked for \"{local}\")."));
                    }

                    var placed = await uploader.UploadAsync(LocalArtifact.FromFile(local), cancellationToken).ConfigureAwait(false);
                    return _ => parameters.Set("Location", ScalarNode.String(placed.S3Uri, parameters["Location"]!.Span), parameters.KeySpan("Location"));
                });
            }
        }

        foreach (var site in TemplateArtifacts.Find(root).ToList())
        {
            var job = Plan(site, source, folder, uploader, options, depth, cancellationToken);
            if (job is not null)
            {
                jobs.Add(job);
            }
        }

        var results = new Action<List<Diagnostic>>?[jobs.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        await Task.WhenAll(jobs.Select(async (job, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                results[i] = await Task.Run(job, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        // Applied in template order, on this thread: the tree is not thread-safe.
        foreach (var apply in results)
        {
            apply?.Invoke(diagnostics);
        }

        return jobs.Count;
    }

    private static Func<Task<Action<List<Diagnostic>>?>>? Plan(ArtifactSite site, SourceText source, string folder, IArtifactUploader uploader, PackageOptions options, int depth, CancellationToken cancellationToken)
    {
        var rule = site.Rule;
        var value = site.Value;
        if (rule.Shape == ArtifactShape.Image)
        {
            if (value.AsString() is { } image && !image.Contains('/', StringComparison.Ordinal))
            {
                return () => Task.FromResult<Action<List<Diagnostic>>?>(d => Add(d, site, DiagnosticCatalog.ImageArtifactUnsupported,
                    $"{site.PropertyPath} of \"{site.LogicalId}\" names the local image \"{image}\"; samc does not build or push container images. Push it to ECR and give its URI (account.dkr.ecr.region.amazonaws.com/repo:tag)."));
            }

            return null;
        }

        string? path;
        if (value is null || value.IsNull)
        {
            if (!rule.PackageNullProperty)
            {
                return null;
            }

            path = ".";
        }
        else if (value.AsString() is { } text)
        {
            if (!IsLocal(text, rule.Shape))
            {
                return null;
            }

            path = text;
        }
        else
        {
            return null; // a mapping (already an S3 object, or an intrinsic) or a non-string scalar
        }

        var local = Path.GetFullPath(path, folder);
        var display = path;
        return async () =>
        {
            try
            {
                if (rule.Shape == ArtifactShape.TemplateUrl)
                {
                    if (!File.Exists(local))
                    {
                        return d => Add(d, site, Directory.Exists(local) ? DiagnosticCatalog.ArtifactPropertyInvalid : DiagnosticCatalog.ArtifactPathNotFound,
                            $"{site.PropertyPath} of \"{site.LogicalId}\" must name a template file; \"{display}\" {(Directory.Exists(local) ? "is a folder" : "does not exist")} (looked for \"{local}\").");
                    }

                    return await NestedAsync(site, source, local, display, uploader, options, depth, cancellationToken).ConfigureAwait(false);
                }

                LocalArtifact artifact;
                if (Directory.Exists(local))
                {
                    artifact = LocalArtifact.FromFolder(local);
                }
                else if (File.Exists(local))
                {
                    var ext = Path.GetExtension(local).ToLowerInvariant();
                    artifact = rule.ForceZip && ext is not ".zip" and not ".jar" ? LocalArtifact.FromZippedFile(local) : LocalArtifact.FromFile(local);
                }
                else
                {
                    return d => Add(d, site, DiagnosticCatalog.ArtifactPathNotFound,
                        $"{site.PropertyPath} of \"{site.LogicalId}\" refers to \"{display}\", which is neither a file nor a folder (looked for \"{local}\").");
                }

                var location = await uploader.UploadAsync(artifact, cancellationToken).ConfigureAwait(false);
                return _ => site.Set(Packaged(rule, location, uploader));
            }
            catch (ArtifactPathException ex)
            {
                return d => Add(d, site, ex.SymlinkEscape ? DiagnosticCatalog.ArtifactSymlinkOutside : DiagnosticCatalog.ArtifactPathNotFound, $"{site.PropertyPath} of \"{site.LogicalId}\": {ex.Message}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return d => Add(d, site, DiagnosticCatalog.ArtifactPathNotFound, $"{site.PropertyPath} of \"{site.LogicalId}\": \"{display}\" cannot be read: {ex.Message}");
            }
        };

        static void Add(List<Diagnostic> d, ArtifactSite s, DiagnosticDescriptor descriptor, string message) =>
            d.Add(Diagnostic.Create(descriptor, s.Span, message));
    }

    private static async Task<Action<List<Diagnostic>>?> NestedAsync(ArtifactSite site, SourceText parent, string local, string display, IArtifactUploader uploader, PackageOptions options, int depth, CancellationToken cancellationToken)
    {
        if (depth >= MaxNesting)
        {
            return d => d.Add(Diagnostic.Create(DiagnosticCatalog.ArtifactPropertyInvalid, site.Span, $"Nested templates go deeper than {MaxNesting} levels at \"{display}\"; is a template nesting itself?"));
        }

        var childPath = Path.Combine(Path.GetDirectoryName(parent.Path) ?? string.Empty, display).Replace('\\', '/');
        var child = new SourceText(childPath, await File.ReadAllTextAsync(local, cancellationToken).ConfigureAwait(false));
        var packaged = await PackageAsync(child, local, uploader, options, depth + 1, cancellationToken).ConfigureAwait(false);
        if (packaged.HasErrors || packaged.Template is null)
        {
            return d => d.AddRange(packaged.Diagnostics);
        }

        var text = packaged.Text!;
        if (options.CompileNested is { } compile)
        {
            var (compiled, diagnostics) = compile(child, packaged.Template);
            if (compiled is null)
            {
                return d => d.AddRange(diagnostics);
            }

            text = compiled;
        }

        var location = await uploader.UploadAsync(LocalArtifact.FromTemplate(local, text), cancellationToken).ConfigureAwait(false);
        return _ => site.Set(ScalarNode.String(uploader.Url(location)));
    }

    private static Node Packaged(PackageableProperty rule, ArtifactLocation location, IArtifactUploader uploader) => rule.Shape switch
    {
        ArtifactShape.S3Object => new MapNode
        {
            [rule.BucketProperty ?? "Bucket"] = location.Bucket,
            [rule.KeyProperty ?? "Key"] = location.Key,
        },
        ArtifactShape.TemplateUrl => ScalarNode.String(uploader.Url(location)),
        _ => ScalarNode.String(location.S3Uri),
    };

    /// <summary>A local path, not an S3 URI (or, for template URLs, not an http(s) URL).</summary>
    internal static bool IsLocal(string value, ArtifactShape shape) =>
        !value.StartsWith("s3://", StringComparison.Ordinal)
        && !value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        && !value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        && (shape != ArtifactShape.TemplateUrl || !value.StartsWith("arn:", StringComparison.Ordinal));
}
