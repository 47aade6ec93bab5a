using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SamCompiler.Local.Pool;

/// <summary>
/// CloudWatch-named metrics of one function: Invocations, Errors, Throttles, Duration, ConcurrentExecutions. The
/// duration percentiles are over the last <see cref="DurationWindow"/> invocations, so memory stays bounded however
/// long a server runs.
/// </summary>
public sealed class FunctionMetrics
{
    /// <summary>How many recent durations the percentiles are computed over.</summary>
    public const int DurationWindow = 10_000;

    private readonly Lock _gate = new();
    private readonly double[] _durations = new double[DurationWindow];
    private long _durationCount;
    private long _invocations;
    private long _errors;
    private long _throttles;
    private long _coldStarts;
    private int _concurrent;
    private int _maxConcurrent;

    /// <summary>Invocations that ran (successful or not; throttled requests are not invocations).</summary>
    public long Invocations { get { lock (_gate) { return _invocations; } } }

    /// <summary>Invocations that ended with a function error.</summary>
    public long Errors { get { lock (_gate) { return _errors; } } }

    /// <summary>Requests refused with TooManyRequestsException.</summary>
    public long Throttles { get { lock (_gate) { return _throttles; } } }

    /// <summary>Invocations that started an environment.</summary>
    public long ColdStarts { get { lock (_gate) { return _coldStarts; } } }

    /// <summary>The highest number of invocations in flight at once.</summary>
    public int MaxConcurrentExecutions { get { lock (_gate) { return _maxConcurrent; } } }

    /// <summary>Counts an invocation entering an environment; returns the new concurrency.</summary>
    public int Enter()
    {
        lock (_gate)
        {
            _concurrent++;
            _maxConcurrent = Math.Max(_maxConcurrent, _concurrent);
            return _concurrent;
        }
    }

    /// <summary>Counts an invocation leaving.</summary>
    public void Leave(TimeSpan duration, bool error, bool cold)
    {
        lock (_gate)
        {
            _concurrent--;
            _invocations++;
            _durations[_durationCount++ % DurationWindow] = duration.TotalMilliseconds;
            if (error)
            {
                _errors++;
            }

            if (cold)
            {
                _coldStarts++;
            }
        }
    }

    /// <summary>Counts a throttled request.</summary>
    public void Throttle()
    {
        lock (_gate)
        {
            _throttles++;
        }
    }

    /// <summary>The nearest-rank percentile of the durations in ms (0 without invocations).</summary>
    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_durationCount == 0)
            {
                return 0;
            }

            var sorted = _durations.Take((int)Math.Min(_durationCount, DurationWindow)).Order().ToList();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }

    /// <summary>Writes the metrics of every function as JSON: <c>{"functions": {"Name": {...}}}</c>.</summary>
    public static byte[] ToJson(IEnumerable<KeyValuePair<string, FunctionMetrics>> metrics)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("functions");
            foreach (var (name, m) in metrics)
            {
                w.WriteStartObject(name);
                w.WriteNumber("Invocations", m.Invocations);
                w.WriteNumber("Errors", m.Errors);
                w.WriteNumber("Throttles", m.Throttles);
                w.WriteNumber("DurationP50", Math.Round(m.Percentile(50), 2));
                w.WriteNumber("DurationP99", Math.Round(m.Percentile(99), 2));
                w.WriteNumber("ConcurrentExecutions", m.MaxConcurrentExecutions);
                w.WriteNumber("ColdStarts", m.ColdStarts);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>A text table of the metrics (printed at shutdown).</summary>
    public static string ToTable(IEnumerable<KeyValuePair<string, FunctionMetrics>> metrics)
    {
        var text = new StringBuilder();
        text.AppendLine("Function                         Invocations  Errors  Throttles  Duration p50 (ms)  Duration p99 (ms)  ConcurrentExecutions (max)");
        foreach (var (name, m) in metrics)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{name,-32} {m.Invocations,11}  {m.Errors,6}  {m.Throttles,9}  {m.Percentile(50),17:0.00}  {m.Percentile(99),17:0.00}  {m.MaxConcurrentExecutions,26}"));
        }

        return text.ToString();
    }
}
