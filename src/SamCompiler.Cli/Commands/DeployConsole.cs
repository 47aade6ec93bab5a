using System.Globalization;
using SamCompiler.Deploy.CloudFormation;
using SamCompiler.Deploy.Deploying;
using SamCompiler.Deploy.Packaging;

namespace SamCompiler.Cli.Commands;

/// <summary>
/// Draws package and deploy progress on stderr. On a terminal (stderr not redirected, CI not set) a progress bar is
/// redrawn in place and only failures are kept as lines; otherwise every stack event is one plain line, for CI logs.
/// </summary>
public sealed class DeployConsole : IDeployProgress, IPackageProgress
{
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private int _total;
    private bool _barShown;

    /// <summary>Creates the console.</summary>
    public DeployConsole(TextWriter error, bool interactive)
    {
        _out = error;
        _interactive = interactive;
    }

    /// <summary>True when stderr is a terminal and CI is not set.</summary>
    public static bool IsInteractive(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected
            && !(context.Environment.TryGetValue("CI", out var ci) && !string.IsNullOrEmpty(ci) && ci != "false");
    }

    /// <inheritdoc />
    public void Status(string message) => Line(message);

    /// <inheritdoc />
    public void Artifact(LocalArtifact artifact, ArtifactLocation location, bool uploaded)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(location);
        Line(uploaded
            ? string.Create(CultureInfo.InvariantCulture, $"Uploaded {artifact.SourcePath} to {location.S3Uri} ({artifact.Content().Length:N0} bytes)")
            : $"Unchanged {artifact.SourcePath} ({location.S3Uri} exists)");
    }

    /// <inheritdoc />
    public void Changes(IReadOnlyList<ResourceChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var rows = changes.Select(c => new[] { c.Action, c.LogicalResourceId, c.ResourceType, c.Replacement ?? "-" }).ToList();
        Table(_out, ["Action", "LogicalResourceId", "ResourceType", "Replacement"], rows, "Change set:");
    }

    /// <inheritdoc />
    public void Executing(int resourceCount)
    {
        _total = resourceCount;
        Line($"Executing the change set ({resourceCount} {(resourceCount == 1 ? "resource" : "resources")})");
        if (_interactive)
        {
            lock (_lock)
            {
                DrawBar("waiting for CloudFormation");
            }
        }
    }

    /// <inheritdoc />
    public void Event(StackEvent stackEvent)
    {
        ArgumentNullException.ThrowIfNull(stackEvent);
        var e = stackEvent;
        var reason = string.IsNullOrEmpty(e.ResourceStatusReason) ? string.Empty : "  " + e.ResourceStatusReason;
        var text = string.Create(CultureInfo.InvariantCulture, $"{e.Timestamp.UtcDateTime:HH:mm:ss}  {e.ResourceStatus,-28} {e.LogicalResourceId}  {e.ResourceType}{reason}");
        if (!_interactive)
        {
            Line(text);
            return;
        }

        lock (_lock)
        {
            if (e.ResourceType != "AWS::CloudFormation::Stack" && (e.ResourceStatus.EndsWith("_COMPLETE", StringComparison.Ordinal) || e.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal)))
            {
                _done.Add(e.LogicalResourceId);
            }

            if (e.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal))
            {
                ClearBar();
                _out.WriteLine(text);
            }

            DrawBar($"{e.LogicalResourceId} {e.ResourceStatus}");
        }
    }

    /// <inheritdoc />
    public void Finished()
    {
        lock (_lock)
        {
            ClearBar();
        }
    }

    /// <summary>Prints a table with a title.</summary>
    public static void Table(TextWriter writer, string[] headers, IReadOnlyList<string[]> rows, string title)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        writer.WriteLine(title);
        writer.WriteLine("  " + string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        writer.WriteLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in rows)
        {
            writer.WriteLine("  " + string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    private void Line(string text)
    {
        lock (_lock)
        {
            ClearBar();
            _out.WriteLine(text);
        }
    }

    private void DrawBar(string last)
    {
        const int width = 30;
        var total = Math.Max(_total, 1);
        var done = Math.Min(_done.Count, total);
        var filled = done * width / total;
        var bar = new string('#', filled) + new string('-', width - filled);
        var text = string.Create(CultureInfo.InvariantCulture, $"[{bar}] {done}/{total}  {last}");
        _out.Write("\r\u001b[2K" + (text.Length > 110 ? text[..110] : text));
        _out.Flush();
        _barShown = true;
    }

    private void ClearBar()
    {
        if (_barShown)
        {
            _out.Write("\r\u001b[2K");
            _barShown = false;
        }
    }
}
