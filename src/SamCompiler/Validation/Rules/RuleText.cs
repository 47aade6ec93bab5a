using System.Globalization;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

namespace SamCompiler.Validation.Rules;

/// <summary>Shared wording and small helpers for rule messages.</summary>
internal static class RuleText
{
    /// <summary>A number as written in messages: integral values without decimals, invariant culture.</summary>
    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>" (from parameter "X")" when the value came through a Ref to a parameter, else empty.</summary>
    public static string Via(ModelValue value) =>
        value.Parameter is { } p ? $" (from parameter \"{p}\")" : string.Empty;

    /// <summary>" unit" for messages, or empty for plain counts.</summary>
    public static string Unit(Quota quota) => quota.Unit == "count" ? string.Empty : " " + quota.Unit;

    /// <summary>
    /// Checks <paramref name="value"/> against [min, max] and reports a message in house style about
    /// <paramref name="resource"/> (named <paramref name="name"/> when given, e.g. the implicit ServerlessRestApi).
    /// </summary>
    public static void Range(RuleContext context, TemplateResource resource, ModelValue value, string what, Quota min, Quota max, string service = "Lambda", string? name = null)
    {
        if (value.AsNumber() is not { } number)
        {
            return;
        }

        var id = name ?? resource.LogicalId;
        if (number > max.Value)
        {
            context.Report(value, resource.KeySpan, $"{what} {Num(number)}{Via(value)} of \"{id}\" exceeds the {service} maximum of {Num(max.Value)}{Unit(max)}.", resource.LogicalId);
        }
        else if (number < min.Value)
        {
            context.Report(value, resource.KeySpan, $"{what} {Num(number)}{Via(value)} of \"{id}\" is below the {service} minimum of {Num(min.Value)}{Unit(min)}.", resource.LogicalId);
        }
    }
}
