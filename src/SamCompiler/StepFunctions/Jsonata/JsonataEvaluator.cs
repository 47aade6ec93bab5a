using System.Globalization;

namespace SamCompiler.StepFunctions.Jsonata;

/// <summary>Variable bindings, chained to the enclosing scope.</summary>
internal sealed class Frame(Frame? parent)
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Frame? _parent = parent;

    public void Bind(string name, object? value) => _values[name] = value;

    public bool TryLookup(string name, out object? value)
    {
        for (var f = this; f is not null; f = f._parent)
        {
            if (f._values.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>Evaluates a parsed JSONata expression (JSONata's sequence semantics for paths and predicates).</summary>
internal sealed class JsonataEvaluator(JsonataEnvironment environment)
{
    private int _depth;

    public JsonataEnvironment Environment { get; } = environment;

    public object? Evaluate(JNode node, object? context, Frame frame)
    {
        if (++_depth > 500)
        {
            throw new JsonataException("U1001", "Stack overflow: the expression recurses too deeply.");
        }

        try
        {
            return Eval(node, context, frame);
        }
        finally
        {
            _depth--;
        }
    }

    private object? Eval(JNode node, object? context, Frame frame)
    {
        switch (node)
        {
            case LiteralNode l:
                return l.Value;
            case NameNode n:
                return Lookup(context, n.Name);
            case VariableNode v:
                if (v.Name.Length == 0)
                {
                    return context;
                }

                if (frame.TryLookup(v.Name, out var value))
                {
                    return value;
                }

                return JsonataFunctions.TryGet(v.Name, out var builtin) ? builtin : null;
            case WildcardNode:
                return Wildcard(context);
            case DescendantsNode:
                var all = new JArray { IsSequence = true };
                Descendants(context, all);
                return all;
            case PathNode p:
                return EvalPath(p, context, frame);
            case StepNode s:
                return ApplyPredicates(Evaluate(s.Expression, context, frame), s.Predicates, frame, step: false);
            case BinaryNode b:
                return Binary(b, context, frame);
            case NegateNode neg:
                var operand = JValue.Unwrap(Evaluate(neg.Operand, context, frame));
                return operand switch
                {
                    null => null,
                    double d => -d,
                    _ => throw new JsonataException("D1002", $"Cannot negate a non-numeric value: {JValue.Stringify(operand)}."),
                };
            case ConditionNode c:
                return JValue.Truthy(Evaluate(c.Test, context, frame))
                    ? Evaluate(c.Then, context, frame)
                    : c.Else is null ? null : Evaluate(c.Else, context, frame);
            case ArrayNode a:
                var array = new JArray { Constructed = true };
                foreach (var item in a.Items)
                {
                    if (item is RangeNode r)
                    {
                        var from = JValue.Unwrap(Evaluate(r.From, context, frame));
                        var to = JValue.Unwrap(Evaluate(r.To, context, frame));
                        if (from is null || to is null)
                        {
                            continue;
                        }

                        if (from is not double f || to is not double t || f != Math.Floor(f) || t != Math.Floor(t))
                        {
                            throw new JsonataException("T2003", "The bounds of a range must be integers.");
                        }

                        if (t - f > 10_000_000)
                        {
                            throw new JsonataException("D2014", "The size of the range exceeds the limit of 10,000,000.");
                        }

                        for (var i = f; i <= t; i++)
                        {
                            array.Add(i);
                        }

                        continue;
                    }

                    var v = Evaluate(item, context, frame);
                    if (v is null)
                    {
                        continue;
                    }

                    if (item is ArrayNode)
                    {
                        array.Add(v);
                    }
                    else if (v is JArray inner && !inner.Constructed)
                    {
                        array.AddRange(inner);
                    }
                    else
                    {
                        array.Add(v);
                    }
                }

                return array;
            case ObjectNode o:
                var obj = new JObject();
                foreach (var (k, vn) in o.Pairs)
                {
                    var key = JValue.Unwrap(Evaluate(k, context, frame));
                    if (key is not string ks)
                    {
                        throw new JsonataException("T1003", $"Key in object structure must evaluate to a string; got: {JValue.Stringify(key)}.");
                    }

                    var val = Evaluate(vn, context, frame);
                    if (val is not null)
                    {
                        obj.Set(ks, JValue.Unwrap(val));
                    }
                }

                return obj;
            case BlockNode block:
                var inner2 = new Frame(frame);
                object? last = null;
                foreach (var e in block.Expressions)
                {
                    last = Evaluate(e, context, inner2);
                }

                return last;
            case BindNode bind:
                var bound = Evaluate(bind.Value, context, frame);
                frame.Bind(bind.Name, bound);
                return bound;
            case LambdaNode lambda:
                return new Lambda(lambda, frame);
            case CallNode call:
                return Call(call, context, frame, null, chained: false);
            case ChainNode chain:
                var input = Evaluate(chain.Left, context, frame);
                if (chain.Function is CallNode cn)
                {
                    return Call(cn, context, frame, input, chained: true);
                }

                var fn = Evaluate(chain.Function, context, frame) as JFunction ?? throw new JsonataException("T2006", "The right side of the ~> operator must be a function.");
                return fn.Invoke(this, [input], context);
            default:
                throw new JsonataException("S0000", "Unsupported expression " + node.GetType().Name + ".");
        }
    }

    private object? Call(CallNode call, object? context, Frame frame, object? first, bool chained)
    {
        var procedure = Evaluate(call.Procedure, context, frame);
        if (procedure is not JFunction fn)
        {
            var name = call.Procedure is VariableNode v ? "$" + v.Name : "expression";
            throw new JsonataException("T1006", $"Attempted to invoke a non-function: {name} is not a function samc's JSONata evaluator knows (see docs/stepfunctions.md).");
        }

        var args = new List<object?>();
        if (chained)
        {
            args.Add(first);
        }

        foreach (var a in call.Args)
        {
            args.Add(Evaluate(a, context, frame));
        }

        return fn.Invoke(this, args, context);
    }

    private object? EvalPath(PathNode path, object? context, Frame frame)
    {
        object? result = null;
        var keptData = false;
        for (var i = 0; i < path.Steps.Count; i++)
        {
            var step = path.Steps[i];
            if (i == 0)
            {
                result = ApplyPredicates(Evaluate(step.Expression, context, frame), step.Predicates, frame, step: true);
                if (step.Expression is ArrayNode && path.Steps.Count > 1)
                {
                    result = new JArray((JArray)result!) { IsSequence = true };
                }

                continue;
            }

            var items = result switch
            {
                null => [],
                JArray a => (IEnumerable<object?>)a,
                _ => [result],
            };
            var raw = new List<object?>();
            foreach (var item in items)
            {
                var r = ApplyPredicates(Evaluate(step.Expression, item, frame), step.Predicates, frame, step: true);
                if (r is not null)
                {
                    raw.Add(r);
                }
            }

            // As jsonata-js evaluateStep: on the last step, one array from the data (not a sequence) is the result
            // as it is ({"a": [1]}.a is [1]); otherwise the results are flattened into one sequence.
            if (i == path.Steps.Count - 1 && raw.Count == 1 && raw[0] is JArray { IsSequence: false } only)
            {
                result = only;
                keptData = true;
                continue;
            }

            var next = new JArray { IsSequence = true };
            foreach (var r in raw)
            {
                if (r is JArray ra && !(step.Expression is ArrayNode))
                {
                    next.AddRange(ra.Where(x => x is not null));
                }
                else
                {
                    next.Add(r);
                }
            }

            result = next;
        }

        if (!keptData && result is JArray { IsSequence: false } plain && path.Steps.Count > 1)
        {
            result = new JArray(plain) { IsSequence = true };
        }

        if (path.KeepSingleton)
        {
            var keep = result switch
            {
                null => new JArray { IsSequence = true },
                JArray a => new JArray(a) { IsSequence = true },
                _ => new JArray { result },
            };
            keep.KeepSingleton = true;
            return keep;
        }

        return result is JArray { IsSequence: true } seq ? JValue.Unwrap(seq) : result;
    }

    private object? ApplyPredicates(object? value, List<JNode> predicates, Frame frame, bool step)
    {
        if (predicates.Count == 0 || value is null)
        {
            return value;
        }

        var current = value;
        foreach (var predicate in predicates)
        {
            var items = current switch
            {
                null => new List<object?>(),
                JArray a => [.. a],
                _ => [current],
            };
            var kept = new JArray { IsSequence = true };
            if (predicate is LiteralNode { Value: double index })
            {
                var at = (int)Math.Floor(index);
                if (at < 0)
                {
                    at += items.Count;
                }

                if (at >= 0 && at < items.Count)
                {
                    kept.Add(items[at]);
                }
            }
            else
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var test = JValue.Unwrap(Evaluate(predicate, items[i], frame));
                    if (test is double d)
                    {
                        var at = (int)Math.Floor(d);
                        if (at < 0)
                        {
                            at += items.Count;
                        }

                        if (at == i)
                        {
                            kept.Add(items[i]);
                        }
                    }
                    else if (test is JArray nums && nums.Count > 0 && nums.All(n => n is double))
                    {
                        if (nums.Any(n => { var at = (int)Math.Floor((double)n!); return (at < 0 ? at + items.Count : at) == i; }))
                        {
                            kept.Add(items[i]);
                        }
                    }
                    else if (JValue.Truthy(test))
                    {
                        kept.Add(items[i]);
                    }
                }
            }

            current = kept;
        }

        _ = step;
        return JValue.Unwrap(current);
    }

    private static object? Lookup(object? context, string name)
    {
        switch (context)
        {
            case JObject o:
                return o.TryGet(name, out var v) ? v : null;
            case JArray a:
                var result = new JArray { IsSequence = true };
                foreach (var item in a)
                {
                    var r = Lookup(item, name);
                    if (r is JArray ra && !ra.Constructed)
                    {
                        result.AddRange(ra);
                    }
                    else if (r is not null)
                    {
                        result.Add(r);
                    }
                }

                return JValue.Unwrap(result);
            default:
                return null;
        }
    }

    private static object? Wildcard(object? context)
    {
        var result = new JArray { IsSequence = true };
        switch (context)
        {
            case JObject o:
                foreach (var (_, v) in o)
                {
                    if (v is JArray a)
                    {
                        result.AddRange(a);
                    }
                    else
                    {
                        result.Add(v);
                    }
                }

                break;
            case JArray arr:
                foreach (var item in arr)
                {
                    if (Wildcard(item) is { } w)
                    {
                        if (w is JArray wa)
                        {
                            result.AddRange(wa);
                        }
                        else
                        {
                            result.Add(w);
                        }
                    }
                }

                break;
        }

        return JValue.Unwrap(result);
    }

    private static void Descendants(object? context, JArray output)
    {
        if (context is not JArray)
        {
            output.Add(context);
        }

        switch (context)
        {
            case JObject o:
                foreach (var (_, v) in o)
                {
                    Descendants(v, output);
                }

                break;
            case JArray a:
                foreach (var v in a)
                {
                    Descendants(v, output);
                }

                break;
        }
    }

    private object? Binary(BinaryNode b, object? context, Frame frame)
    {
        if (b.Op == "and")
        {
            return JValue.Truthy(Evaluate(b.Left, context, frame)) && JValue.Truthy(Evaluate(b.Right, context, frame));
        }

        if (b.Op == "or")
        {
            return JValue.Truthy(Evaluate(b.Left, context, frame)) || JValue.Truthy(Evaluate(b.Right, context, frame));
        }

        var left = JValue.Unwrap(Evaluate(b.Left, context, frame));
        var right = JValue.Unwrap(Evaluate(b.Right, context, frame));
        switch (b.Op)
        {
            case "+":
            case "-":
            case "*":
            case "/":
            case "%":
                if (left is null || right is null)
                {
                    return null;
                }

                if (left is not double x || right is not double y)
                {
                    throw new JsonataException("T2001", $"The {(left is double ? "right" : "left")} side of the \"{b.Op}\" operator must evaluate to a number.");
                }

                var r = b.Op switch
                {
                    "+" => x + y,
                    "-" => x - y,
                    "*" => x * y,
                    "/" => x / y,
                    _ => x % y,
                };
                return double.IsFinite(r) ? r : throw new JsonataException("D1001", "Number out of range: " + r.ToString(CultureInfo.InvariantCulture) + ".");
            case "&":
                return JValue.Stringify(left) + JValue.Stringify(right);
            case "=":
                return left is not null && right is not null && JValue.DeepEqual(left, right);
            case "!=":
                return left is not null && right is not null && !JValue.DeepEqual(left, right);
            case "<":
            case "<=":
            case ">":
            case ">=":
                if (left is null || right is null)
                {
                    return false;
                }

                int cmp;
                if (left is double p && right is double q)
                {
                    cmp = p.CompareTo(q);
                }
                else if (left is string s && right is string t)
                {
                    cmp = string.CompareOrdinal(s, t);
                }
                else
                {
                    throw new JsonataException("T2010", $"The expressions either side of operator \"{b.Op}\" must evaluate to numeric or string values.");
                }

                return b.Op switch
                {
                    "<" => cmp < 0,
                    "<=" => cmp <= 0,
                    ">" => cmp > 0,
                    _ => cmp >= 0,
                };
            case "in":
                if (left is null || right is null)
                {
                    return false;
                }

                return right is JArray arr ? arr.Any(v => JValue.DeepEqual(v, left)) : JValue.DeepEqual(left, right);
            default:
                throw new JsonataException("S0201", $"Unsupported operator \"{b.Op}\".");
        }
    }

    private sealed class Lambda(LambdaNode node, Frame closure) : JFunction
    {
        public override int Arity => node.Parameters.Count;

        public override object? Invoke(JsonataEvaluator evaluator, IReadOnlyList<object?> args, object? context)
        {
            var frame = new Frame(closure);
            for (var i = 0; i < node.Parameters.Count; i++)
            {
                frame.Bind(node.Parameters[i], i < args.Count ? args[i] : null);
            }

            return evaluator.Evaluate(node.Body, context, frame);
        }
    }
}
