using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Validation;

/// <summary>
/// A lint configuration file (<c>.samc.yaml</c> or <c>--config</c>):
/// <code>
/// lint:
///   region: eu-west-1
///   account:
///     concurrency: 3000        # the account's concurrent-executions limit
///   rules:
///     SAM4002: off             # id or kebab-case name: off | info | warning | error
///     missing-reserved-concurrency: warning
///   disabled: [SAM3021]        # same as "off"
/// </code>
/// Levels apply to lint ids (SAM3xxx and SAM4xxx); errors of the YAML and the translator cannot be turned off.
/// </summary>
public sealed record LintConfig(IReadOnlyDictionary<string, RuleLevel> RuleLevels, long? AccountConcurrency, string? Region)
{
    /// <summary>The usual file name, looked for upward from the template's folder.</summary>
    public const string FileName = ".samc.yaml";

    /// <summary>Parses a configuration file; problems are diagnostics on the file.</summary>
    public static LintConfig Parse(SourceText source, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var load = YamlDocumentLoader.Load(source);
        var bag = new DiagnosticBag();
        bag.AddRange(load.Diagnostics);
        var levels = new Dictionary<string, RuleLevel>(StringComparer.Ordinal);
        long? concurrency = null;
        string? region = null;
        if (load.Root?["lint"] is MapNode lint)
        {
            if (lint["rules"] is MapNode rules)
            {
                foreach (var (key, value) in rules)
                {
                    var level = ParseLevel(value);
                    if (level is null)
                    {
                        bag.Add(DiagnosticCatalog.UnknownRuleReference, value.Span, $"The level of \"{key}\" must be off, info, warning or error.");
                        continue;
                    }

                    AddLevel(key, level.Value, rules.KeySpan(key), levels, bag);
                }
            }

            if (lint["disabled"] is ListNode disabled)
            {
                foreach (var item in disabled)
                {
                    if (item.AsString() is { } key)
                    {
                        AddLevel(key, RuleLevel.Off, item.Span, levels, bag);
                    }
                }
            }

            if (lint["account"].Get("concurrency") is ScalarNode { Kind: ScalarKind.Integer } c &&
                long.TryParse(c.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                concurrency = n;
            }

            region = lint["region"].AsString();
        }

        diagnostics = bag.Items;
        return new LintConfig(levels, concurrency, region);
    }

    /// <summary>Options with this configuration applied on top of <paramref name="options"/>.</summary>
    public LintOptions ApplyTo(LintOptions options)
    {
        var levels = new Dictionary<string, RuleLevel>(options.RuleLevels, StringComparer.Ordinal);
        foreach (var (id, level) in RuleLevels)
        {
            levels[id] = level;
        }

        return options with
        {
            RuleLevels = levels,
            AccountConcurrency = AccountConcurrency ?? options.AccountConcurrency,
            Region = Region ?? options.Region,
        };
    }

    private static void AddLevel(string key, RuleLevel level, Text.SourceSpan span, Dictionary<string, RuleLevel> levels, DiagnosticBag bag)
    {
        var descriptor = Suppressions.Lookup(key);
        if (descriptor is null || descriptor.Category is not (DiagnosticCategory.Quota or DiagnosticCategory.Practice))
        {
            bag.Add(DiagnosticCatalog.UnknownRuleReference, span, $"\"{key}\" names no samc lint rule (SAM3xxx or SAM4xxx id, or its name).");
            return;
        }

        levels[descriptor.Id] = level;
    }

    private static RuleLevel? ParseLevel(Node value) => value switch
    {
        ScalarNode { Kind: ScalarKind.Boolean } b when !b.IsTrue => RuleLevel.Off,
        ScalarNode s => s.Text.ToLowerInvariant() switch
        {
            "off" or "none" => RuleLevel.Off,
            "info" or "note" => RuleLevel.Info,
            "warning" or "warn" => RuleLevel.Warning,
            "error" => RuleLevel.Error,
            _ => null,
        },
        _ => null,
    };
}
