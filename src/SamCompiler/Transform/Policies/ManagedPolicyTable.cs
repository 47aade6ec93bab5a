using System.Collections;
using System.Text;

namespace SamCompiler.Transform.Policies;

/// <summary>
/// The bundled managed-policy map in its shipped form, <c>Data/aws_managed_policies.tsv</c> (written by
/// scripts/gen-managed-policies.py from aws-sam-translator's aws_managed_policies.json): one line per policy,
/// <c>partition TAB name TAB arn-suffix</c>, sorted by the UTF-8 bytes of <c>partition TAB name TAB</c>.
/// </summary>
/// <remarks>
/// Lookups binary-search the text where it lies: in the executable's embedded resource (NativeAOT maps it with the
/// image), read through its pointer, not copied. A lookup touches about a dozen lines; nothing is parsed at start-up
/// and no string is made for a name that is never asked for.
/// </remarks>
internal sealed unsafe class ManagedPolicyTable
{
    private const string ResourceName = "SamCompiler.Data.aws_managed_policies.tsv";

    private readonly byte* _data;
    private readonly int _length;
    private readonly int _first;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>?> _partitions = new(StringComparer.Ordinal);

    // The stream's memory is the executable's image (or, for a copied resource, never freed): it outlives the table.
    private ManagedPolicyTable(UnmanagedMemoryStream resource)
    {
        _data = resource.PositionPointer;
        _length = checked((int)resource.Length);

        // Skip the leading comment lines.
        var text = Text;
        var at = 0;
        while (at < text.Length && text[at] == (byte)'#')
        {
            var nl = text[at..].IndexOf((byte)'\n');
            at = nl < 0 ? text.Length : at + nl + 1;
        }

        _first = at;
    }

    private ReadOnlySpan<byte> Text => new(_data, _length);

    /// <summary>Opens the embedded table.</summary>
    public static ManagedPolicyTable Load() =>
        FromStream(typeof(ManagedPolicyTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource \"{ResourceName}\" is missing."));

    /// <summary>
    /// A table over a stream: a mapped resource (<see cref="UnmanagedMemoryStream"/>) is read in place; anything else
    /// is copied once into native memory that is never freed (the table lives as long as the process).
    /// </summary>
    public static ManagedPolicyTable FromStream(Stream stream)
    {
        if (stream is not UnmanagedMemoryStream unmanaged)
        {
            using (stream)
            {
                var length = checked((int)stream.Length);
                var copy = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)Math.Max(length, 1));
                stream.ReadExactly(new Span<byte>(copy, length));
                unmanaged = new UnmanagedMemoryStream(copy, length);
            }
        }

        return new ManagedPolicyTable(unmanaged);
    }

    /// <summary>The partition's names as a read-only map (name to ARN), or null when the partition has none.</summary>
    public IReadOnlyDictionary<string, string>? Partition(string partition)
    {
        lock (_partitions)
        {
            if (!_partitions.TryGetValue(partition, out var view))
            {
                var prefix = Encoding.UTF8.GetBytes(partition + "\t");
                var start = LowerBound(_first, _length, prefix, pastPrefix: false);
                var end = LowerBound(start, _length, prefix, pastPrefix: true);
                view = end > start ? new PartitionView(this, partition, start, end) : null;
                _partitions[partition] = view;
            }

            return view;
        }
    }

    /// <summary>
    /// The offset of the first line in [lo, hi) (both line starts) whose text is &gt;= <paramref name="key"/>; with
    /// <paramref name="pastPrefix"/>, of the first line after those that start with <paramref name="key"/>.
    /// </summary>
    private int LowerBound(int lo, int hi, ReadOnlySpan<byte> key, bool pastPrefix)
    {
        var text = Text;
        while (lo < hi)
        {
            // the line that holds the middle byte
            var mid = lo + ((hi - lo) / 2);
            var back = text[lo..mid].LastIndexOf((byte)'\n');
            var start = back < 0 ? lo : lo + back + 1;
            var line = LineAt(start);
            var below = pastPrefix ? line.StartsWith(key) || line.SequenceCompareTo(key) < 0 : line.SequenceCompareTo(key) < 0;
            if (below)
            {
                lo = start + line.Length + 1;
            }
            else
            {
                hi = start;
            }
        }

        return Math.Min(lo, _length);
    }

    // The line starting at offset start, without its newline.
    private ReadOnlySpan<byte> LineAt(int start)
    {
        var rest = Text[start..];
        var nl = rest.IndexOf((byte)'\n');
        return nl < 0 ? rest : rest[..nl];
    }

    /// <summary>One partition's lines, from byte <c>start</c> to <c>end</c>, seen as a name-to-ARN map.</summary>
    private sealed class PartitionView(ManagedPolicyTable table, string partition, int start, int end) : IReadOnlyDictionary<string, string>
    {
        private readonly string _arnPrefix = $"arn:{partition}:iam::aws:policy/";
        private int _count = -1;

        public int Count => _count >= 0 ? _count : _count = CountLines(table.Text[start..end]);

        public IEnumerable<string> Keys => this.Select(p => p.Key);

        public IEnumerable<string> Values => this.Select(p => p.Value);

        public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out string value)
        {
            value = null!;
            if (key.Contains('\t') || key.Contains('\n'))
            {
                return false;
            }

            var full = Encoding.UTF8.GetBytes(partition + "\t" + key + "\t");
            var at = table.LowerBound(start, end, full, pastPrefix: false);
            if (at >= end)
            {
                return false;
            }

            var line = table.LineAt(at);
            if (!line.StartsWith(full))
            {
                return false;
            }

            value = _arnPrefix + Encoding.UTF8.GetString(line[full.Length..]);
            return true;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            var at = start;
            while (at < end)
            {
                var (name, arn, length) = Entry(at);
                yield return new KeyValuePair<string, string>(name, arn);
                at += length + 1;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        // Lines end with a newline, except perhaps the table's last one.
        private static int CountLines(ReadOnlySpan<byte> text) => text.Count((byte)'\n') + (text.Length > 0 && text[^1] != (byte)'\n' ? 1 : 0);

        private (string Name, string Arn, int Length) Entry(int at)
        {
            var line = table.LineAt(at);
            var rest = line[(line.IndexOf((byte)'\t') + 1)..];
            var tab = rest.IndexOf((byte)'\t');
            return (Encoding.UTF8.GetString(rest[..tab]), _arnPrefix + Encoding.UTF8.GetString(rest[(tab + 1)..]), line.Length);
        }
    }
}
