using System.Globalization;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>Shared wording and small helpers for rule messages.</summary>
internal static class RuleText
{
    /// <summary>A number as written in messages: integral values without decimals, invariant culture.</summary>
    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>" (from parameter "X")" when the value came through a Ref to a parameter, else empty.</summary>
    public static string Via(Node? node) =>
        node is MapNode { Count: 1 } m && m.KeyAt(0) == "Ref" && m["Ref"].AsString() is { } p ? $" (from parameter \"{p}\")" : string.Empty;

    /// <summary>" unit" for messages, or empty for plain counts.</summary>
    public static string Unit(Quota quota) => quota.Unit == "count" ? string.Empty : " " + quota.Unit;

    /// <summary>Checks <paramref name="node"/> against [min, max] and reports a message in house style.</summary>
    public static void Range(LintTemplate template, RuleContext context, LintResource resource, Node? node, string what, Quota min, Quota max, string service = "Lambda")
    {
        if (template.Number(node) is not { } value)
        {
            return;
        }

        if (value > max.Value)
        {
            context.Report(node, resource.KeySpan, $"{what} {Num(value)}{Via(node)} of \"{resource.LogicalId}\" exceeds the {service} maximum of {Num(max.Value)}{Unit(max)}.", resource.LogicalId);
        }
        else if (value < min.Value)
        {
            context.Report(node, resource.KeySpan, $"{what} {Num(value)}{Via(node)} of \"{resource.LogicalId}\" is below the {service} minimum of {Num(min.Value)}{Unit(min)}.", resource.LogicalId);
        }
    }
}
