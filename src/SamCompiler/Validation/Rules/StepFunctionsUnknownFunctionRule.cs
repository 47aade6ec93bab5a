using SamCompiler.Diagnostics;
using SamCompiler.StepFunctions;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// A Task state that calls a Lambda function (a function ARN, or lambda:invoke's FunctionName) that is not a function
/// of the template, by logical id or FunctionName. A warning: the function may live in another stack.
/// </summary>
public sealed class StepFunctionsUnknownFunctionRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.AslUnknownFunction;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fn in template.Model.Functions)
        {
            names.Add(fn.LogicalId);
            if (fn.FunctionName.AsString() is { } name)
            {
                names.Add(name);
            }
        }

        foreach (var c in StepFunctionsDefinitions.Of(template))
        {
            if (c.Definition is null)
            {
                continue;
            }

            foreach (var target in TaskTargets.Find(c.Definition))
            {
                if (!names.Contains(target.FunctionName))
                {
                    context.Report(c.SpanOf(target.Pointer), $"State machine \"{c.Machine.LogicalId}\": the Task state \"{target.StateName}\" calls the Lambda function \"{target.FunctionName}\", which is not in this template (samc local cannot run it; use !GetAtt <Function>.Arn or a DefinitionSubstitution for a function of the template).", c.Machine.LogicalId);
                }
            }
        }
    }
}
