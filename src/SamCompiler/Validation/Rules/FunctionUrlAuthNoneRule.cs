using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>A Function URL with AuthType NONE (SAM FunctionUrlConfig or AWS::Lambda::Url) is callable by anyone on the internet.</summary>
public sealed class FunctionUrlAuthNoneRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionUrlAuthNone;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var resource in template.Resources)
        {
            var node = resource.Type switch
            {
                "AWS::Serverless::Function" => resource["FunctionUrlConfig"].Get("AuthType"),
                "AWS::Lambda::Url" => resource["AuthType"],
                _ => null,
            };
            if (template.String(node) == "NONE")
            {
                context.Report(node, resource.KeySpan, $"The Function URL of \"{resource.LogicalId}\" has AuthType NONE: anyone can invoke it. Use AWS_IAM, or check callers in the code and suppress this.", resource.LogicalId);
            }
        }
    }
}
