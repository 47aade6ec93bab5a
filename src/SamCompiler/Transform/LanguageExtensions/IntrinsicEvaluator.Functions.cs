using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.LanguageExtensions;

/// <summary>Fn::Sub, Fn::ToJsonString and Fn::FindInMap.</summary>
internal sealed partial class IntrinsicEvaluator
{
    /// <summary>
    /// Fn::Sub: placeholders whose value samc knows are replaced; when none is left the function becomes its string
    /// (<c>${!Literal}</c> becomes <c>${Literal}</c>), else it is kept with the known parts written in.
    /// </summary>
    private Node Sub(Node arg, MapNode call, bool required)
    {
        string template;
        MapNode? variables = null;
        switch (arg)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                template = s.Text;
                break;
            case ListNode { Count: 2 } l when l[0] is ScalarNode { Kind: ScalarKind.String } t && l[1] is MapNode v:
                template = t.Text;
                variables = new MapNode { Span = v.Span };
                foreach (var (k, value) in v)
                {
                    if (value.IsNull)
                    {
                        throw Error(DiagnosticCatalog.LanguageExtensionsValueInvalid, $"The Fn::Sub variable \"{k}\" is null.", Span(value, call));
                    }

                    variables.Set(k, EvalKept(value, required), v.KeySpan(k));
                }

                break;
            default:
                throw Layout("Fn::Sub", "a string, or [string, {name: value}]", Span(arg, call));
        }

        var resolved = new StringBuilder(template.Length);
        var kept = new StringBuilder(template.Length);
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        var pos = 0;
        while (pos < template.Length)
        {
            var open = template.IndexOf("${", pos, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 2);
            if (close < 0)
            {
                resolved.Append(template, pos, template.Length - pos);
                kept.Append(template, pos, template.Length - pos);
                break;
            }

            resolved.Append(template, pos, open - pos);
            kept.Append(template, pos, open - pos);
            var name = template[(open + 2)..close];
            pos = close + 1;
            if (name.StartsWith('!'))
            {
                resolved.Append("${").Append(name, 1, name.Length - 1).Append('}');
                kept.Append("${").Append(name).Append('}');
                continue;
            }

            if (SubVariable(name, variables, required, call) is { } text)
            {
                resolved.Append(text);
                kept.Append(text.Replace("${", "${!", StringComparison.Ordinal));
            }
            else
            {
                unresolved.Add(name);
                kept.Append("${").Append(name).Append('}');
            }
        }

        if (unresolved.Count == 0)
        {
            return ScalarNode.String(resolved.ToString(), call.Span);
        }

        var keptTemplate = ScalarNode.String(kept.ToString(), arg is ListNode al ? al[0].Span : arg.Span);
        var keptVariables = new MapNode { Span = variables?.Span ?? call.Span };
        if (variables is not null)
        {
            foreach (var (k, v) in variables)
            {
                if (unresolved.Contains(k))
                {
                    keptVariables.Set(k, v, variables.KeySpan(k));
                }
            }
        }

        return Keep(call, keptVariables.Count == 0 ? keptTemplate : new ListNode([keptTemplate, keptVariables]) { Span = arg.Span });
    }

    private string? SubVariable(string name, MapNode? variables, bool required, MapNode call)
    {
        if (variables is not null && variables.TryGetValue(name, out var given))
        {
            return given is ScalarNode s ? Text(s) : required ? throw Unknown($"the Fn::Sub variable \"{name}\" is known only at deployment", call.Span) : null;
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            return required ? throw Unknown($"${{{name}}} is a resource attribute, known only at deployment", call.Span) : null;
        }

        if (values.IsParameter(name))
        {
            return values.ParameterValue(name, call.Span) switch
            {
                ScalarNode s => Text(s),
                null when required => throw Unknown(values.UnknownParameterReason(name), call.Span),
                _ => null,
            };
        }

        if (PseudoParameters.Contains(name))
        {
            if (!required)
            {
                return null;
            }

            return name switch
            {
                "AWS::Region" => values.Region,
                "AWS::Partition" => values.Partition,
                "AWS::URLSuffix" => values.UrlSuffix,
                _ => throw Unknown($"{name} is known only at deployment", call.Span),
            };
        }

        return required ? throw Unknown($"\"{name}\" is a resource, whose Ref is known only at deployment", call.Span) : null;
    }

    /// <summary>
    /// Fn::ToJsonString: the object or list as compact JSON. Values that stay functions (Fn::GetAtt, Ref to a
    /// resource) are written as an Fn::Sub over that JSON, one variable per value, as CloudFormation does.
    /// </summary>
    private Node ToJsonString(Node arg, MapNode call)
    {
        if (arg is not (MapNode or ListNode) || arg is ScalarNode)
        {
            throw Layout("Fn::ToJsonString", "an object or a list", Span(arg, call));
        }

        RejectInToJsonString(arg);
        var value = Eval(arg, required: false);
        if (value is not (ListNode or MapNode) || value.IsIntrinsic)
        {
            throw Layout("Fn::ToJsonString", "an object or a list", Span(arg, call));
        }

        var variables = new MapNode { Span = call.Span };
        var json = new StringBuilder();
        WriteJson(json, value, variables, escapeSub: true);
        if (variables.Count == 0)
        {
            json.Clear();
            WriteJson(json, value, variables, escapeSub: false);
            return ScalarNode.String(json.ToString(), call.Span);
        }

        Notes.Add(Diagnostic.Create(DiagnosticCatalog.ToJsonStringDeployTime, Span(call, call), $"Fn::ToJsonString holds {variables.Count} value(s) known only at deployment; samc writes it as an Fn::Sub with the variables {string.Join(", ", variables.Keys)}, which gives the same string but may name its variables differently from CloudFormation."));
        var sub = new MapNode { Span = call.Span };
        sub.Set("Fn::Sub", new ListNode([ScalarNode.String(json.ToString(), call.Span), variables]) { Span = call.Span }, call.KeySpan(call.KeyAt(0)));
        return sub;
    }

    private void RejectInToJsonString(Node node)
    {
        switch (node)
        {
            case MapNode { Count: 1 } m when Array.IndexOf(ConditionFunctions, m.KeyAt(0)) >= 0:
                throw Error(DiagnosticCatalog.LanguageExtensionsValueInvalid, $"Fn::ToJsonString does not support {m.KeyAt(0)} inside it.", Span(m, m));
            case MapNode { Count: 1 } m when m.KeyAt(0) == "Ref" && m.ValueAt(0).AsString() == "AWS::NotificationARNs":
                throw Error(DiagnosticCatalog.LanguageExtensionsValueInvalid, "Fn::ToJsonString does not support the AWS::NotificationARNs pseudo parameter.", Span(m, m));
            case MapNode m:
                foreach (var v in m.Values)
                {
                    RejectInToJsonString(v);
                }

                break;
            case ListNode l:
                foreach (var v in l)
                {
                    RejectInToJsonString(v);
                }

                break;
        }
    }

    private void WriteJson(StringBuilder sb, Node node, MapNode variables, bool escapeSub)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                WriteJsonString(sb, s.Text, escapeSub);
                break;
            case ScalarNode s:
                sb.Append(s.Kind == ScalarKind.Boolean ? (s.IsTrue ? "true" : "false") : s.Text);
                break;
            case MapNode { IsIntrinsic: true } f:
                if (f.KeyAt(0) == "Fn::Split")
                {
                    throw Error(DiagnosticCatalog.LanguageExtensionsValueUnknown, "Fn::ToJsonString holds an Fn::Split samc cannot compute; its list is known only at deployment.", Span(f, f));
                }

                if (!escapeSub)
                {
                    break;
                }

                var name = "ToJsonStringValue" + (variables.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                variables.Set(name, f, f.Span);
                sb.Append("\"${").Append(name).Append("}\"");
                break;
            case MapNode m:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in m)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteJsonString(sb, k, escapeSub);
                    sb.Append(':');
                    WriteJson(sb, v, variables, escapeSub);
                }

                sb.Append('}');
                break;
            case ListNode l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteJson(sb, l[i], variables, escapeSub);
                }

                sb.Append(']');
                break;
        }
    }

    private static void WriteJsonString(StringBuilder sb, string s, bool escapeSub)
    {
        var start = sb.Length;
        PyJson.WriteString(sb, s, ensureAscii: false);
        if (escapeSub)
        {
            sb.Replace("${", "${!", start, sb.Length - start);
        }
    }

    /// <summary>
    /// Fn::FindInMap, with the transform's optional fourth argument <c>{DefaultValue: value}</c>. With a
    /// DefaultValue the keys must be computed now (the result cannot be left to CloudFormation, which knows the
    /// fourth argument only through the transform).
    /// </summary>
    private Node? FindInMap(Node arg, MapNode call, bool required)
    {
        if (arg is not ListNode { Count: 3 or 4 } parts)
        {
            throw Layout("Fn::FindInMap", "[MapName, TopLevelKey, SecondLevelKey] or [MapName, TopLevelKey, SecondLevelKey, {DefaultValue: value}]", Span(arg, call));
        }

        Node? defaultValue = null;
        if (parts.Count == 4)
        {
            if (parts[3] is not MapNode { Count: 1 } options || !options.TryGetValue("DefaultValue", out defaultValue))
            {
                throw Layout("Fn::FindInMap", "{DefaultValue: value} as its fourth item", Span(parts[3], call));
            }
        }

        var mustResolve = required || defaultValue is not null;
        var keys = new Node[3];
        for (var i = 0; i < 3; i++)
        {
            keys[i] = mustResolve ? Require(parts[i], "a key of Fn::FindInMap with a DefaultValue") : EvalKept(parts[i], required: false);
        }

        if (keys.Any(k => k is not ScalarNode { Kind: not ScalarKind.Null }))
        {
            if (mustResolve || keys.Any(k => !k.IsIntrinsic && k is not ScalarNode))
            {
                throw Layout("Fn::FindInMap", "keys that are strings", Span(arg, call));
            }

            return Keep(call, new ListNode(keys) { Span = arg.Span });
        }

        var (map, top, second) = (Text((ScalarNode)keys[0]), Text((ScalarNode)keys[1]), Text((ScalarNode)keys[2]));
        Node? found = null;
        string? missing = null;
        if (values.Mappings[map] is not MapNode mapping)
        {
            missing = $"Fn::FindInMap cannot find the map \"{map}\" in Mappings.";
        }
        else if (mapping[top] is not MapNode level)
        {
            missing = $"Fn::FindInMap cannot find the key \"{top}\" in the map \"{map}\".";
        }
        else if (level[second] is not { IsNull: false } value)
        {
            missing = $"Fn::FindInMap cannot find the key \"{second}\" under \"{top}\" in the map \"{map}\".";
        }
        else
        {
            found = value;
        }

        if (found is not null)
        {
            var copy = found.Clone();
            copy.Span = call.Span;
            return Eval(copy, required);
        }

        if (defaultValue is not null)
        {
            return Eval(defaultValue, required);
        }

        throw Error(DiagnosticCatalog.FindInMapNotFound, missing!, Span(call, call));
    }
}
