using SamCompiler.Diagnostics;
using SamCompiler.Model;

namespace SamCompiler.Validation.Rules;

/// <summary>A Function URL with AuthType NONE (SAM FunctionUrlConfig or AWS::Lambda::Url) is callable by anyone on the internet.</summary>
public sealed class FunctionUrlAuthNoneRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionUrlAuthNone;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var resource in template.Model.Resources)
        {
            var value = resource switch
            {
                ServerlessFunction fn => fn.FunctionUrlAuthType,
                { Type: "AWS::Lambda::Url" } => resource.Value("AuthType"),
                _ => null,
            };
            if (value?.AsString() == "NONE")
            {
                context.Report(value, resource.KeySpan, $"The Function URL of \"{resource.LogicalId}\" has AuthType NONE: anyone can invoke it. Use AWS_IAM, or check callers in the code and suppress this.", resource.LogicalId);
            }
        }
    }
}
