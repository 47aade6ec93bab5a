using System.Globalization;
using System.Text.RegularExpressions;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Local.Model;

/// <summary>Options of <see cref="LocalTemplate"/>: region, account and parameter values.</summary>
public sealed record LocalTemplateOptions
{
    /// <summary>The AWS::Region pseudo parameter (and AWS_REGION).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The AWS::AccountId pseudo parameter.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Parameter values given on the command line; they win over the Parameters defaults.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// A SAM template read for local runs: finds functions by logical id or FunctionName and resolves what running them
/// needs (Globals merged, CodeUri and layer folders made absolute, environment variables resolved).
/// </summary>
public sealed partial class LocalTemplate
{
    private const string ServerlessFunction = "AWS::Serverless::Function";
    private const string LambdaFunction = "AWS::Lambda::Function";

    private readonly MapNode _root;
    private readonly string _templateDirectory;
    private readonly string _path;
    private readonly Dictionary<string, string> _parameters;
    private readonly MapNode _resources;

    private LocalTemplate(MapNode root, string path, string templateDirectory, LocalTemplateOptions options)
    {
        _root = root;
        _path = path;
        _templateDirectory = templateDirectory;
        _resources = root["Resources"].AsMap() ?? new MapNode();
        _parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS::Region"] = options.Region,
            ["AWS::AccountId"] = options.AccountId,
            ["AWS::Partition"] = PartitionOf(options.Region),
            ["AWS::URLSuffix"] = options.Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com",
            ["AWS::StackName"] = "local",
            ["AWS::StackId"] = $"arn:{PartitionOf(options.Region)}:cloudformation:{options.Region}:{options.AccountId}:stack/local/51af3dc0-da77-11e4-872e-1234567db123",
        };
        foreach (var (name, declaration) in root["Parameters"].AsMap() ?? new MapNode())
        {
            if (declaration.Get("Default") is ScalarNode d && Stringify(d) is { } value)
            {
                _parameters[name] = value;
            }
        }

        foreach (var (name, value) in options.ParameterOverrides)
        {
            _parameters[name] = value;
        }
    }

    /// <summary>The partition of a region (aws, aws-cn, aws-us-gov).</summary>
    public static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    /// <summary>Loads <paramref name="source"/>; null with diagnostics when it is not a template mapping.</summary>
    public static LocalTemplate? Load(SourceText source, string templateDirectory, LocalTemplateOptions options, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var loaded = YamlDocumentLoader.Load(source);
        diagnostics = loaded.Diagnostics;
        if (loaded.Root is null || loaded.HasErrors)
        {
            return null;
        }

        return new LocalTemplate(loaded.Root, source.Path, templateDirectory, options);
    }

    /// <summary>Logical ids of the functions samc can run (serverless and plain Lambda functions), in template order.</summary>
    public IReadOnlyList<string> FunctionIds =>
        [.. _resources.Where(r => r.Value.Get("Type").AsString() is ServerlessFunction or LambdaFunction).Select(r => r.Key)];

    /// <summary>
    /// Resolves the function named <paramref name="identifier"/> (logical id, else FunctionName; null when the
    /// template has exactly one function). Returns null with an error diagnostic when it cannot be run.
    /// </summary>
    public LocalFunction? Resolve(string? identifier, List<Diagnostic> diagnostics)
    {
        var ids = FunctionIds;
        string? logicalId;
        if (identifier is null)
        {
            if (ids.Count != 1)
            {
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticCatalog.LocalFunctionNotFound,
                    SourceSpan.DocumentStart(_path),
                    ids.Count == 0
                        ? $"The template \"{_path}\" has no function to invoke."
                        : $"The template \"{_path}\" has {ids.Count} functions; name one of them ({string.Join(", ", ids.Select(i => $"\"{i}\""))})."));
                return null;
            }

            logicalId = ids[0];
        }
        else
        {
            logicalId = ids.FirstOrDefault(i => i == identifier)
                ?? ids.FirstOrDefault(i => _resources[i].Get("Properties").Get("FunctionName").AsString() == identifier);
        }

        if (logicalId is null)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticCatalog.LocalFunctionNotFound,
                SourceSpan.DocumentStart(_path),
                $"Function \"{identifier}\" not found in template \"{_path}\"; the template has {(ids.Count == 0 ? "no functions" : string.Join(", ", ids.Select(i => $"\"{i}\"")))}."));
            return null;
        }

        var resource = _resources[logicalId]!;
        var serverless = resource.Get("Type").AsString() == ServerlessFunction;
        var own = resource.Get("Properties").AsMap() ?? new MapNode();
        var properties = serverless ? FunctionGlobals.Merge(_root.Get("Globals").Get("Function").AsMap(), own) : own;
        var span = resource.Span;
        var errors = diagnostics.Count;

        if (properties["PackageType"].AsString() == "Image")
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalRuntimeUnsupported, properties["PackageType"]!.Span, $"Function \"{logicalId}\" is a container image function; samc runs Zip functions only (use SAM CLI with Docker for images)."));
            return null;
        }

        var runtime = Stringify(properties["Runtime"]) ?? string.Empty;
        var handler = Stringify(properties["Handler"]) ?? string.Empty;
        if (runtime.Length == 0)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalPropertyInvalid, span, $"Function \"{logicalId}\" has no Runtime; samc needs one to run it."));
        }

        var codeDirectory = ResolveCode(logicalId, properties, serverless, diagnostics);
        var timeout = Number(properties["Timeout"], LocalFunction.DefaultTimeout, "Timeout", logicalId, diagnostics);
        var memory = Number(properties["MemorySize"], LocalFunction.DefaultMemorySize, "MemorySize", logicalId, diagnostics);
        var layers = ResolveLayers(logicalId, properties["Layers"], diagnostics);
        var environment = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in properties.Get("Environment").Get("Variables").AsMap() ?? new MapNode())
        {
            environment.Add(new(name, Evaluate(value) ?? string.Empty));
        }

        if (diagnostics.Skip(errors).Any(d => d.IsError) || codeDirectory is null)
        {
            return null;
        }

        return new LocalFunction
        {
            LogicalId = logicalId,
            FunctionName = own["FunctionName"].AsString(),
            Runtime = runtime,
            Handler = handler,
            CodeDirectory = codeDirectory,
            Timeout = timeout,
            MemorySize = (int)memory,
            Environment = environment,
            Layers = layers,
            Architecture = Stringify(properties["Architectures"].AsList() is { Count: > 0 } a ? a[0] : null) ?? "x86_64",
        };
    }

    private string? ResolveCode(string logicalId, MapNode properties, bool serverless, List<Diagnostic> diagnostics)
    {
        var key = serverless ? "CodeUri" : "Code";
        var code = properties[key];
        if (code is null && properties["InlineCode"] is { } inline)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, inline.Span, $"Function \"{logicalId}\" uses InlineCode; samc local runs code from a CodeUri folder."));
            return null;
        }

        var text = code is null ? "." : Evaluate(code);
        if (text is null || code is MapNode || text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, code?.Span ?? properties.Span, $"The {key} of function \"{logicalId}\" is not a local folder; samc local runs code from the template's folder (build first, or point {key} at the source)."));
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, code?.Span ?? properties.Span, $"The {key} of function \"{logicalId}\" contains a NUL character; it is not a path to a local folder."));
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
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, code?.Span ?? properties.Span, $"The {key} archive \"{text}\" of function \"{logicalId}\" cannot be unpacked: {ex.Message}"));
                return null;
            }
        }

        if (!Directory.Exists(full))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalCodeNotFound, code?.Span ?? properties.Span, $"The {key} folder \"{text}\" of function \"{logicalId}\" does not exist (looked for \"{full}\")."));
            return null;
        }

        return full;
    }

    private List<string> ResolveLayers(string logicalId, Node? layers, List<Diagnostic> diagnostics)
    {
        var result = new List<string>();
        foreach (var layer in layers.AsList() ?? [])
        {
            var id = layer.Get("Ref").AsString();
            var resource = id is null ? null : _resources[id];
            var type = resource.Get("Type").AsString();
            var content = type switch
            {
                "AWS::Serverless::LayerVersion" => resource.Get("Properties").Get("ContentUri"),
                "AWS::Lambda::LayerVersion" => resource.Get("Properties").Get("Content"),
                _ => null,
            };
            var text = content is null or MapNode ? null : Evaluate(content);
            var full = text is null || text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || text.Contains('\0', StringComparison.Ordinal) ? null : Path.GetFullPath(text, _templateDirectory);
            if (full is null || !Directory.Exists(full))
            {
                var what = id is null ? $"\"{Evaluate(layer) ?? "?"}\"" : $"\"{id}\"";
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalLayerSkipped, layer.Span, $"Layer {what} of function \"{logicalId}\" is not a LayerVersion of this template with a local ContentUri folder; samc skips it (layers from other accounts or stacks cannot be fetched locally)."));
                continue;
            }

            result.Add(full);
        }

        return result;
    }

    private static double Number(Node? node, double fallback, string property, string logicalId, List<Diagnostic> diagnostics)
    {
        if (node is null)
        {
            return fallback;
        }

        if (Stringify(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.LocalPropertyInvalid, node.Span, $"The {property} of function \"{logicalId}\" must be a positive number; it is \"{Stringify(node) ?? "an expression samc cannot resolve"}\"."));
        return fallback;
    }

    private static string? Stringify(Node? node) => node is ScalarNode s
        ? s.Kind switch
        {
            ScalarKind.Null => string.Empty,
            _ => s.Text,
        }
        : null;

    /// <summary>
    /// Evaluates a property value to a string the way SAM CLI does for local runs: parameters and pseudo parameters
    /// through Ref and Fn::Sub, resources by Ref to their logical id, Fn::Join; null when it cannot be resolved.
    /// </summary>
    public string? Evaluate(Node? node)
    {
        switch (node)
        {
            case null:
                return null;
            case ScalarNode s:
                return Stringify(s);
            case MapNode { Count: 1 } m when m.KeyAt(0) == "Ref":
                var name = m["Ref"].AsString();
                return name is null ? null
                    : _parameters.TryGetValue(name, out var value) ? value
                    : _resources.ContainsKey(name) ? name
                    : null;
            case MapNode { Count: 1 } m when m.KeyAt(0) == "Fn::Sub":
                return EvaluateSub(m["Fn::Sub"]!);
            case MapNode { Count: 1 } m when m.KeyAt(0) == "Fn::Join":
                if (m["Fn::Join"] is ListNode { Count: 2 } join && Evaluate(join[0]) is { } delimiter && join[1] is ListNode parts)
                {
                    var texts = parts.Select(Evaluate).ToList();
                    return texts.Any(t => t is null) ? null : string.Join(delimiter, texts);
                }

                return null;
            default:
                return null;
        }
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubVariable();

    private string? EvaluateSub(Node value)
    {
        string? text;
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (value is ListNode { Count: 2 } list)
        {
            text = list[0].AsString();
            foreach (var (name, v) in list[1].AsMap() ?? new MapNode())
            {
                variables[name] = Evaluate(v);
            }
        }
        else
        {
            text = value.AsString();
        }

        if (text is null)
        {
            return null;
        }

        var unresolved = false;
        var result = SubVariable().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!'))
            {
                return "${" + name[1..] + "}";
            }

            if (variables.TryGetValue(name, out var v) || _parameters.TryGetValue(name, out v) || (_resources.ContainsKey(name) && (v = name) is not null))
            {
                if (v is not null)
                {
                    return v;
                }
            }

            unresolved = true;
            return match.Value;
        });
        return unresolved ? null : result;
    }
}
