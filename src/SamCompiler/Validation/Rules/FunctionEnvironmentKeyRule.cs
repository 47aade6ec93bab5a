using SamCompiler.Diagnostics;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// Environment variable names Lambda rejects: the reserved runtime names (configuration-envvars.html, "Defined runtime
/// environment variables") and names that do not match the API pattern <c>[a-zA-Z]([a-zA-Z0-9_])+</c> (letters, digits,
/// underscore, starting with a letter). One-letter names are not reported: the pattern's length rule is not applied by
/// every Lambda front end consistently.
/// </summary>
public sealed class FunctionEnvironmentKeyRule : RuleBase
{
    /// <summary>Keys Lambda reserves.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.FunctionEnvironmentKey;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.Functions)
        {
            foreach (var variable in fn.EnvironmentVariables)
            {
                if (Reserved.Contains(variable.Name))
                {
                    context.Report(variable.KeySpan, $"The environment variable \"{variable.Name}\" of \"{fn.LogicalId}\" is reserved by Lambda and cannot be set.", fn.LogicalId);
                }
                else if (!IsValidName(variable.Name))
                {
                    context.Report(variable.KeySpan, $"The environment variable name \"{variable.Name}\" of \"{fn.LogicalId}\" is not valid; Lambda accepts letters, digits and underscores, starting with a letter.", fn.LogicalId);
                }
            }
        }
    }

    /// <summary>True for a name matching <c>[a-zA-Z][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsValidName(string key) =>
        key.Length > 0 && char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
