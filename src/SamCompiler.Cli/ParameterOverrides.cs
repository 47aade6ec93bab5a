using SamCompiler.Syntax;

namespace SamCompiler.Cli;

/// <summary>Parses --parameter-overrides: <c>K=V</c> and SAM CLI's <c>ParameterKey=K,ParameterValue=V</c>.</summary>
public static class ParameterOverrides
{
    /// <summary>Parses the tokens; returns false with a message for a malformed one.</summary>
    public static bool TryParse(IEnumerable<string> tokens, out Dictionary<string, Node> values, out string? error)
    {
        values = new Dictionary<string, Node>(StringComparer.Ordinal);
        error = null;
        foreach (var raw in tokens.SelectMany(SplitTokens))
        {
            string key;
            string value;
            if (raw.StartsWith("ParameterKey=", StringComparison.Ordinal))
            {
                var comma = raw.IndexOf(",ParameterValue=", StringComparison.Ordinal);
                if (comma < 0)
                {
                    error = $"\"{raw}\" is not of the form ParameterKey=K,ParameterValue=V.";
                    return false;
                }

                key = raw["ParameterKey=".Length..comma];
                value = raw[(comma + ",ParameterValue=".Length)..];
            }
            else
            {
                var eq = raw.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    error = $"\"{raw}\" is not of the form KEY=VALUE.";
                    return false;
                }

                key = raw[..eq];
                value = raw[(eq + 1)..];
            }

            values[key] = ScalarNode.String(value);
        }

        return true;
    }

    private static IEnumerable<string> SplitTokens(string token)
    {
        // SAM CLI accepts several overrides in one quoted argument, separated by spaces.
        return token.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
