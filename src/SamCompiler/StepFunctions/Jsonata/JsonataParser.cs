using System.Globalization;
using System.Text;

namespace SamCompiler.StepFunctions.Jsonata;

/// <summary>A JSONata syntax or evaluation error (code as JSONata numbers them, e.g. S0201, T2001).</summary>
public sealed class JsonataException : Exception
{
    /// <summary>An error with JSONata's <paramref name="code"/>.</summary>
    public JsonataException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Required by the analyzers; not used.</summary>
    public JsonataException()
        : this("D0000", "JSONata error")
    {
    }

    /// <summary>Required by the analyzers; not used.</summary>
    public JsonataException(string message)
        : this("D0000", message)
    {
    }

    /// <summary>Required by the analyzers; not used.</summary>
    public JsonataException(string message, Exception innerException)
        : base(message, innerException) => Code = "D0000";

    /// <summary>The JSONata error code.</summary>
    public string Code { get; }
}

internal abstract record JNode;

internal sealed record LiteralNode(object? Value) : JNode;

internal sealed record NameNode(string Name) : JNode;

internal sealed record VariableNode(string Name) : JNode;

internal sealed record WildcardNode : JNode;

internal sealed record DescendantsNode : JNode;

internal sealed record StepNode(JNode Expression, List<JNode> Predicates) : JNode;

internal sealed record PathNode(List<StepNode> Steps) : JNode
{
    public bool KeepSingleton { get; set; }
}

internal sealed record BinaryNode(string Op, JNode Left, JNode Right) : JNode;

internal sealed record NegateNode(JNode Operand) : JNode;

internal sealed record ConditionNode(JNode Test, JNode Then, JNode? Else) : JNode;

internal sealed record ArrayNode(List<JNode> Items) : JNode;

internal sealed record RangeNode(JNode From, JNode To) : JNode;

internal sealed record ObjectNode(List<(JNode Key, JNode Value)> Pairs) : JNode;

internal sealed record CallNode(JNode Procedure, List<JNode> Args) : JNode;

internal sealed record LambdaNode(List<string> Parameters, JNode Body) : JNode;

internal sealed record BlockNode(List<JNode> Expressions) : JNode;

internal sealed record BindNode(string Name, JNode Value) : JNode;

internal sealed record ChainNode(JNode Left, JNode Function) : JNode;

/// <summary>A Pratt parser for the JSONata subset samc evaluates (see docs/stepfunctions.md).</summary>
internal sealed class JsonataParser
{
    private static readonly Dictionary<string, int> Infix = new(StringComparer.Ordinal)
    {
        ["."] = 75, ["["] = 80, ["("] = 80, ["?"] = 20, ["+"] = 50, ["-"] = 50, ["*"] = 60, ["/"] = 60, ["%"] = 60,
        ["="] = 40, ["<"] = 40, [">"] = 40, ["!="] = 40, ["<="] = 40, [">="] = 40, ["&"] = 50, ["and"] = 30,
        ["or"] = 25, ["in"] = 40, ["~>"] = 40, [":="] = 10, [".."] = 20,
    };

    private readonly List<Token> _tokens;
    private int _index;

    private JsonataParser(List<Token> tokens) => _tokens = tokens;

    private enum Kind
    {
        Number,
        String,
        Name,
        Variable,
        Operator,
        End,
    }

    public static JNode Parse(string text)
    {
        var parser = new JsonataParser(Tokenize(text));
        var node = parser.Expression(0);
        if (parser.Current.Kind != Kind.End)
        {
            throw new JsonataException("S0201", $"Syntax error: unexpected \"{parser.Current.Text}\" at position {parser.Current.Position.ToString(CultureInfo.InvariantCulture)}.");
        }

        return node;
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    private bool IsOp(string op) => Current.Kind == Kind.Operator && Current.Text == op;

    private void Expect(string op)
    {
        if (!IsOp(op))
        {
            throw new JsonataException("S0202", $"Syntax error: expected \"{op}\", got \"{(Current.Kind == Kind.End ? "(end)" : Current.Text)}\" at position {Current.Position.ToString(CultureInfo.InvariantCulture)}.");
        }

        _index++;
    }

    private JNode Expression(int rbp)
    {
        var left = Prefix(Advance());
        while (true)
        {
            var t = Current;
            var bp = t.Kind == Kind.Operator && Infix.TryGetValue(t.Text, out var p) ? p
                : t.Kind == Kind.Name && t.Text is "and" or "or" or "in" ? Infix[t.Text] : 0;
            if (bp <= rbp)
            {
                return left;
            }

            _index++;
            left = InfixOp(t.Text, left, bp);
        }
    }

    private JNode Prefix(Token t)
    {
        switch (t.Kind)
        {
            case Kind.Number:
                return new LiteralNode(double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case Kind.String:
                return new LiteralNode(t.Text);
            case Kind.Variable:
                return new VariableNode(t.Text);
            case Kind.Name:
                return t.Text switch
                {
                    "true" => new LiteralNode(true),
                    "false" => new LiteralNode(false),
                    "null" => new LiteralNode(JNull.Value),
                    "function" or "λ" => Lambda(),
                    _ => new NameNode(t.Text),
                };
            case Kind.End:
                throw new JsonataException("S0203", "Syntax error: unexpected end of expression.");
        }

        switch (t.Text)
        {
            case "-":
                return new NegateNode(Expression(70));
            case "*":
                return new WildcardNode();
            case "**":
                return new DescendantsNode();
            case "(":
            {
                var list = new List<JNode>();
                while (!IsOp(")"))
                {
                    list.Add(Expression(0));
                    if (!IsOp(";"))
                    {
                        break;
                    }

                    _index++;
                }

                Expect(")");
                return new BlockNode(list);
            }

            case "[":
            {
                var items = new List<JNode>();
                if (!IsOp("]"))
                {
                    while (true)
                    {
                        var item = Expression(0);
                        if (IsOp(".."))
                        {
                            _index++;
                            item = new RangeNode(item, Expression(0));
                        }

                        items.Add(item);
                        if (!IsOp(","))
                        {
                            break;
                        }

                        _index++;
                    }
                }

                Expect("]");
                return new ArrayNode(items);
            }

            case "{":
            {
                var pairs = new List<(JNode, JNode)>();
                if (!IsOp("}"))
                {
                    while (true)
                    {
                        var key = Expression(0);
                        Expect(":");
                        pairs.Add((key, Expression(0)));
                        if (!IsOp(","))
                        {
                            break;
                        }

                        _index++;
                    }
                }

                Expect("}");
                return new ObjectNode(pairs);
            }

            default:
                throw new JsonataException("S0211", $"Syntax error: the symbol \"{t.Text}\" cannot be used as a unary operator (position {t.Position.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private LambdaNode Lambda()
    {
        Expect("(");
        var parameters = new List<string>();
        while (!IsOp(")"))
        {
            var p = Advance();
            if (p.Kind != Kind.Variable)
            {
                throw new JsonataException("S0208", $"Syntax error: parameter \"{p.Text}\" of a function definition must be a variable.");
            }

            parameters.Add(p.Text);
            if (!IsOp(","))
            {
                break;
            }

            _index++;
        }

        Expect(")");
        Expect("{");
        var body = Expression(0);
        Expect("}");
        return new LambdaNode(parameters, body);
    }

    private JNode InfixOp(string op, JNode left, int bp)
    {
        switch (op)
        {
            case ".":
            {
                var right = Expression(bp);
                var steps = new List<StepNode>();
                AddSteps(steps, left);
                AddSteps(steps, right);
                return new PathNode(steps);
            }

            case "[":
            {
                if (IsOp("]"))
                {
                    _index++;
                    var path = left as PathNode ?? new PathNode([AsStep(left)]);
                    path.KeepSingleton = true;
                    return path;
                }

                var predicate = Expression(0);
                Expect("]");
                if (left is PathNode p)
                {
                    p.Steps[^1].Predicates.Add(predicate);
                    return p;
                }

                var step = AsStep(left);
                step.Predicates.Add(predicate);
                return step;
            }

            case "(":
            {
                var args = new List<JNode>();
                if (!IsOp(")"))
                {
                    while (true)
                    {
                        args.Add(Expression(0));
                        if (!IsOp(","))
                        {
                            break;
                        }

                        _index++;
                    }
                }

                Expect(")");
                return new CallNode(left, args);
            }

            case "?":
            {
                var then = Expression(0);
                JNode? otherwise = null;
                if (IsOp(":"))
                {
                    _index++;
                    otherwise = Expression(0);
                }

                return new ConditionNode(left, then, otherwise);
            }

            case ":=":
                return left is VariableNode v
                    ? new BindNode(v.Name, Expression(bp - 1))
                    : throw new JsonataException("S0212", "Syntax error: the left side of := must be a variable name (start with $).");
            case "~>":
                return new ChainNode(left, Expression(bp));
            default:
                return new BinaryNode(op, left, Expression(bp));
        }
    }

    private static StepNode AsStep(JNode node) => node as StepNode ?? new StepNode(node, []);

    private static void AddSteps(List<StepNode> steps, JNode node)
    {
        if (node is PathNode p && !p.KeepSingleton)
        {
            steps.AddRange(p.Steps);
        }
        else
        {
            steps.Add(AsStep(node));
        }
    }

    private readonly record struct Token(Kind Kind, string Text, int Position);

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new JsonataException("S0106", "Syntax error: comment has no closing */.");
                }

                i = end + 2;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
                {
                    i++;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        i++;
                    }
                }

                if (i < s.Length && s[i] is 'e' or 'E')
                {
                    i++;
                    if (i < s.Length && s[i] is '+' or '-')
                    {
                        i++;
                    }

                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new Token(Kind.Number, s[start..i], start));
                continue;
            }

            if (c is '"' or '\'')
            {
                i++;
                var sb = new StringBuilder();
                while (i < s.Length && s[i] != c)
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        i++;
                        switch (s[i])
                        {
                            case 'n': sb.Append('\n'); break;
                            case 't': sb.Append('\t'); break;
                            case 'r': sb.Append('\r'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'f': sb.Append('\f'); break;
                            case 'u' when i + 4 < s.Length:
                                sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                                i += 4;
                                break;
                            default: sb.Append(s[i]); break;
                        }

                        i++;
                        continue;
                    }

                    sb.Append(s[i++]);
                }

                if (i >= s.Length)
                {
                    throw new JsonataException("S0101", "Syntax error: string literal has no closing quote.");
                }

                i++;
                tokens.Add(new Token(Kind.String, sb.ToString(), start));
                continue;
            }

            if (c == '`')
            {
                var end = s.IndexOf('`', i + 1);
                if (end < 0)
                {
                    throw new JsonataException("S0105", "Syntax error: quoted name has no closing backtick.");
                }

                tokens.Add(new Token(Kind.Name, s[(i + 1)..end], start));
                i = end + 1;
                continue;
            }

            if (c == '$')
            {
                i++;
                if (i < s.Length && s[i] == '$')
                {
                    i++;
                    tokens.Add(new Token(Kind.Variable, "$", start));
                    continue;
                }

                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Variable, s[(start + 1)..i], start));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Name, s[start..i], start));
                continue;
            }

            string[] two = ["!=", "<=", ">=", ":=", "~>", "..", "**"];
            var op = two.FirstOrDefault(o => string.CompareOrdinal(s, i, o, 0, 2) == 0);
            if (op is not null)
            {
                tokens.Add(new Token(Kind.Operator, op, start));
                i += 2;
                continue;
            }

            if ("[](){},.:;?+-*/%&=<>".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new Token(Kind.Operator, c.ToString(), start));
                i++;
                continue;
            }

            throw new JsonataException("S0204", $"Syntax error: unknown character \"{c}\" at position {i.ToString(CultureInfo.InvariantCulture)}.");
        }

        tokens.Add(new Token(Kind.End, string.Empty, s.Length));
        return tokens;
    }
}
