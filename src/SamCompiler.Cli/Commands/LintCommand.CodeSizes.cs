using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using SamCompiler.Local.Files;
using SamCompiler.Validation;

namespace SamCompiler.Cli.Commands;

/// <summary>The file-system probe lint measures local packages with.</summary>
public static partial class LintCommand
{
    /// <summary>
    /// Measures local CodeUri/ContentUri locations relative to a template's folder: a folder's regular files
    /// (recursively, links not followed), a .zip or .jar archive's entries, or a single file. Bounded, because lint runs
    /// on untrusted pull requests: sizes come from stat first; only locations inside the template's folder are
    /// measured unless <c>allowOutside</c>; FIFOs, sockets and devices are never opened; a walk stops after
    /// <see cref="FileBudget"/> files, deflating (the zipped size) after <see cref="DeflateBudget"/> bytes, and both
    /// after <see cref="TimeBudget"/>. A stopped measurement gives lower bounds and a <see cref="CodeSizeProblem"/>.
    /// </summary>
    internal sealed class DirectoryCodeSizeProbe(string baseDirectory, bool allowOutside = false) : ICodeSizeProbe
    {
        /// <summary>Files one location may have before lint stops counting.</summary>
        public const int FileBudget = 200_000;

        /// <summary>Bytes deflated per location before lint stops (more than the 250 MB a package may hold unzipped).</summary>
        public const long DeflateBudget = 256L * 1024 * 1024;

        /// <summary>Time spent on one location before lint stops.</summary>
        public static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(10);

        private readonly Dictionary<string, CodeSize?> _cache = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CodeSizeProblem> _problems = new(StringComparer.Ordinal);

        /// <summary>Budgets, replaceable by tests.</summary>
        internal int Files { get; init; } = FileBudget;

        internal long Deflate { get; init; } = DeflateBudget;

        internal TimeSpan Time { get; init; } = TimeBudget;

        /// <inheritdoc />
        public CodeSize? Measure(string location, bool needZipped)
        {
            var key = (needZipped ? "z:" : "u:") + location;
            if (_cache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var size = Resolve(location) is { } path ? MeasureUncached(location, path, needZipped) : null;
            _cache[key] = size;
            return size;
        }

        /// <inheritdoc />
        public CodeSizeProblem? Problem(string location) => _problems.GetValueOrDefault(location);

        /// <summary>The real path of a location to measure, or null (missing, or refused with a problem).</summary>
        private string? Resolve(string location)
        {
            if (location.Contains('\0', StringComparison.Ordinal))
            {
                _problems[location] = new CodeSizeProblem(true, $"\"{Printable(location)}\" contains a NUL character, so it is not a path; lint does not measure it.");
                return null;
            }

            var full = Path.GetFullPath(location, baseDirectory);
            var real = UnixFile.RealPath(full);
            if (real is null)
            {
                return null; // does not exist: nothing to measure (samc build and package report it)
            }

            var root = UnixFile.RealPath(baseDirectory) ?? Path.GetFullPath(baseDirectory);
            if (!allowOutside && !IsInside(real, root))
            {
                _problems[location] = new CodeSizeProblem(true, $"\"{location}\" is \"{real}\", outside the template's folder \"{root}\"; lint measures only code inside it (pass --allow-outside to measure it).");
                return null;
            }

            if (UnixFile.Stat(real, followLinks: false) is { Kind: UnixFileKind.Special })
            {
                _problems[location] = new CodeSizeProblem(true, $"\"{location}\" is a FIFO, socket or device, not a file or folder; lint does not read it.");
                return null;
            }

            return real;
        }

        private static bool IsInside(string path, string root) =>
            path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

        private CodeSize? MeasureUncached(string location, string path, bool needZipped)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var status = UnixFile.Stat(path, followLinks: false);
                if (status is { Kind: UnixFileKind.Directory })
                {
                    var (files, unzipped, stopped) = Walk(path, clock);
                    long? zipped = null;
                    var partialZip = false;
                    if (needZipped)
                    {
                        (zipped, partialZip) = Deflated(files.Select(f => f.Path), clock);
                    }

                    if (stopped is not null || partialZip)
                    {
                        _problems[location] = new CodeSizeProblem(false, $"Lint stopped measuring \"{location}\" {stopped ?? DeflateStop(clock)}; the sizes checked are lower bounds.");
                    }

                    return new CodeSize(unzipped, zipped) { Partial = stopped is not null || partialZip };
                }

                if (status is not { Kind: UnixFileKind.Regular })
                {
                    return null;
                }

                if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jar", StringComparison.OrdinalIgnoreCase))
                {
                    using var archive = ZipFile.OpenRead(path);
                    return new CodeSize(archive.Entries.Sum(e => e.Length), status.Length);
                }

                if (!needZipped)
                {
                    return new CodeSize(status.Length, null);
                }

                var (single, partial) = Deflated([path], clock);
                if (partial)
                {
                    _problems[location] = new CodeSizeProblem(false, $"Lint stopped measuring \"{location}\" {DeflateStop(clock)}; the sizes checked are lower bounds.");
                }

                return new CodeSize(status.Length, single) { Partial = partial };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return null;
            }
        }

        private string DeflateStop(Stopwatch clock) => clock.Elapsed >= Time
            ? string.Create(CultureInfo.InvariantCulture, $"after {Time.TotalSeconds:0} s")
            : string.Create(CultureInfo.InvariantCulture, $"after deflating {Deflate:N0} bytes");

        /// <summary>The regular files below <paramref name="folder"/> with their sizes (stat only), and why the walk stopped early, if it did.</summary>
        private (List<(string Path, long Length)> Files, long Total, string? Stopped) Walk(string folder, Stopwatch clock)
        {
            var files = new List<(string, long)>();
            long total = 0;
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, ReturnSpecialDirectories = false };
            foreach (var file in Directory.EnumerateFiles(folder, "*", options))
            {
                if (files.Count >= Files)
                {
                    return (files, total, string.Create(CultureInfo.InvariantCulture, $"after {Files:N0} files"));
                }

                if (clock.Elapsed >= Time)
                {
                    return (files, total, string.Create(CultureInfo.InvariantCulture, $"after {Time.TotalSeconds:0} s"));
                }

                // Special files (FIFOs, sockets, devices) are not part of a package, and opening a FIFO blocks.
                if (UnixFile.Stat(file, followLinks: false) is { Kind: UnixFileKind.Regular } status)
                {
                    files.Add((file, status.Length));
                    total += status.Length;
                }
            }

            return (files, total, null);
        }

        /// <summary>The zipped size of <paramref name="files"/> (a lower bound when the budget stopped it).</summary>
        private (long Size, bool Partial) Deflated(IEnumerable<string> files, Stopwatch clock)
        {
            // Per-entry overhead of a zip: local header, central directory record, and the name twice (about 76 bytes + 2 names).
            long total = 22;
            long input = 0;
            var counter = new CountingStream();
            var buffer = new byte[81920];
            foreach (var file in files)
            {
                if (UnixFile.Stat(file, followLinks: false) is not { Kind: UnixFileKind.Regular })
                {
                    continue;
                }

                counter.Count = 0;
                var stopped = false;
                using (var deflate = new DeflateStream(counter, CompressionLevel.Optimal, leaveOpen: true))
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan))
                {
                    int read;
                    while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        deflate.Write(buffer, 0, read);
                        input += read;
                        if (input >= Deflate || clock.Elapsed >= Time)
                        {
                            stopped = true;
                            break;
                        }
                    }
                }

                total += counter.Count + 76 + (2 * Path.GetFileName(file).Length);
                if (stopped)
                {
                    return (total, true);
                }
            }

            return (total, false);
        }

        private static string Printable(string value) => value.Replace("\0", "\\0", StringComparison.Ordinal);
    }

    /// <summary>A write-only stream that counts bytes.</summary>
    private sealed class CountingStream : Stream
    {
        public long Count { get; set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;
    }
}
