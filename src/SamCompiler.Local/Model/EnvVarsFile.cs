using System.Text.Json;

namespace SamCompiler.Local.Model;

/// <summary>
/// SAM CLI's <c>--env-vars</c> file: a JSON object whose <c>Parameters</c> section applies to every function and
/// whose other sections are keyed by logical id, FunctionName or nested-stack path (<c>Stack/Function</c>); the
/// function's own section wins. Only variables the function declares are overridden; other names are ignored.
/// </summary>
public sealed class EnvVarsFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections;

    private EnvVarsFile(Dictionary<string, Dictionary<string, string>> sections) => _sections = sections;

    /// <summary>Parses the file text; returns null with a message when it is not a JSON object of objects.</summary>
    public static EnvVarsFile? Parse(string text, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            error = $"it is not valid JSON ({ex.Message})";
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "it must be a JSON object whose keys are function names or \"Parameters\"";
                return null;
            }

            var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var section in document.RootElement.EnumerateObject())
            {
                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    error = $"the section \"{section.Name}\" must be an object of variable names to values";
                    return null;
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var variable in section.Value.EnumerateObject())
                {
                    values[variable.Name] = variable.Value.ValueKind switch
                    {
                        JsonValueKind.String => variable.Value.GetString()!,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        JsonValueKind.Null => string.Empty,
                        JsonValueKind.Number => variable.Value.GetRawText(),
                        _ => variable.Value.GetRawText(),
                    };
                }

                sections[section.Name] = values;
            }

            return new EnvVarsFile(sections);
        }
    }

    /// <summary>The function's template variables with the file's values applied (declared names only, order kept).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Apply(LocalFunction function)
    {
        var own = Section(function.LogicalId)
            ?? (function.FunctionName is { } name ? Section(name) : null)
            ?? _sections.FirstOrDefault(s => s.Key.EndsWith("/" + function.LogicalId, StringComparison.Ordinal)).Value;
        var shared = Section("Parameters");
        var result = new List<KeyValuePair<string, string>>(function.Environment.Count);
        foreach (var (key, value) in function.Environment)
        {
            var replaced = own is not null && own.TryGetValue(key, out var v) ? v
                : shared is not null && shared.TryGetValue(key, out v) ? v
                : value;
            result.Add(new(key, replaced));
        }

        return result;
    }

    private Dictionary<string, string>? Section(string key) => _sections.TryGetValue(key, out var s) ? s : null;
}
