using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SamCompiler.Local.Events;

/// <summary>One sample event: its service, name, help and options with their defaults.</summary>
/// <param name="Service">The service (s3, sqs, ...).</param>
/// <param name="Name">The event (put, receive-message, ...).</param>
/// <param name="Help">One line of help.</param>
/// <param name="Options">Option names and default values, in the manifest's order.</param>
public sealed record EventSample(string Service, string Name, string Help, IReadOnlyList<KeyValuePair<string, string>> Options);

/// <summary>
/// The sample events of <c>samc local generate-event</c>: JSON files under templates/events/ (embedded in the
/// assembly) listed by templates/events/events.json with their options. A sample refers to an option as
/// <c>${name}</c> (inside a JSON string: escaped), <c>${name:number}</c>, <c>${name:json}</c> (raw, validated),
/// <c>${name:base64}</c> or <c>${name:md5}</c>.
/// </summary>
public static partial class EventSamples
{
    private const string ResourcePrefix = "SamCompiler.Local.Events.";

    /// <summary>Every sample, by service then event, in the manifest's order.</summary>
    public static IReadOnlyList<EventSample> All()
    {
        var manifest = Read("events.json") ?? throw new InvalidOperationException("The generate-event manifest (templates/events/events.json) is missing from this build of samc.");
        using var doc = JsonDocument.Parse(manifest);
        var list = new List<EventSample>();
        foreach (var service in doc.RootElement.EnumerateObject())
        {
            foreach (var e in service.Value.EnumerateObject())
            {
                var options = e.Value.GetProperty("options").EnumerateObject().Select(o => new KeyValuePair<string, string>(o.Name, o.Value.GetString() ?? string.Empty)).ToList();
                list.Add(new EventSample(service.Name, e.Name, e.Value.GetProperty("help").GetString() ?? string.Empty, options));
            }
        }

        return list;
    }

    /// <summary>
    /// The event <paramref name="name"/> of <paramref name="service"/> with <paramref name="values"/> applied over the
    /// defaults; null with a message when the event or an option is unknown or a value does not fit.
    /// </summary>
    public static string? Generate(string service, string name, IReadOnlyDictionary<string, string> values, out string? error)
    {
        error = null;
        var all = All();
        var sample = all.FirstOrDefault(s => s.Service == service && s.Name == name);
        if (sample is null)
        {
            var services = all.Select(s => s.Service).Distinct().ToList();
            error = !services.Contains(service)
                ? $"Unknown service \"{service}\"; samc has sample events for {string.Join(", ", services.Select(s => $"\"{s}\""))}."
                : $"Unknown event \"{name}\" for \"{service}\"; it has {string.Join(", ", all.Where(s => s.Service == service).Select(s => $"\"{s.Name}\""))}.";
            return null;
        }

        var unknown = values.Keys.Where(k => sample.Options.All(o => o.Key != k)).ToList();
        if (unknown.Count > 0)
        {
            error = $"Unknown option{(unknown.Count == 1 ? string.Empty : "s")} {string.Join(", ", unknown.Select(u => $"\"--{u}\""))} for \"{service} {name}\"; it takes {string.Join(", ", sample.Options.Select(o => $"\"--{o.Key}\""))}.";
            return null;
        }

        var text = Read($"{service}/{name}.json") ?? throw new InvalidOperationException($"The sample templates/events/{service}/{name}.json is missing from this build of samc.");
        var effective = sample.Options.ToDictionary(o => o.Key, o => values.TryGetValue(o.Key, out var v) ? v : o.Value, StringComparer.Ordinal);
        string? problem = null;
        var result = Placeholder().Replace(text, m =>
        {
            var value = effective[m.Groups[1].Value];
            switch (m.Groups[2].Value)
            {
                case "number":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        problem ??= $"The option \"--{m.Groups[1].Value}\" must be a number; it is \"{value}\".";
                    }

                    return value;
                case "json":
                    try
                    {
                        using var parsed = JsonDocument.Parse(value);
                    }
                    catch (JsonException)
                    {
                        problem ??= $"The option \"--{m.Groups[1].Value}\" must be JSON; it is \"{value}\".";
                    }

                    return value;
                case "base64":
                    return Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
                case "md5":
                    return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(value)));
                default:
                    var quoted = JsonSerializerEscape(value);
                    return quoted;
            }
        });
        if (problem is not null)
        {
            error = problem;
            return null;
        }

        return result;
    }

    private static string JsonSerializerEscape(string value)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStringValue(value);
        }

        var json = Encoding.UTF8.GetString(stream.ToArray());
        return json[1..^1];
    }

    [GeneratedRegex(@"\$\{([a-z0-9-]+)(?::(number|json|base64|md5))?\}")]
    private static partial Regex Placeholder();

    /// <summary>A sample file: the embedded resource, else templates/events/ of the source tree (development builds).</summary>
    private static string? Read(string relative)
    {
        var assembly = typeof(EventSamples).Assembly;
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(n =>
            string.Equals(n.Replace('\\', '/'), ResourcePrefix + relative, StringComparison.Ordinal)
            || string.Equals(n, ResourcePrefix + relative.Replace('/', '.'), StringComparison.Ordinal));
        if (resource is not null)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates", "events", relative);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        return null;
    }
}
