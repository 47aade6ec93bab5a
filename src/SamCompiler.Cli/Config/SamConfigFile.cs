using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using SourceSpan = SamCompiler.Text.SourceSpan;

namespace SamCompiler.Cli.Config;

/// <summary>
/// A samconfig file as SAM CLI reads it (samcli/lib/config/samconfig.py): <c>version</c>, then
/// <c>[ENV.COMMAND.parameters]</c> tables whose keys are option names with underscores
/// (<c>[default.deploy.parameters] stack_name = "app"</c>); <c>[ENV.global.parameters]</c> applies to every command.
/// TOML (read with Tomlyn's syntax parser) or YAML (samc's own loader), chosen by the extension.
/// </summary>
public sealed class SamConfigFile
{
    /// <summary>The names looked for in the working folder, in SAM CLI's order.</summary>
    public static readonly string[] DefaultNames = ["samconfig.toml", "samconfig.yaml", "samconfig.yml"];

    private readonly Dictionary<string, object> _root;

    private SamConfigFile(string path, Dictionary<string, object> root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>The file's path as given or found.</summary>
    public string Path { get; }

    /// <summary>
    /// The parameters for <paramref name="command"/> (e.g. <c>deploy</c>, <c>local_start_api</c>) in environment
    /// <paramref name="environment"/>: the global table overlaid with the command's.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object>> ParametersFor(string environment, string command)
    {
        var merged = new Dictionary<string, object>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var section in new[] { "global", command })
        {
            if (Table(_root, environment) is { } env && Table(env, section) is { } cmd && Table(cmd, "parameters") is { } parameters)
            {
                foreach (var (k, v) in parameters)
                {
                    if (!merged.ContainsKey(k))
                    {
                        order.Add(k);
                    }

                    merged[k] = v;
                }
            }
        }

        return [.. order.Select(k => new KeyValuePair<string, object>(k, merged[k]))];
    }

    /// <summary>Reads a samconfig file; null with a SAM0025 diagnostic when it is unreadable or malformed.</summary>
    public static SamConfigFile? Read(string displayPath, string fullPath, out Diagnostic? error)
    {
        error = null;
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = Diagnostic.Create(DiagnosticCatalog.SamConfigInvalid, SourceSpan.DocumentStart(displayPath), $"The config file \"{displayPath}\" cannot be read: {ex.Message}");
            return null;
        }

        var ext = System.IO.Path.GetExtension(fullPath).ToLowerInvariant();
        var root = ext is ".yaml" or ".yml" ? FromYaml(displayPath, text, out error) : FromToml(displayPath, text, out error);
        return root is null ? null : new SamConfigFile(displayPath, root);
    }

    private static Dictionary<string, object>? Table(Dictionary<string, object> parent, string key) =>
        parent.TryGetValue(key, out var v) ? v as Dictionary<string, object> : null;

    private static Dictionary<string, object>? FromToml(string path, string text, out Diagnostic? error)
    {
        error = null;
        var doc = SyntaxParser.Parse(text, path, validate: true);
        if (doc.HasErrors)
        {
            var first = doc.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error);
            var span = first is null ? SourceSpan.DocumentStart(path) : Span(path, first.Span);
            error = Diagnostic.Create(DiagnosticCatalog.SamConfigInvalid, span, $"The config file is not valid TOML: {first?.Message ?? "syntax error"}.");
            return null;
        }

        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var kv in doc.KeyValues)
        {
            Put(root, Keys(kv.Key!), Value(kv.Value!));
        }

        foreach (var table in doc.Tables)
        {
            if (table is not TableSyntax t || t.Name is null)
            {
                continue; // arrays of tables have no meaning in samconfig
            }

            var target = root;
            foreach (var part in Keys(t.Name))
            {
                if (!target.TryGetValue(part, out var next) || next is not Dictionary<string, object> nested)
                {
                    nested = new Dictionary<string, object>(StringComparer.Ordinal);
                    target[part] = nested;
                }

                target = nested;
            }

            foreach (var item in t.Items)
            {
                if (item is KeyValueSyntax kv)
                {
                    Put(target, Keys(kv.Key!), Value(kv.Value!));
                }
            }
        }

        return root;
    }

    private static SourceSpan Span(string path, Tomlyn.Syntax.SourceSpan span)
    {
        var start = new LinePosition(span.Start.Line + 1, span.Start.Column + 1, span.Start.Offset);
        return new SourceSpan(path, start, start);
    }

    private static List<string> Keys(KeySyntax key)
    {
        var parts = new List<string> { KeyText(key.Key!) };
        foreach (var dotted in key.DotKeys)
        {
            parts.Add(KeyText(dotted.Key!));
        }

        return parts;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax s => s.Value ?? string.Empty,
        _ => key.ToString() ?? string.Empty,
    };

    private static object Value(ValueSyntax value) => value switch
    {
        StringValueSyntax s => s.Value ?? string.Empty,
        BooleanValueSyntax b => b.Value,
        IntegerValueSyntax i => i.Value,
        FloatValueSyntax f => f.Value,
        ArraySyntax a => a.Items.Select(item => Value(item.Value!)).ToList(),
        InlineTableSyntax t => InlineTable(t),
        _ => value.ToString()?.Trim() ?? string.Empty,
    };

    private static Dictionary<string, object> InlineTable(InlineTableSyntax table)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var item in table.Items)
        {
            if (item.KeyValue is { } kv)
            {
                Put(result, Keys(kv.Key!), Value(kv.Value!));
            }
        }

        return result;
    }

    private static void Put(Dictionary<string, object> target, List<string> keys, object value)
    {
        for (var i = 0; i < keys.Count - 1; i++)
        {
            if (!target.TryGetValue(keys[i], out var next) || next is not Dictionary<string, object> nested)
            {
                nested = new Dictionary<string, object>(StringComparer.Ordinal);
                target[keys[i]] = nested;
            }

            target = nested;
        }

        target[keys[^1]] = value;
    }

    private static Dictionary<string, object>? FromYaml(string path, string text, out Diagnostic? error)
    {
        error = null;
        var load = YamlDocumentLoader.Load(new SourceText(path, text));
        if (load.Root is null || load.HasErrors)
        {
            var first = load.Diagnostics.FirstOrDefault(d => d.IsError);
            error = Diagnostic.Create(DiagnosticCatalog.SamConfigInvalid, first?.Span ?? SourceSpan.DocumentStart(path), $"The config file is not valid YAML: {first?.Message ?? "not a mapping"}");
            return null;
        }

        return (Dictionary<string, object>)FromNode(load.Root);
    }

    private static object FromNode(Node node) => node switch
    {
        MapNode m => m.ToDictionary(kv => kv.Key, kv => FromNode(kv.Value), StringComparer.Ordinal),
        ListNode l => l.Select(FromNode).ToList(),
        ScalarNode { Kind: ScalarKind.Boolean } b => b.IsTrue,
        ScalarNode { Kind: ScalarKind.Integer } i => long.TryParse(i.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : i.Text,
        ScalarNode { Kind: ScalarKind.Float } f => f.NumberValue,
        ScalarNode { Kind: ScalarKind.Null } => string.Empty,
        ScalarNode s => s.Text,
        _ => string.Empty,
    };
}
