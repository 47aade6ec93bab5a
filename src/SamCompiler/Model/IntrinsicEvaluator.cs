using System.Text;
using SamCompiler.Syntax;

namespace SamCompiler.Model;

/// <summary>
/// The one evaluator of CloudFormation intrinsic functions for everything that reads a template before deployment
/// (lint, local runs, build, package): Ref (parameters, pseudo parameters, resources), Fn::Sub, Fn::Join, Fn::Select,
/// Fn::Split, Fn::FindInMap (with a DefaultValue), Fn::If (conditions evaluated where their inputs are known),
/// Fn::Base64, Fn::Length, the condition functions, and Fn::GetAtt as a typed deploy-time value; Fn::GetAZs,
/// Fn::ImportValue, Fn::Cidr and the rest are deploy-time values. It never modifies the template.
/// <para>
/// The translator does not use it for its output: it keeps samtranslator's own node-level resolution
/// (Transform/IntrinsicsResolver.cs, which substitutes only what the reference substitutes, in place), over the same
/// <see cref="ParameterBinding.ReferenceValues"/>.
/// </para>
/// </summary>
public sealed class IntrinsicEvaluator
{
    private readonly ParameterBinding _parameters;
    private readonly MapNode? _resources;
    private readonly MapNode? _mappings;
    private readonly MapNode? _conditions;
    private readonly bool _resourceRefsAsIds;
    private readonly Dictionary<string, bool?> _conditionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    /// <summary>An evaluator over <paramref name="template"/> (its Resources, Mappings and Conditions) and bound parameters.</summary>
    public IntrinsicEvaluator(MapNode template, ParameterBinding parameters, ModelOptions options)
    {
        _parameters = parameters;
        _resources = template["Resources"] as MapNode;
        _mappings = template["Mappings"] as MapNode;
        _conditions = template["Conditions"] as MapNode;
        _resourceRefsAsIds = options.ResourceRefsAsLogicalIds;
    }

    /// <summary>The parameters references are resolved with.</summary>
    public ParameterBinding Parameters => _parameters;

    /// <summary>
    /// What <paramref name="node"/> stands for. A plain scalar, map or list is Known as itself (intrinsics nested in a
    /// map or list are not evaluated: see <see cref="Resolve"/>); an intrinsic is evaluated.
    /// </summary>
    public ModelValue Evaluate(Node? node)
    {
        if (node is null)
        {
            return ModelValue.Absent();
        }

        if (node is not MapNode { Count: 1 } map || !Node.IsIntrinsicName(map.KeyAt(0)))
        {
            return ModelValue.Known(node, node);
        }

        var argument = map.ValueAt(0);
        return map.KeyAt(0) switch
        {
            "Ref" => argument.AsString() is { } name ? Ref(map, name) : ModelValue.Invalid(map),
            "Fn::Sub" => Sub(map, argument),
            "Fn::Join" => Join(map, argument),
            "Fn::Select" => Select(map, argument),
            "Fn::Split" => Split(map, argument),
            "Fn::FindInMap" => FindInMap(map, argument),
            "Fn::If" => If(map, argument),
            "Fn::GetAtt" => GetAtt(map, argument),
            "Fn::Base64" => Base64(map, argument),
            "Fn::Length" => Length(map, argument),
            "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" or "Condition" => ConditionValue(map) is { } b
                ? ModelValue.Known(map, ScalarNode.Boolean(b))
                : ModelValue.DeployTime(map, new PendingValue(PendingKind.Condition, map.KeyAt(0))),
            var other => ModelValue.DeployTime(map, new PendingValue(PendingKind.Function, other)),
        };
    }

    /// <summary>
    /// Like <see cref="Evaluate"/>, and for a map or list also every value inside it: Known with a plain copy (values
    /// that are AWS::NoValue dropped) when everything is known, else the first value inside that is not.
    /// </summary>
    public ModelValue Resolve(Node? node)
    {
        var value = Evaluate(node);
        if (!value.IsKnown || value.Value is ScalarNode)
        {
            return value;
        }

        var resolved = ResolveInside(value.Value!, out var blocker);
        return blocker ?? ModelValue.Known(node, resolved, value.Parameter);
    }

    /// <summary>The value of the condition <paramref name="name"/> of the Conditions section, or null when it depends on deploy-time values (or is not defined).</summary>
    public bool? Condition(string name)
    {
        if (_conditionValues.TryGetValue(name, out var known))
        {
            return known;
        }

        if (_conditions?[name] is not { } body || !_evaluating.Add(name))
        {
            return null;
        }

        var value = ConditionValue(body);
        _evaluating.Remove(name);
        _conditionValues[name] = value;
        return value;
    }

    /// <summary>The value of a condition expression (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition, or a boolean), or null.</summary>
    public bool? ConditionValue(Node? expression)
    {
        if (expression is ScalarNode)
        {
            return Evaluate(expression).AsBoolean();
        }

        if (expression is not MapNode { Count: 1 } m)
        {
            return null;
        }

        var argument = m.ValueAt(0);
        switch (m.KeyAt(0))
        {
            case "Condition":
                return argument.AsString() is { } name ? Condition(name) : null;
            case "Fn::Equals" when argument is ListNode { Count: 2 } pair:
                {
                    var a = Resolve(pair[0]);
                    var b = Resolve(pair[1]);
                    if (!a.IsKnown || !b.IsKnown)
                    {
                        return null;
                    }

                    // CloudFormation compares the values as strings ("1" equals 1).
                    return a.Value is ScalarNode && b.Value is ScalarNode
                        ? string.Equals(a.AsString() ?? string.Empty, b.AsString() ?? string.Empty, StringComparison.Ordinal)
                        : Node.DeepEquals(a.Value, b.Value);
                }

            case "Fn::Not" when argument is ListNode { Count: 1 } one:
                return ConditionValue(one[0]) is { } v ? !v : null;
            case "Fn::And" when argument is ListNode all:
                {
                    bool? result = true;
                    foreach (var item in all)
                    {
                        switch (ConditionValue(item))
                        {
                            case false:
                                return false;
                            case null:
                                result = null;
                                break;
                        }
                    }

                    return result;
                }

            case "Fn::Or" when argument is ListNode any:
                {
                    bool? result = false;
                    foreach (var item in any)
                    {
                        switch (ConditionValue(item))
                        {
                            case true:
                                return true;
                            case null:
                                result = null;
                                break;
                        }
                    }

                    return result;
                }

            default:
                return Evaluate(m).AsBoolean();
        }
    }

    private ModelValue Ref(MapNode source, string name)
    {
        if (name == "AWS::NoValue")
        {
            return ModelValue.Absent(source);
        }

        if (_parameters.TryGet(name, out var value, out _))
        {
            if (_parameters.Find(name) is { IsList: true } && value.AsString() is { } joined)
            {
                value = new ListNode(joined.Split(',').Select(s => (Node)ScalarNode.String(s, value.Span))) { Span = value.Span };
            }

            return ModelValue.Known(source, value, name);
        }

        if (_parameters.Find(name) is not null)
        {
            return ModelValue.DeployTime(source, new PendingValue(PendingKind.Parameter, name), name);
        }

        if (ParameterBinding.IsPseudoName(name))
        {
            return ModelValue.DeployTime(source, new PendingValue(PendingKind.Pseudo, name), name);
        }

        // SAM's derived references (MyFunction.Alias, MyApi.Stage) name a resource before the dot.
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var resource = dot > 0 ? name[..dot] : name;
        if (_resources?.ContainsKey(resource) == true)
        {
            return _resourceRefsAsIds && dot < 0
                ? ModelValue.Known(source, ScalarNode.String(name, source.Span))
                : ModelValue.DeployTime(source, new PendingValue(PendingKind.ResourceRef, name));
        }

        return ModelValue.Invalid(source);
    }

    private ModelValue GetAtt(MapNode source, Node argument)
    {
        string? id = null;
        string? attribute = null;
        switch (argument)
        {
            case ListNode { Count: >= 2 } l when l[0].AsString() is { } first:
                id = first;
                attribute = Evaluate(l[1]).AsString() ?? string.Join('.', l.Skip(1).Select(n => n.AsString()));
                break;
            case ScalarNode { Kind: ScalarKind.String } s when s.Text.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot:
                id = s.Text[..dot];
                attribute = s.Text[(dot + 1)..];
                break;
        }

        return id is null || _resources?.ContainsKey(id) != true
            ? ModelValue.Invalid(source)
            : ModelValue.DeployTime(source, new PendingValue(PendingKind.Attribute, id, attribute));
    }

    private ModelValue Sub(MapNode source, Node argument)
    {
        string? text;
        MapNode? variables = null;
        switch (argument)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                text = s.Text;
                break;
            case ListNode { Count: 2 } l when l[0].AsString() is { } t && l[1] is MapNode v:
                text = t;
                variables = v;
                break;
            default:
                return ModelValue.Invalid(source);
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("${", at, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (close < 0)
            {
                result.Append(text, at, text.Length - at);
                break;
            }

            result.Append(text, at, open - at);
            var name = text.Substring(open + 2, close - open - 2);
            at = close + 1;
            if (name.StartsWith('!'))
            {
                // ${!Literal} is the text ${Literal}.
                result.Append("${").Append(name, 1, name.Length - 1).Append('}');
                continue;
            }

            ModelValue part;
            if (variables?[name] is { } variable)
            {
                part = Evaluate(variable);
            }
            else if (name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && !_parameters.IsParameter(name))
            {
                var id = name[..dot];
                part = _resources?.ContainsKey(id) == true
                    ? ModelValue.DeployTime(source, new PendingValue(PendingKind.Attribute, id, name[(dot + 1)..]))
                    : ModelValue.Invalid(source);
            }
            else
            {
                part = Ref(source, name);
            }

            if (!part.IsKnown)
            {
                return part.Kind == ValueKind.Absent ? ModelValue.Invalid(source) : part.WithSource(source);
            }

            if (part.AsString() is not { } partText)
            {
                return ModelValue.Invalid(source);
            }

            result.Append(partText);
        }

        return ModelValue.Known(source, ScalarNode.String(result.ToString(), source.Span));
    }

    private ModelValue Join(MapNode source, Node argument)
    {
        if (argument is not ListNode { Count: 2 } l || l[0].AsString() is not { } delimiter)
        {
            return ModelValue.Invalid(source);
        }

        var items = Evaluate(l[1]);
        if (!items.IsKnown)
        {
            return items.WithSource(source);
        }

        if (items.Value is not ListNode list)
        {
            return ModelValue.Invalid(source);
        }

        var parts = new List<string>(list.Count);
        foreach (var item in list)
        {
            var value = Evaluate(item);
            if (value.Kind == ValueKind.Absent)
            {
                continue;
            }

            if (!value.IsKnown)
            {
                return value.WithSource(source);
            }

            if (value.AsString() is not { } text)
            {
                return ModelValue.Invalid(source);
            }

            parts.Add(text);
        }

        return ModelValue.Known(source, ScalarNode.String(string.Join(delimiter, parts), source.Span));
    }

    private ModelValue Select(MapNode source, Node argument)
    {
        if (argument is not ListNode { Count: 2 } l)
        {
            return ModelValue.Invalid(source);
        }

        var index = Evaluate(l[0]);
        var items = Evaluate(l[1]);
        if (!index.IsKnown)
        {
            return index.WithSource(source);
        }

        if (!items.IsKnown)
        {
            return items.WithSource(source);
        }

        return index.AsInteger() is { } i && items.Value is ListNode list && i >= 0 && i < list.Count
            ? Evaluate(list[(int)i]).WithSource(source)
            : ModelValue.Invalid(source);
    }

    private ModelValue Split(MapNode source, Node argument)
    {
        if (argument is not ListNode { Count: 2 } l || l[0].AsString() is not { Length: > 0 } delimiter)
        {
            return ModelValue.Invalid(source);
        }

        var text = Evaluate(l[1]);
        if (!text.IsKnown)
        {
            return text.WithSource(source);
        }

        return text.AsString() is { } s
            ? ModelValue.Known(source, new ListNode(s.Split(delimiter).Select(p => (Node)ScalarNode.String(p, source.Span))) { Span = source.Span })
            : ModelValue.Invalid(source);
    }

    private ModelValue FindInMap(MapNode source, Node argument)
    {
        if (argument is not ListNode { Count: 3 or 4 } l)
        {
            return ModelValue.Invalid(source);
        }

        var keys = new string[3];
        for (var i = 0; i < 3; i++)
        {
            var key = Evaluate(l[i]);
            if (!key.IsKnown)
            {
                return key.WithSource(source);
            }

            if (key.AsString() is not { } text)
            {
                return ModelValue.Invalid(source);
            }

            keys[i] = text;
        }

        if (_mappings?[keys[0]].Get(keys[1]).Get(keys[2]) is { } found)
        {
            return Evaluate(found).WithSource(source);
        }

        // AWS::LanguageExtensions: [map, top, second, {DefaultValue: x}].
        return l.Count == 4 && l[3].Get("DefaultValue") is { } fallback
            ? Evaluate(fallback).WithSource(source)
            : ModelValue.Invalid(source);
    }

    private ModelValue If(MapNode source, Node argument)
    {
        if (argument is not ListNode { Count: 3 } l || l[0].AsString() is not { } condition)
        {
            return ModelValue.Invalid(source);
        }

        return Condition(condition) switch
        {
            true => Evaluate(l[1]),
            false => Evaluate(l[2]),
            null => ModelValue.DeployTime(source, new PendingValue(PendingKind.Condition, condition)),
        };
    }

    private ModelValue Base64(MapNode source, Node argument)
    {
        var text = Evaluate(argument);
        if (!text.IsKnown)
        {
            return text.WithSource(source);
        }

        return text.AsString() is { } s
            ? ModelValue.Known(source, ScalarNode.String(Convert.ToBase64String(Encoding.UTF8.GetBytes(s)), source.Span))
            : ModelValue.Invalid(source);
    }

    private ModelValue Length(MapNode source, Node argument)
    {
        var items = Evaluate(argument);
        if (!items.IsKnown)
        {
            return items.WithSource(source);
        }

        return items.Value is ListNode list
            ? ModelValue.Known(source, ScalarNode.Integer(list.Count, source.Span))
            : ModelValue.Invalid(source);
    }

    private Node ResolveInside(Node node, out ModelValue? blocker)
    {
        blocker = null;
        switch (node)
        {
            case MapNode map:
                {
                    MapNode? copy = null;
                    for (var i = 0; i < map.Count; i++)
                    {
                        var child = map.ValueAt(i);
                        var value = Resolve(child);
                        if (value.Kind is ValueKind.DeployTime or ValueKind.Invalid)
                        {
                            blocker = value;
                            return node;
                        }

                        if (value.Kind == ValueKind.Absent || !ReferenceEquals(value.Value, child))
                        {
                            copy ??= CopyPrefix(map, i);
                        }

                        if (copy is not null && value.Kind == ValueKind.Known)
                        {
                            copy.Set(map.KeyAt(i), value.Value!, map.KeySpan(map.KeyAt(i)));
                        }
                    }

                    return copy ?? node;
                }

            case ListNode list:
                {
                    ListNode? copy = null;
                    for (var i = 0; i < list.Count; i++)
                    {
                        var value = Resolve(list[i]);
                        if (value.Kind is ValueKind.DeployTime or ValueKind.Invalid)
                        {
                            blocker = value;
                            return node;
                        }

                        if (value.Kind == ValueKind.Absent || !ReferenceEquals(value.Value, list[i]))
                        {
                            copy ??= new ListNode(list.Take(i)) { Span = list.Span };
                        }

                        if (copy is not null && value.Kind == ValueKind.Known)
                        {
                            copy.Add(value.Value!);
                        }
                    }

                    return copy ?? node;
                }

            default:
                return node;
        }
    }

    private static MapNode CopyPrefix(MapNode map, int count)
    {
        var copy = new MapNode { Span = map.Span };
        for (var i = 0; i < count; i++)
        {
            var key = map.KeyAt(i);
            copy.Set(key, map.ValueAt(i), map.KeySpan(key));
        }

        return copy;
    }
}
