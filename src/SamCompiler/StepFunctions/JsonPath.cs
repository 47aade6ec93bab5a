using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>
/// JSONPath as Step Functions evaluates it (Jayway semantics): <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[n]</c>
/// (negative from the end), <c>[a,b]</c>, <c>[start:end]</c>, <c>*</c>, <c>..name</c> and filters
/// <c>[?(@.x &gt; 1 &amp;&amp; @.y)]</c>. A definite path yields one value; an indefinite one (wildcards, slices, filters,
/// lists, descendants) yields an array of the matches.
/// </summary>
public sealed class JsonPath
{
    private readonly List<Segment> _segments;

    private JsonPath(string text, List<Segment> segments, bool isDefinite)
    {
        Text = text;
        _segments = segments;
        IsDefinite = isDefinite;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>True when the path can match at most one value.</summary>
    public bool IsDefinite { get; }

    /// <summary>True when the path is a reference path (only names and indexes; what ResultPath accepts).</summary>
    public bool IsReferencePath => _segments.All(s => s is NameSegment || (s is IndexSegment ix && ix.Indexes.Count == 1 && ix.Indexes[0] >= 0));

    /// <summary>The path's segments as (name or index) for reference paths.</summary>
    internal IEnumerable<object> ReferenceSteps => _segments.Select(s => s is NameSegment n ? (object)n.Name : ((IndexSegment)s).Indexes[0]);

    /// <summary>Parses <paramref name="text"/> (must start with <c>$</c>), or returns false with a reason.</summary>
    public static bool TryParse(string text, out JsonPath? path, out string? error)
    {
        path = null;
        error = null;
        try
        {
            path = Parse(text);
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> when it is not a JSONPath.</summary>
    public static JsonPath Parse(string text)
    {
        var p = new Parser(text);
        var segments = p.ParseAll();
        return new JsonPath(text, segments, segments.All(s => s.IsDefinite));
    }

    /// <summary>
    /// Evaluates the path against <paramref name="root"/>. False when a definite path matches nothing; an indefinite
    /// path always succeeds with an array (maybe empty).
    /// </summary>
    public bool TryEvaluate(JsonNode? root, out JsonNode? result)
    {
        var current = new List<JsonNode?> { root };
        foreach (var segment in _segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                segment.Apply(node, next);
            }

            current = next;
        }

        if (IsDefinite)
        {
            if (current.Count == 0)
            {
                result = null;
                return false;
            }

            result = AslJson.Clone(current[0]);
            return true;
        }

        var array = new JsonArray();
        foreach (var n in current)
        {
            array.Add(AslJson.Clone(n));
        }

        result = array;
        return true;
    }

    /// <summary>
    /// Writes <paramref name="value"/> into <paramref name="target"/> at this reference path (ResultPath semantics):
    /// missing objects on the way are created. Returns the new root. Throws <see cref="AslError"/>
    /// (States.ResultPathMatchFailure) when a step meets a value that is not an object.
    /// </summary>
    public JsonNode? SetIn(JsonNode? target, JsonNode? value)
    {
        if (_segments.Count == 0)
        {
            return value;
        }

        if (target is not JsonObject and not JsonArray)
        {
            throw new AslError(ErrorNames.ResultPathMatchFailure, $"Unable to apply ResultPath \"{Text}\" to input {AslJson.Write(target)}");
        }

        var root = target;
        JsonNode current = root;
        for (var i = 0; i < _segments.Count; i++)
        {
            var last = i == _segments.Count - 1;
            switch (_segments[i])
            {
                case NameSegment n:
                    if (current is not JsonObject o)
                    {
                        throw new AslError(ErrorNames.ResultPathMatchFailure, $"Unable to apply step \"{n.Name}\" to input {AslJson.Write(current)}");
                    }

                    if (last)
                    {
                        o[n.Name] = value;
                    }
                    else
                    {
                        if (!o.TryGetPropertyValue(n.Name, out var child) || child is null)
                        {
                            child = new JsonObject();
                            o[n.Name] = child;
                        }

                        current = child;
                    }

                    break;
                case IndexSegment ix:
                    if (current is not JsonArray a || ix.Indexes[0] >= a.Count)
                    {
                        throw new AslError(ErrorNames.ResultPathMatchFailure, $"Unable to apply step \"{ix.Indexes[0].ToString(CultureInfo.InvariantCulture)}\" to input {AslJson.Write(current)}");
                    }

                    if (last)
                    {
                        a[ix.Indexes[0]] = value;
                    }
                    else
                    {
                        current = a[ix.Indexes[0]] ?? throw new AslError(ErrorNames.ResultPathMatchFailure, $"Unable to apply ResultPath \"{Text}\": null at step {ix.Indexes[0].ToString(CultureInfo.InvariantCulture)}");
                    }

                    break;
                default:
                    throw new AslError(ErrorNames.ResultPathMatchFailure, $"ResultPath \"{Text}\" is not a reference path.");
            }
        }

        return root;
    }

    private abstract class Segment
    {
        public virtual bool IsDefinite => true;

        public abstract void Apply(JsonNode? node, List<JsonNode?> output);
    }

    private sealed class NameSegment(string name) : Segment
    {
        public string Name { get; } = name;

        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            if (node is JsonObject o && o.TryGetPropertyValue(Name, out var v))
            {
                output.Add(v);
            }
        }
    }

    private sealed class NamesSegment(List<string> names) : Segment
    {
        public override bool IsDefinite => false;

        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            if (node is JsonObject o)
            {
                foreach (var n in names)
                {
                    if (o.TryGetPropertyValue(n, out var v))
                    {
                        output.Add(v);
                    }
                }
            }
        }
    }

    private sealed class IndexSegment(List<int> indexes) : Segment
    {
        public List<int> Indexes { get; } = indexes;

        public override bool IsDefinite => Indexes.Count == 1;

        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            if (node is not JsonArray a)
            {
                return;
            }

            foreach (var i in Indexes)
            {
                var at = i < 0 ? a.Count + i : i;
                if (at >= 0 && at < a.Count)
                {
                    output.Add(a[at]);
                }
            }
        }
    }

    private sealed class SliceSegment(int? start, int? end, int step) : Segment
    {
        public override bool IsDefinite => false;

        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            if (node is not JsonArray a)
            {
                return;
            }

            var n = a.Count;
            var s = start is { } st ? (st < 0 ? Math.Max(0, n + st) : Math.Min(st, n)) : 0;
            var e = end is { } en ? (en < 0 ? Math.Max(0, n + en) : Math.Min(en, n)) : n;
            for (var i = s; i < e; i += Math.Max(1, step))
            {
                output.Add(a[i]);
            }
        }
    }

    private sealed class WildcardSegment : Segment
    {
        public override bool IsDefinite => false;

        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, v) in o)
                    {
                        output.Add(v);
                    }

                    break;
                case JsonArray a:
                    output.AddRange(a);
                    break;
            }
        }
    }

    private sealed class DescendantSegment(Segment inner) : Segment
    {
        public override bool IsDefinite => false;

        public override void Apply(JsonNode? node, List<JsonNode?> output) => Walk(node, output);

        private void Walk(JsonNode? node, List<JsonNode?> output)
        {
            inner.Apply(node, output);
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, v) in o)
                    {
                        Walk(v, output);
                    }

                    break;
                case JsonArray a:
                    foreach (var v in a)
                    {
                        Walk(v, output);
                    }

                    break;
            }
        }
    }

    private sealed class FilterSegment(Filter filter) : Segment
    {
        public override bool IsDefinite => false;

        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            switch (node)
            {
                case JsonArray a:
                    foreach (var v in a)
                    {
                        if (filter.Test(v))
                        {
                            output.Add(v);
                        }
                    }

                    break;
                case JsonObject o:
                    if (filter.Test(o))
                    {
                        output.Add(o);
                    }

                    break;
            }
        }
    }

    /// <summary>A filter expression: comparisons of <c>@</c> paths and literals joined with &amp;&amp; and ||.</summary>
    private abstract class Filter
    {
        public abstract bool Test(JsonNode? current);
    }

    private sealed class OrFilter(Filter left, Filter right) : Filter
    {
        public override bool Test(JsonNode? current) => left.Test(current) || right.Test(current);
    }

    private sealed class AndFilter(Filter left, Filter right) : Filter
    {
        public override bool Test(JsonNode? current) => left.Test(current) && right.Test(current);
    }

    private sealed class NotFilter(Filter inner) : Filter
    {
        public override bool Test(JsonNode? current) => !inner.Test(current);
    }

    private sealed class ExistsFilter(JsonPath path) : Filter
    {
        public override bool Test(JsonNode? current) => path.TryEvaluate(current, out var v) && (path.IsDefinite || v is JsonArray { Count: > 0 });
    }

    private sealed class CompareFilter(Operand left, string op, Operand right) : Filter
    {
        public override bool Test(JsonNode? current)
        {
            if (!left.TryGet(current, out var a) || !right.TryGet(current, out var b))
            {
                return false;
            }

            if (op is "==" or "!=")
            {
                var eq = AslJson.Equal(a, b);
                return op == "==" ? eq : !eq;
            }

            int cmp;
            if (AslJson.IsNumber(a) && AslJson.IsNumber(b))
            {
                cmp = AslJson.ToDouble(a).CompareTo(AslJson.ToDouble(b));
            }
            else if (AslJson.IsString(a) && AslJson.IsString(b))
            {
                cmp = string.CompareOrdinal(AslJson.AsString(a), AslJson.AsString(b));
            }
            else
            {
                return false;
            }

            return op switch
            {
                "<" => cmp < 0,
                "<=" => cmp <= 0,
                ">" => cmp > 0,
                _ => cmp >= 0,
            };
        }
    }

    private sealed class Operand
    {
        private readonly JsonPath? _path;
        private readonly JsonNode? _literal;

        public Operand(JsonPath path) => _path = path;

        public Operand(JsonNode? literal) => _literal = literal;

        public bool TryGet(JsonNode? current, out JsonNode? value)
        {
            if (_path is null)
            {
                value = _literal;
                return true;
            }

            return _path.TryEvaluate(current, out value);
        }
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public List<Segment> ParseAll()
        {
            if (text.Length == 0 || (text[0] != '$' && text[0] != '@'))
            {
                throw Error("must start with '$'");
            }

            _pos = 1;
            var segments = ParseSegments(stopAtFilterEnd: false);
            if (_pos != text.Length)
            {
                throw Error($"unexpected '{text[_pos]}' at position {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            return segments;
        }

        public List<Segment> ParseSegments(bool stopAtFilterEnd)
        {
            var segments = new List<Segment>();
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (stopAtFilterEnd && (c is ')' or ' ' or '=' or '!' or '<' or '>' or '&' or '|'))
                {
                    break;
                }

                if (c == '.')
                {
                    if (_pos + 1 < text.Length && text[_pos + 1] == '.')
                    {
                        _pos += 2;
                        Segment inner;
                        if (_pos < text.Length && text[_pos] == '[')
                        {
                            inner = ParseBracket();
                        }
                        else if (_pos < text.Length && text[_pos] == '*')
                        {
                            _pos++;
                            inner = new WildcardSegment();
                        }
                        else
                        {
                            inner = new NameSegment(ReadName());
                        }

                        segments.Add(new DescendantSegment(inner));
                        continue;
                    }

                    _pos++;
                    if (_pos < text.Length && text[_pos] == '*')
                    {
                        _pos++;
                        segments.Add(new WildcardSegment());
                        continue;
                    }

                    segments.Add(new NameSegment(ReadName()));
                }
                else if (c == '[')
                {
                    segments.Add(ParseBracket());
                }
                else
                {
                    throw Error($"unexpected '{c}' at position {_pos.ToString(CultureInfo.InvariantCulture)}");
                }
            }

            return segments;
        }

        private string ReadName()
        {
            var start = _pos;
            while (_pos < text.Length && text[_pos] is not ('.' or '[' or ' ' or ')' or '=' or '!' or '<' or '>' or '&' or '|'))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error($"a name is missing at position {start.ToString(CultureInfo.InvariantCulture)}");
            }

            return text[start.._pos];
        }

        private Segment ParseBracket()
        {
            _pos++; // [
            SkipSpaces();
            if (_pos >= text.Length)
            {
                throw Error("unclosed '['");
            }

            Segment segment;
            var c = text[_pos];
            if (c == '*')
            {
                _pos++;
                segment = new WildcardSegment();
            }
            else if (c is '\'' or '"')
            {
                var names = new List<string> { ReadQuoted() };
                SkipSpaces();
                while (_pos < text.Length && text[_pos] == ',')
                {
                    _pos++;
                    SkipSpaces();
                    names.Add(ReadQuoted());
                    SkipSpaces();
                }

                segment = names.Count == 1 ? new NameSegment(names[0]) : new NamesSegment(names);
            }
            else if (c == '?')
            {
                _pos++;
                SkipSpaces();
                Expect('(');
                var filter = ParseOr();
                SkipSpaces();
                Expect(')');
                segment = new FilterSegment(filter);
            }
            else
            {
                segment = ParseIndexOrSlice();
            }

            SkipSpaces();
            Expect(']');
            return segment;
        }

        private Segment ParseIndexOrSlice()
        {
            var first = ReadInt();
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == ':')
            {
                _pos++;
                SkipSpaces();
                var end = ReadInt();
                var step = 1;
                SkipSpaces();
                if (_pos < text.Length && text[_pos] == ':')
                {
                    _pos++;
                    step = ReadInt() ?? 1;
                }

                return new SliceSegment(first, end, step);
            }

            if (first is null)
            {
                throw Error("an index is missing");
            }

            var list = new List<int> { first.Value };
            while (_pos < text.Length && text[_pos] == ',')
            {
                _pos++;
                SkipSpaces();
                list.Add(ReadInt() ?? throw Error("an index is missing"));
                SkipSpaces();
            }

            return new IndexSegment(list);
        }

        private int? ReadInt()
        {
            var start = _pos;
            if (_pos < text.Length && text[_pos] == '-')
            {
                _pos++;
            }

            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                return null;
            }

            return int.TryParse(text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw Error($"'{text[start.._pos]}' is not an index");
        }

        private string ReadQuoted()
        {
            var quote = text[_pos++];
            var sb = new StringBuilder();
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length)
                {
                    _pos++;
                }

                sb.Append(text[_pos++]);
            }

            if (_pos >= text.Length)
            {
                throw Error("unclosed quote");
            }

            _pos++;
            return sb.ToString();
        }

        private Filter ParseOr()
        {
            var left = ParseAnd();
            SkipSpaces();
            while (Peek("||"))
            {
                _pos += 2;
                left = new OrFilter(left, ParseAnd());
                SkipSpaces();
            }

            return left;
        }

        private Filter ParseAnd()
        {
            var left = ParseUnary();
            SkipSpaces();
            while (Peek("&&"))
            {
                _pos += 2;
                left = new AndFilter(left, ParseUnary());
                SkipSpaces();
            }

            return left;
        }

        private Filter ParseUnary()
        {
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == '!')
            {
                _pos++;
                return new NotFilter(ParseUnary());
            }

            if (_pos < text.Length && text[_pos] == '(')
            {
                _pos++;
                var inner = ParseOr();
                SkipSpaces();
                Expect(')');
                return inner;
            }

            var left = ParseOperand(out var leftPath);
            SkipSpaces();
            foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (Peek(op))
                {
                    _pos += op.Length;
                    SkipSpaces();
                    var right = ParseOperand(out _);
                    return new CompareFilter(left, op, right);
                }
            }

            return leftPath is not null ? new ExistsFilter(leftPath) : throw Error("a filter needs a comparison or an @ path");
        }

        private Operand ParseOperand(out JsonPath? path)
        {
            path = null;
            SkipSpaces();
            if (_pos >= text.Length)
            {
                throw Error("an operand is missing");
            }

            var c = text[_pos];
            if (c is '@' or '$')
            {
                var start = _pos;
                _pos++;
                var segments = ParseSegments(stopAtFilterEnd: true);
                path = new JsonPath(text[start.._pos], segments, segments.All(s => s.IsDefinite));
                return new Operand(path);
            }

            if (c is '\'' or '"')
            {
                return new Operand(AslJson.String(ReadQuoted()));
            }

            var begin = _pos;
            while (_pos < text.Length && text[_pos] is not (' ' or ')' or '&' or '|' or '=' or '!' or '<' or '>'))
            {
                _pos++;
            }

            var word = text[begin.._pos];
            return word switch
            {
                "true" => new Operand(AslJson.Bool(true)),
                "false" => new Operand(AslJson.Bool(false)),
                "null" => new Operand((JsonNode?)null),
                _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => new Operand(AslJson.Number(d)),
                _ => throw Error($"'{word}' is not a literal"),
            };
        }

        private bool Peek(string s) => string.CompareOrdinal(text, _pos, s, 0, s.Length) == 0;

        private void Expect(char c)
        {
            if (_pos >= text.Length || text[_pos] != c)
            {
                throw Error($"'{c}' expected at position {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private FormatException Error(string what) => new($"Invalid JSONPath \"{text}\": {what}.");
    }
}
