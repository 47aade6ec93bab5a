using System.Text.Json;
using SamCompiler.Model.Aws;

namespace SamCompiler.StepFunctions;

/// <summary>
/// The Step Functions limits samc enforces when it runs a state machine, read once from the embedded data file
/// <c>Data/stepfunctions_quotas.json</c> (each with its AWS documentation page and the date it was read).
/// </summary>
public static class StepFunctionsQuotas
{
    private static readonly Lazy<Dictionary<string, Quota>> Loaded = new(Load);

    /// <summary>Largest input or output of a state or execution, in UTF-8 bytes (256 KiB).</summary>
    public static Quota Payload => Loaded.Value["states.payload.max"];

    /// <summary>Largest number of events in one execution's history (25,000).</summary>
    public static Quota HistoryEvents => Loaded.Value["states.history-events.max"];

    /// <summary>Largest definition (1 MB).</summary>
    public static Quota DefinitionSize => Loaded.Value["states.definition-size.max"];

    /// <summary>Longest state or execution name (80 characters).</summary>
    public static Quota NameLength => Loaded.Value["states.name-length.max"];

    /// <summary>Every quota in the file.</summary>
    public static IReadOnlyCollection<Quota> All => Loaded.Value.Values;

    private static Dictionary<string, Quota> Load()
    {
        using var stream = typeof(StepFunctionsQuotas).Assembly.GetManifestResourceStream("SamCompiler.Data.stepfunctions_quotas.json")
            ?? throw new InvalidOperationException("The embedded resource stepfunctions_quotas.json is missing.");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, Quota>(StringComparer.Ordinal);
        foreach (var q in doc.RootElement.GetProperty("quotas").EnumerateArray())
        {
            var quota = new Quota(
                q.GetProperty("key").GetString()!,
                q.GetProperty("value").GetInt64(),
                q.GetProperty("unit").GetString()!,
                q.GetProperty("description").GetString()!,
                q.GetProperty("docUrl").GetString()!,
                q.GetProperty("adjustable").GetBoolean());
            result[quota.Key] = quota;
        }

        return result;
    }
}
