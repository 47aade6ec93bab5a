using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Model.Aws;

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
        foreach (var fn in template.Model.ServerlessFunctions)
        {
            foreach (var e in fn.Events.OfType<StreamEvent>())
            {
                Check(context, fn, e, "ParallelizationFactor", e.ParallelizationFactor, 1, Quotas.ParallelizationFactor.Value, allowMinusOne: false);
                Check(context, fn, e, "MaximumRetryAttempts", e.MaximumRetryAttempts, -1, Quotas.StreamRetryAttempts.Value, allowMinusOne: true);
                Check(context, fn, e, "MaximumRecordAgeInSeconds", e.MaximumRecordAgeInSeconds, 60, Quotas.StreamRecordAge.Value, allowMinusOne: true);
            }
        }
    }

    private static void Check(RuleContext context, FunctionResource fn, StreamEvent e, string property, ModelValue value, long min, long max, bool allowMinusOne)
    {
        if (value.AsNumber() is not { } number || (allowMinusOne && number == -1) || (number >= min && number <= max))
        {
            return;
        }

        var range = allowMinusOne && min != -1 ? $"-1 or {min} to {RuleText.Count(max)}" : $"{min} to {RuleText.Count(max)}";
        context.Report(value, e.KeySpan, $"{property} {RuleText.Num(number)}{RuleText.Via(value)} of {e.Type} event \"{e.Id}\" is outside the Lambda range of {range}.", fn.LogicalId);
    }
}
