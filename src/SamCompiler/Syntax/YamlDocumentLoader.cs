using SamCompiler.Diagnostics;
using SamCompiler.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SamCompiler.Syntax;

/// <summary>The outcome of loading a template: the root mapping (null when loading failed) and diagnostics.</summary>
public sealed record LoadResult(MapNode? Root, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads a YAML or JSON template through YamlDotNet's parser into a spanned <see cref="Node"/> tree. CloudFormation
/// short-form tags become their long form (<c>!GetAtt A.B</c> becomes <c>{"Fn::GetAtt": ["A", "B"]}</c>), plain
/// scalars are typed as PyYAML types them, merge keys and aliases are expanded within a bound. Never throws on bad
/// input: every problem is a diagnostic with a span.
/// </summary>
public static partial class YamlDocumentLoader
{
    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 200;

    /// <summary>Most nodes that aliases may expand to in one document.</summary>
    public const int MaxAliasExpansion = 1_000_000;

    private const string StandardTagPrefix = "tag:yaml.org,2002:";

    private static readonly HashSet<string> IntrinsicTags = new(StringComparer.Ordinal)
    {
        "Ref", "Condition", "Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals", "And", "Or", "Not",
        "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "Transform", "Length", "ToJsonString",
    };

    /// <summary>Loads <paramref name="source"/>; the root must be a mapping.</summary>
    public static LoadResult Load(SourceText source)
    {
        var result = LoadOnce(source, source.Text);
        if (result.Root is null && result.Diagnostics.Any(d => d.Message.Contains("found extra spaces in first line", StringComparison.Ordinal)))
        {
            // PyYAML accepts a block scalar whose leading blank lines hold stray spaces; YamlDotNet does not. Such
            // lines carry no content, so read the text again with space-only lines emptied (line numbers unchanged).
            var retry = LoadOnce(source, SpaceOnlyLines().Replace(source.Text, string.Empty));
            if (retry.Root is not null)
            {
                return retry;
            }
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?m)^[ ]+(?=\\r?$)")]
    private static partial System.Text.RegularExpressions.Regex SpaceOnlyLines();

    private static LoadResult LoadOnce(SourceText source, string text)
    {
        var state = new State(source, text);
        try
        {
            var node = state.ReadDocument();
            if (state.Diagnostics.HasErrors)
            {
                return new LoadResult(null, state.Diagnostics.Items);
            }

            if (node is not MapNode map)
            {
                var span = node?.Span ?? SourceSpan.DocumentStart(source.Path);
                state.Diagnostics.Add(DiagnosticCatalog.TemplateNotMapping, span, "The template must be a mapping (key: value pairs) at the top level.");
                return new LoadResult(null, state.Diagnostics.Items);
            }

            return new LoadResult(map, state.Diagnostics.Items);
        }
        catch (YamlException ex)
        {
            state.Diagnostics.Add(SyntaxDiagnostic(source, ex));
            return new LoadResult(null, state.Diagnostics.Items);
        }
        catch (LoadAbortedException)
        {
            return new LoadResult(null, state.Diagnostics.Items);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this (not a YamlException) on some unclosed flow collections ("a: [x\nb: c").
            var mark = state.LastMark;
            var at = new LinePosition(Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column), (int)mark.Index);
            state.Diagnostics.Add(DiagnosticCatalog.SyntaxError, new SourceSpan(source.Path, at, at), "Invalid YAML: a flow collection ([...] or {...}) is not closed.");
            return new LoadResult(null, state.Diagnostics.Items);
        }
    }

    private static Diagnostic SyntaxDiagnostic(SourceText source, YamlException ex)
    {
        if (ex.Message.Contains("invalid tab as indentation", StringComparison.Ordinal))
        {
            // YamlDotNet reports this one at 1:1; find the first line indented with a tab.
            var offset = 0;
            for (var l = 1; l <= source.LineCount; l++)
            {
                var lineText = source.GetLine(l);
                var lead = lineText.Length - lineText.TrimStart(' ', '\t').Length;
                var tabAt = lineText.IndexOf('\t', StringComparison.Ordinal);
                if (tabAt >= 0 && tabAt < lead && lead < lineText.Length)
                {
                    var start = new LinePosition(l, tabAt + 1, offset + tabAt);
                    var end = new LinePosition(l, tabAt + 2, offset + tabAt + 1);
                    return Diagnostic.Create(DiagnosticCatalog.TabIndentation, new SourceSpan(source.Path, start, end), "A tab character is used for indentation; YAML allows only spaces.");
                }

                offset += FullLineLength(source, offset);
            }
        }

        var line = Math.Max(1, (int)ex.Start.Line);
        var column = Math.Max(1, (int)ex.Start.Column);
        var text = source.GetLine(line);
        var span = new SourceSpan(source.Path, new LinePosition(line, column, (int)ex.Start.Index), new LinePosition(line, column, (int)ex.Start.Index));
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        var indent = text.Length - text.TrimStart(' ', '\t').Length;
        if (tab >= 0 && tab < Math.Max(indent, column))
        {
            var at = new LinePosition(line, tab + 1, 0);
            return Diagnostic.Create(DiagnosticCatalog.TabIndentation, span with { Start = at, End = at }, "A tab character is used for indentation; YAML allows only spaces.");
        }

        var message = ex.Message;
        var paren = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && paren > 0)
        {
            message = message[(paren + 3)..];
        }

        message = message.TrimEnd('.');
        return Diagnostic.Create(DiagnosticCatalog.SyntaxError, span, $"Invalid YAML: {message}.");
    }

    private static int FullLineLength(SourceText source, int lineStart)
    {
        var newline = source.Text.IndexOf('\n', lineStart);
        return newline < 0 ? source.Text.Length - lineStart : newline - lineStart + 1;
    }

    private sealed class LoadAbortedException : Exception
    {
    }

    private sealed class State(SourceText source, string text)
    {
        private readonly Dictionary<string, (Node Node, int Size)> _anchors = new(StringComparer.Ordinal);
        private IParser _parser = null!;
        private long _expanded;

        public DiagnosticBag Diagnostics { get; } = new();

        public Mark LastMark => _parser?.Current?.End ?? Mark.Empty;

        public Node? ReadDocument()
        {
            _parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            _parser.Consume<StreamStart>();
            if (_parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            _parser.Consume<DocumentStart>();
            var node = ReadNode(0, out _);
            _parser.Consume<DocumentEnd>();
            if (_parser.Accept<DocumentStart>(out var second))
            {
                Diagnostics.Add(DiagnosticCatalog.MultipleDocuments, Span(second.Start, second.End), "The file holds more than one YAML document; a template is one document.");
            }

            return node;
        }

        private SourceSpan Span(Mark start, Mark end) =>
            new(source.Path, new LinePosition((int)start.Line, (int)start.Column, (int)start.Index), new LinePosition((int)end.Line, (int)end.Column, (int)end.Index));

        private Node ReadNode(int depth, out int size)
        {
            if (depth > MaxDepth)
            {
                var ev = _parser.Current!;
                Diagnostics.Add(DiagnosticCatalog.NestingTooDeep, Span(ev.Start, ev.End), $"The document nests deeper than {MaxDepth} levels.");
                throw new LoadAbortedException();
            }

            if (_parser.TryConsume<AnchorAlias>(out var alias))
            {
                var span = Span(alias.Start, alias.End);
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    Diagnostics.Add(DiagnosticCatalog.SyntaxError, span, $"Invalid YAML: the alias \"*{alias.Value.Value}\" names no anchor.");
                    throw new LoadAbortedException();
                }

                _expanded += target.Size;
                if (_expanded > MaxAliasExpansion)
                {
                    Diagnostics.Add(DiagnosticCatalog.AliasExpansionLimit, span, $"YAML aliases expand to more than {MaxAliasExpansion:N0} nodes; the document is rejected (a \"billion laughs\" document).");
                    throw new LoadAbortedException();
                }

                size = target.Size;
                return target.Node.Clone();
            }

            Node node;
            AnchorName anchor;
            if (_parser.TryConsume<Scalar>(out var scalar))
            {
                anchor = scalar.Anchor;
                node = ReadScalar(scalar);
                size = 1;
            }
            else if (_parser.TryConsume<SequenceStart>(out var seqStart))
            {
                anchor = seqStart.Anchor;
                var list = new ListNode();
                size = 1;
                while (!_parser.TryConsume<SequenceEnd>(out var seqEnd))
                {
                    list.Add(ReadNode(depth + 1, out var itemSize));
                    size += itemSize;
                    _ = seqEnd;
                }

                list.Span = Span(seqStart.Start, _parser.Current?.Start ?? seqStart.End);
                node = ApplyTag(seqStart.Tag, list, Span(seqStart.Start, seqStart.End));
            }
            else
            {
                var mapStart = _parser.Consume<MappingStart>();
                anchor = mapStart.Anchor;
                var map = ReadMapping(mapStart, depth, out size);
                node = ApplyTag(mapStart.Tag, map, Span(mapStart.Start, mapStart.End));
            }

            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, size);
            }

            return node;
        }

        private MapNode ReadMapping(MappingStart start, int depth, out int size)
        {
            // The mapping's own keys go straight into the map (a repeated key keeps its first place and takes the
            // last value and key span). Merge keys (<<) are rare: their entries are collected and, at the end, put
            // in front of the own keys, whose values win.
            var map = new MapNode();
            List<(string Key, Node Value, SourceSpan KeySpan)>? merged = null;
            Dictionary<string, int>? firstLines = null;
            size = 1;
            while (!_parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = _parser.Current!;
                if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<" } mergeKey && mergeKey.Tag.IsEmpty)
                {
                    _parser.MoveNext();
                    var value = ReadNode(depth + 1, out var mergeSize);
                    size += mergeSize;
                    var sources = value is ListNode l ? l.Reverse() : [value];
                    merged ??= [];
                    foreach (var src in sources)
                    {
                        if (src is not MapNode m)
                        {
                            Diagnostics.Add(DiagnosticCatalog.SyntaxError, src.Span, "Invalid YAML: a merge key (<<) takes a mapping or a list of mappings.");
                            throw new LoadAbortedException();
                        }

                        foreach (var (k, v) in m)
                        {
                            merged.Add((k, v, m.KeySpan(k)));
                        }
                    }

                    continue;
                }

                var keyNode = ReadNode(depth + 1, out _);
                var keySpan = keyNode.Span;
                var key = KeyText(keyNode);
                var valueNode = ReadNode(depth + 1, out var valueSize);
                size += valueSize + 1;
                if (map.ContainsKey(key))
                {
                    firstLines ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    if (!firstLines.TryGetValue(key, out var firstLine))
                    {
                        firstLine = map.KeySpan(key).Start.Line;
                        firstLines[key] = firstLine;
                    }

                    Diagnostics.Add(DiagnosticCatalog.DuplicateKey, keySpan, $"The key \"{key}\" is given twice in this mapping; the value at line {firstLine} is ignored and this one is used.");
                }

                map.Set(key, valueNode, keySpan);
            }

            if (merged is not null)
            {
                var own = map;
                map = new MapNode();
                foreach (var (k, v, s) in merged)
                {
                    map.Set(k, v, s);
                }

                foreach (var (k, v) in own)
                {
                    map.Set(k, v, own.KeySpan(k));
                }
            }

            map.Span = Span(start.Start, _parser.Current?.Start ?? start.End);
            return map;
        }

        private string KeyText(Node key)
        {
            switch (key)
            {
                case ScalarNode s:
                    return s.Text;
                default:
                    Diagnostics.Add(DiagnosticCatalog.SyntaxError, key.Span, "Invalid YAML: a mapping key must be a scalar.");
                    throw new LoadAbortedException();
            }
        }

        private Node ReadScalar(Scalar scalar)
        {
            var span = Span(scalar.Start, scalar.End);
            if (scalar.Tag.IsEmpty)
            {
                return scalar.Style == ScalarStyle.Plain
                    ? YamlScalarResolver.ResolvePlain(scalar.Value, span)
                    : ScalarNode.String(scalar.Value, span);
            }

            var tag = scalar.Tag.Value;
            if (tag == "!")
            {
                return ScalarNode.String(scalar.Value, span);
            }

            if (tag.StartsWith(StandardTagPrefix, StringComparison.Ordinal))
            {
                var typed = YamlScalarResolver.ResolveTagged(tag, scalar.Value, span);
                if (typed is null)
                {
                    Diagnostics.Add(DiagnosticCatalog.InvalidTagValue, span, $"The value \"{scalar.Value}\" cannot be read as \"!!{tag[StandardTagPrefix.Length..]}\".");
                    return ScalarNode.String(scalar.Value, span);
                }

                return typed;
            }

            var name = IntrinsicName(tag, span);
            if (name == "GetAtt")
            {
                var dot = scalar.Value.IndexOf('.', StringComparison.Ordinal);
                var parts = new ListNode { Span = span };
                if (dot < 0)
                {
                    parts.Add(ScalarNode.String(scalar.Value, span));
                }
                else
                {
                    parts.Add(ScalarNode.String(scalar.Value[..dot], span));
                    parts.Add(ScalarNode.String(scalar.Value[(dot + 1)..], span));
                }

                return Intrinsic(name, parts, span);
            }

            // PyYAML's construct_scalar: a tagged scalar is always a string.
            return Intrinsic(name, ScalarNode.String(scalar.Value, span), span);
        }

        private Node ApplyTag(TagName tagName, Node value, SourceSpan tagSpan)
        {
            if (tagName.IsEmpty)
            {
                return value;
            }

            var tag = tagName.Value;
            if (tag is "!" or "tag:yaml.org,2002:seq" or "tag:yaml.org,2002:map" or "tag:yaml.org,2002:omap")
            {
                return value;
            }

            if (tag.StartsWith(StandardTagPrefix, StringComparison.Ordinal))
            {
                Diagnostics.Add(DiagnosticCatalog.InvalidTagValue, tagSpan, $"The tag \"!!{tag[StandardTagPrefix.Length..]}\" cannot be applied to a collection.");
                return value;
            }

            return Intrinsic(IntrinsicName(tag, tagSpan), value, value.Span);
        }

        private string IntrinsicName(string tag, SourceSpan span)
        {
            var name = tag.StartsWith('!') ? tag[1..] : tag;
            if (!IntrinsicTags.Contains(name))
            {
                Diagnostics.Add(DiagnosticCatalog.UnknownTag, span, $"Unknown tag \"{tag}\"; CloudFormation's short forms are !Ref, !Sub, !GetAtt, !Join, !Select, !Split, !If, !Equals, !And, !Or, !Not, !Condition, !FindInMap, !ImportValue, !Base64, !Cidr, !GetAZs and !Transform.");
            }

            return name;
        }

        private static MapNode Intrinsic(string name, Node value, SourceSpan span)
        {
            var key = name is "Ref" or "Condition" ? name : "Fn::" + name;
            var map = new MapNode { Span = span };
            map.Set(key, value, span);
            return map;
        }
    }
}
