using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// Kinesis and DynamoDB event settings (CreateEventSourceMapping): ParallelizationFactor 1-10, MaximumRetryAttempts
/// -1 to 10,000, MaximumRecordAgeInSeconds -1 or 60 to 604,800.
/// </summary>
public sealed class EventStreamSettingsRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.EventStreamSettings;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Functions)
        {
            foreach (var e in fn.Events().Where(e => e.Type is "Kinesis" or "DynamoDB"))
            {
                Check(template, context, fn, e, "ParallelizationFactor", 1, Quotas.ParallelizationFactor.Value, allowMinusOne: false);
                Check(template, context, fn, e, "MaximumRetryAttempts", -1, Quotas.StreamRetryAttempts.Value, allowMinusOne: true);
                Check(template, context, fn, e, "MaximumRecordAgeInSeconds", 60, Quotas.StreamRecordAge.Value, allowMinusOne: true);
            }
        }
    }

    private static void Check(LintTemplate template, RuleContext context, LintResource fn, LintEvent e, string property, long min, long max, bool allowMinusOne)
    {
        var node = e.Properties[property];
        if (template.Number(node) is not { } value || (allowMinusOne && value == -1) || (value >= min && value <= max))
        {
            return;
        }

        var range = allowMinusOne && min != -1 ? $"-1 or {min} to {RuleText.Count(max)}" : $"{min} to {RuleText.Count(max)}";
        context.Report(node, e.KeySpan, $"{property} {RuleText.Num(value)}{RuleText.Via(node)} of {e.Type} event \"{e.Id}\" is outside the Lambda range of {range}.", fn.LogicalId);
    }
}
