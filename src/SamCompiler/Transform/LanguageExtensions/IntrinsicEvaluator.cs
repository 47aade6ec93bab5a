using System.Globalization;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.LanguageExtensions;

/// <summary>
/// Evaluates intrinsic functions the way the AWS::LanguageExtensions transform does before CloudFormation sees the
/// template: Ref to parameters, Fn::Sub, Fn::Join, Fn::Split, Fn::Select, Fn::Base64, Fn::If (with the
/// Conditions), Fn::Length, Fn::ToJsonString and Fn::FindInMap (with DefaultValue) become their values, and
/// AWS::NoValue removes the key or list item that holds it.
/// </summary>
/// <remarks>
/// Two modes. <see cref="Resolve"/> computes what samc knows (parameter values from the overrides or their Default)
/// and keeps everything else as written, since CloudFormation evaluates it at deployment just the same: Ref to
/// resources, Fn::GetAtt, Fn::ImportValue, pseudo parameters. <see cref="Require"/> is for the values the transform
/// must write out (a collection, Fn::Length, Fn::FindInMap with DefaultValue, DeletionPolicy): there AWS::Region,
/// AWS::Partition and AWS::URLSuffix take the values of --region, and anything still unknown is an error.
/// A null result stands for AWS::NoValue.
/// </remarks>
internal sealed partial class IntrinsicEvaluator(TemplateValues values, string path)
{
    private const string NoValue = "AWS::NoValue";
    private static readonly string[] ConditionFunctions = ["Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not"];
    private static readonly HashSet<string> PseudoParameters = new(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    private readonly Dictionary<(string, bool), bool?> _conditions = [];
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    /// <summary>Informational diagnostics (Fn::ToJsonString written as Fn::Sub).</summary>
    public List<Diagnostic> Notes { get; } = [];

    /// <summary>Computes what can be computed now; null for AWS::NoValue.</summary>
    public Node? Resolve(Node node) => Eval(node, required: false);

    /// <summary>Computes a value that must be known now, or fails with SAM2013 naming <paramref name="what"/>.</summary>
    public Node Require(Node node, string what)
    {
        try
        {
            return Eval(node, required: true) ?? throw Error(DiagnosticCatalog.LanguageExtensionsValueInvalid, $"{Capitalize(what)} resolves to AWS::NoValue.", node.Span);
        }
        catch (LanguageExtensionsException ex) when (ex.Descriptor == DiagnosticCatalog.LanguageExtensionsValueUnknown && !ex.Explained)
        {
            throw new LanguageExtensionsException(DiagnosticCatalog.LanguageExtensionsValueUnknown, $"{Capitalize(what)} must be known when the template is compiled, but {ex.Message}.", ex.Span) { Explained = true };
        }
    }

    private Node? Eval(Node node, bool required)
    {
        switch (node)
        {
            case MapNode { Count: 1 } m when Node.IsIntrinsicName(m.KeyAt(0)) && !ForEachExpander.IsForEachKey(m.KeyAt(0)):
                return Function(m.KeyAt(0), m.ValueAt(0), m, required);
            case MapNode m:
                var map = new MapNode { Span = m.Span };
                foreach (var (k, v) in m)
                {
                    if (Eval(v, required) is { } r)
                    {
                        map.Set(k, r, m.KeySpan(k));
                    }
                }

                return map;
            case ListNode l:
                var list = new ListNode { Span = l.Span };
                foreach (var item in l)
                {
                    if (Eval(item, required) is { } r)
                    {
                        list.Add(r);
                    }
                }

                return list;
            default:
                return node;
        }
    }

    /// <summary>Evaluates an argument of a function that is kept: AWS::NoValue stays written as a Ref.</summary>
    private Node EvalKept(Node node, bool required) => Eval(node, required) ?? NoValueRef(node.Span);

    private Node? Function(string name, Node arg, MapNode call, bool required) => name switch
    {
        "Ref" => Ref(arg, call, required),
        "Fn::Sub" => Sub(arg, call, required),
        "Fn::Join" => Join(arg, call, required),
        "Fn::Split" => Split(arg, call, required),
        "Fn::Select" => Select(arg, call, required),
        "Fn::Length" => Length(arg, call, required),
        "Fn::ToJsonString" => ToJsonString(arg, call),
        "Fn::FindInMap" => FindInMap(arg, call, required),
        "Fn::Base64" => Base64(arg, call, required),
        "Fn::If" => If(arg, call, required),
        "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" or "Condition" => ConditionFunction(name, arg, call, required),
        "Fn::Transform" => call,
        _ when required => throw Unknown($"{name} is evaluated by CloudFormation at deployment", call.Span),
        _ => Keep(call, EvalKept(arg, required)),
    };

    private Node? Ref(Node arg, MapNode call, bool required)
    {
        var target = arg is ScalarNode { Kind: ScalarKind.String } s ? s.Text
            : arg.IsIntrinsic && Eval(arg, required: true) is ScalarNode { Kind: ScalarKind.String } r ? r.Text
            : throw Layout("Ref", "the name of a parameter, pseudo parameter or resource", Span(arg, call));
        if (target == NoValue)
        {
            return null;
        }

        if (PseudoParameters.Contains(target))
        {
            if (!required)
            {
                return RefNode(target, call);
            }

            return target switch
            {
                "AWS::Region" => ScalarNode.String(values.Region, call.Span),
                "AWS::Partition" => ScalarNode.String(values.Partition, call.Span),
                "AWS::URLSuffix" => ScalarNode.String(values.UrlSuffix, call.Span),
                _ => throw Unknown($"{target} is known only at deployment", call.Span),
            };
        }

        if (values.IsParameter(target))
        {
            return values.ParameterValue(target, call.Span)
                ?? (required ? throw Unknown(values.UnknownParameterReason(target), call.Span) : RefNode(target, call));
        }

        return required ? throw Unknown($"\"{target}\" is a resource, whose Ref is known only at deployment", call.Span) : RefNode(target, call);
    }

    private Node? Join(Node arg, MapNode call, bool required)
    {
        if (arg is not ListNode { Count: 2 } parts)
        {
            throw Layout("Fn::Join", "[delimiter, [values]]", Span(arg, call));
        }

        var delimiter = EvalKept(parts[0], required);
        var items = EvalKept(parts[1], required);
        if (delimiter is ScalarNode { Kind: ScalarKind.String } d && items is ListNode list && list.All(i => i is ScalarNode))
        {
            return ScalarNode.String(string.Join(d.Text, list.Select(i => Text((ScalarNode)i))), call.Span);
        }

        if ((delimiter is not ScalarNode { Kind: ScalarKind.String } && !delimiter.IsIntrinsic) || (items is not ListNode && !items.IsIntrinsic))
        {
            throw Layout("Fn::Join", "[delimiter, [values]]", Span(arg, call));
        }

        return Keep(call, new ListNode([delimiter, items]) { Span = arg.Span });
    }

    private Node? Split(Node arg, MapNode call, bool required)
    {
        if (arg is not ListNode { Count: 2 } parts)
        {
            throw Layout("Fn::Split", "[delimiter, string]", Span(arg, call));
        }

        var delimiter = EvalKept(parts[0], required);
        var source = EvalKept(parts[1], required);
        if (delimiter is ScalarNode { Kind: ScalarKind.String, Text.Length: 0 })
        {
            throw Error(DiagnosticCatalog.IntrinsicLayout, "The delimiter of Fn::Split must not be empty.", Span(parts[0], call));
        }

        if (delimiter is ScalarNode { Kind: ScalarKind.String } d && source is ScalarNode { Kind: ScalarKind.String } s)
        {
            return new ListNode(s.Text.Split(d.Text).Select(p => (Node)ScalarNode.String(p, call.Span))) { Span = call.Span };
        }

        if ((delimiter is not ScalarNode { Kind: ScalarKind.String } && !delimiter.IsIntrinsic) || (source is not ScalarNode { Kind: ScalarKind.String } && !source.IsIntrinsic))
        {
            throw Layout("Fn::Split", "[delimiter, string]", Span(arg, call));
        }

        return Keep(call, new ListNode([delimiter, source]) { Span = arg.Span });
    }

    private Node? Select(Node arg, MapNode call, bool required)
    {
        if (arg is not ListNode { Count: 2 } parts)
        {
            throw Layout("Fn::Select", "[index, [values]]", Span(arg, call));
        }

        var index = EvalKept(parts[0], required);
        var source = EvalKept(parts[1], required);
        if (index.IsIntrinsic || source.IsIntrinsic)
        {
            return Keep(call, new ListNode([index, source]) { Span = arg.Span });
        }

        if (index is not ScalarNode { Kind: ScalarKind.Integer or ScalarKind.String } ix || !int.TryParse(ix.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) || source is not ListNode list)
        {
            throw Layout("Fn::Select", "[index, [values]]", Span(arg, call));
        }

        if (i < 0 || i >= list.Count)
        {
            throw Error(DiagnosticCatalog.IntrinsicLayout, $"Fn::Select index {i} is out of bounds for a list of {list.Count} item(s).", Span(parts[0], call));
        }

        return Eval(list[i], required);
    }

    private Node Length(Node arg, MapNode call, bool required)
    {
        if (arg is ListNode literal)
        {
            var count = 0;
            foreach (var item in literal)
            {
                if (Eval(item, required) is not null)
                {
                    count++;
                }
            }

            return ScalarNode.Integer(count, call.Span);
        }

        if (!arg.IsIntrinsic)
        {
            throw Layout("Fn::Length", "a list, or a function that returns a list", Span(arg, call));
        }

        var value = Require(arg, "the argument of Fn::Length");
        return value is ListNode list
            ? ScalarNode.Integer(list.Count, call.Span)
            : throw Layout("Fn::Length", "a list, or a function that returns a list", Span(arg, call));
    }

    private Node? Base64(Node arg, MapNode call, bool required)
    {
        var value = EvalKept(arg, required);
        return value switch
        {
            ScalarNode { Kind: ScalarKind.String or ScalarKind.Integer or ScalarKind.Float } s =>
                ScalarNode.String(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s.Text)), call.Span),
            _ when value.IsIntrinsic => Keep(call, value),
            _ => throw Layout("Fn::Base64", "a string", Span(arg, call)),
        };
    }

    private Node? If(Node arg, MapNode call, bool required)
    {
        if (arg is not ListNode { Count: 3 } parts || parts[0] is not ScalarNode { Kind: ScalarKind.String } name)
        {
            throw Layout("Fn::If", "[condition name, value if true, value if false]", Span(arg, call));
        }

        var value = Condition(name.Text, required, Span(parts[0], call));
        if (value is { } known)
        {
            return Eval(known ? parts[1] : parts[2], required);
        }

        return Keep(call, new ListNode([name, EvalKept(parts[1], required), EvalKept(parts[2], required)]) { Span = arg.Span });
    }

    /// <summary>The value of a named condition; null when it depends on something samc does not know.</summary>
    public bool? Condition(string name, bool required, SourceSpan span)
    {
        if (!values.Conditions.TryGetValue(name, out var definition))
        {
            throw Error(DiagnosticCatalog.ConditionReferenceInvalid, $"The condition \"{name}\" is not defined in the Conditions section.", span);
        }

        if (_conditions.TryGetValue((name, required), out var cached))
        {
            return cached;
        }

        if (!_evaluating.Add(name))
        {
            throw Error(DiagnosticCatalog.ConditionReferenceInvalid, $"The condition \"{name}\" depends on itself (circular condition references).", span);
        }

        try
        {
            var value = Bool(definition, required);
            _conditions[(name, required)] = value;
            return value;
        }
        finally
        {
            _evaluating.Remove(name);
        }
    }

    private bool? Bool(Node node, bool required)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.Boolean } b:
                return b.IsTrue;
            case ScalarNode { Kind: ScalarKind.String } s when s.Text.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Text.Equals("false", StringComparison.OrdinalIgnoreCase):
                return s.Text.Equals("true", StringComparison.OrdinalIgnoreCase);
            case MapNode { Count: 1 } m:
                var name = m.KeyAt(0);
                var arg = m.ValueAt(0);
                switch (name)
                {
                    case "Fn::Equals":
                        if (arg is not ListNode { Count: 2 } pair)
                        {
                            throw Layout("Fn::Equals", "[value, value]", Span(arg, m));
                        }

                        var a = EvalKept(pair[0], required);
                        var b = EvalKept(pair[1], required);
                        if (a is ScalarNode sa && b is ScalarNode sb)
                        {
                            return string.Equals(Text(sa), Text(sb), StringComparison.Ordinal);
                        }

                        if ((a is MapNode && !a.IsIntrinsic) || (b is MapNode && !b.IsIntrinsic))
                        {
                            throw Error(DiagnosticCatalog.IntrinsicLayout, "Fn::Equals compares two values; a mapping cannot be compared.", Span(arg, m));
                        }

                        return a is ListNode la && b is ListNode lb ? Node.DeepEquals(la, lb) : null;
                    case "Fn::And" or "Fn::Or":
                        if (arg is not ListNode { Count: >= 2 and <= 10 } operands)
                        {
                            throw Layout(name, "a list of 2 to 10 conditions", Span(arg, m));
                        }

                        var isAnd = name == "Fn::And";
                        var unknown = false;
                        foreach (var operand in operands)
                        {
                            var v = Operand(operand, required, m);
                            if (v == !isAnd)
                            {
                                return !isAnd;
                            }

                            unknown |= v is null;
                        }

                        return unknown ? null : isAnd;
                    case "Fn::Not":
                        if (arg is not ListNode { Count: 1 } single)
                        {
                            throw Layout("Fn::Not", "a list of one condition", Span(arg, m));
                        }

                        return !Operand(single[0], required, m);
                    case "Condition":
                        return arg is ScalarNode { Kind: ScalarKind.String } c
                            ? Condition(c.Text, required, Span(arg, m))
                            : throw Layout("Condition", "a condition name", Span(arg, m));
                }

                break;
        }

        throw Error(DiagnosticCatalog.LanguageExtensionsValueInvalid, "A condition must be a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition) or a boolean.", node.Span);
    }

    private bool? Operand(Node operand, bool required, MapNode owner)
    {
        var ok = operand is ScalarNode { Kind: ScalarKind.Boolean or ScalarKind.String }
            || (operand is MapNode { Count: 1 } m && (Array.IndexOf(ConditionFunctions, m.KeyAt(0)) >= 0 || m.KeyAt(0) == "Condition"));
        return ok ? Bool(operand, required) : throw Error(DiagnosticCatalog.LanguageExtensionsValueInvalid, "Conditions can only be boolean operations (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition).", Span(operand, owner));
    }

    private Node ConditionFunction(string name, Node arg, MapNode call, bool required)
    {
        if (required)
        {
            return Bool(call, required) is { } value
                ? ScalarNode.Boolean(value, call.Span)
                : throw Unknown($"the condition depends on values known only at deployment", call.Span);
        }

        return name == "Condition" ? call : Keep(call, EvalKept(arg, required));
    }

    private static Node Keep(MapNode call, Node arg)
    {
        var name = call.KeyAt(0);
        var kept = new MapNode { Span = call.Span };
        kept.Set(name, arg, call.KeySpan(name));
        return kept;
    }

    private static MapNode RefNode(string target, MapNode call) => (MapNode)Keep(call, ScalarNode.String(target, call.ValueAt(0).Span));

    private static MapNode NoValueRef(SourceSpan span)
    {
        var m = new MapNode { Span = span };
        m.Set("Ref", ScalarNode.String(NoValue, span), span);
        return m;
    }

    /// <summary>A scalar as CloudFormation writes it into a string: booleans in lower case, numbers as written.</summary>
    private static string Text(ScalarNode s) => s.Kind switch
    {
        ScalarKind.Boolean => s.IsTrue ? "true" : "false",
        ScalarKind.Null => string.Empty,
        _ => s.Text,
    };

    private SourceSpan Span(Node node, Node fallback) =>
        node.Span.IsKnown ? node.Span : fallback.Span.IsKnown ? fallback.Span : SourceSpan.DocumentStart(path);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static LanguageExtensionsException Layout(string function, string shape, SourceSpan span) =>
        new(DiagnosticCatalog.IntrinsicLayout, $"{function} layout is incorrect: it takes {shape}.", span);

    private static LanguageExtensionsException Unknown(string message, SourceSpan span) =>
        new(DiagnosticCatalog.LanguageExtensionsValueUnknown, message, span);

    private static LanguageExtensionsException Error(DiagnosticDescriptor descriptor, string message, SourceSpan span) => new(descriptor, message, span);
}
