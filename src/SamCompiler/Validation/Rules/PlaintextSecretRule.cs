using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// A secret written into an environment variable: a literal value under a secret-sounding name (password, secret,
/// token, api key, private key, credential), an AWS access key id, or a long high-entropy literal. Values taken from
/// parameters, dynamic references (<c>{{resolve:...}}</c>), ARNs, URLs and paths are not reported.
/// </summary>
public sealed class PlaintextSecretRule : RuleBase
{
    private static readonly string[] SecretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATEKEY", "PRIVATE_KEY", "CREDENTIAL", "ACCESSKEY", "ACCESS_KEY"];
    private static readonly string[] ReferenceSuffixes = ["_ARN", "_NAME", "_ID", "_URL", "_URI", "_PATH", "_PARAM", "_PARAMETER", "_TABLE", "_BUCKET", "_KEY_ID", "_REGION", "_HEADER", "_TTL", "_TYPE", "_ENDPOINT", "ARN", "NAME"];

    /// <summary>Minimum length of a value reported for its entropy alone.</summary>
    public const int EntropyMinLength = 24;

    /// <summary>Minimum Shannon entropy (bits per character) of a value reported for its entropy alone.</summary>
    public const double EntropyThreshold = 4.0;

    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.PlaintextSecret;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var fn in template.Model.Functions)
        {
            foreach (var variable in fn.EnvironmentVariables)
            {
                // Only literals: values taken from parameters or other intrinsics are not written in the template.
                if (variable.Value.Source is not ScalarNode { Kind: ScalarKind.String } s || IsReference(s.Text))
                {
                    continue;
                }

                var why = Reason(variable.Name, s.Text);
                if (why is not null)
                {
                    context.Report(s, variable.KeySpan, $"The environment variable \"{variable.Name}\" of \"{fn.LogicalId}\" {why}; environment variables are visible to anyone who can read the function configuration. Use a parameter with NoEcho, Secrets Manager or SSM Parameter Store ({{{{resolve:secretsmanager:...}}}}).", fn.LogicalId);
                }
            }
        }
    }

    /// <summary>Why the pair looks like a secret, or null.</summary>
    public static string? Reason(string key, string value)
    {
        if (value.Length >= 20 && (value.StartsWith("AKIA", StringComparison.Ordinal) || value.StartsWith("ASIA", StringComparison.Ordinal)) &&
            value[..20].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            return "holds what looks like an AWS access key id";
        }

        var upper = key.ToUpperInvariant();
        if (value.Length >= 8 && SecretWords.Any(w => upper.Contains(w, StringComparison.Ordinal)) &&
            !ReferenceSuffixes.Any(sfx => upper.EndsWith(sfx, StringComparison.Ordinal)) && !value.Contains(' ', StringComparison.Ordinal))
        {
            return "has a secret-sounding name and a literal value";
        }

        // Identifiers in CamelCase ("NotFoundResponseWithHeaderV2") also score high on entropy; generated tokens and
        // keys either mix in many digits or symbols (15% or more) or are long and very random (40 characters, 4.5 bits).
        var nonLetters = value.Count(c => !char.IsAsciiLetter(c));
        if (value.Length >= EntropyMinLength && !value.Contains(' ', StringComparison.Ordinal) && value.Any(char.IsAsciiLetter) &&
            ((nonLetters >= value.Length * 0.15 && Entropy(value) >= EntropyThreshold) || (value.Length >= 40 && Entropy(value) >= 4.5)))
        {
            return "holds a long random-looking literal (high entropy)";
        }

        return null;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(string value)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        double h = 0;
        foreach (var n in counts.Values)
        {
            var p = (double)n / value.Length;
            h -= p * Math.Log2(p);
        }

        return h;
    }

    private static bool IsReference(string value) =>
        value.Contains("{{resolve:", StringComparison.Ordinal) || value.StartsWith("arn:", StringComparison.Ordinal) ||
        value.Contains("://", StringComparison.Ordinal) || value.StartsWith('/') || value.Contains("${", StringComparison.Ordinal);
}
