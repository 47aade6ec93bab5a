using System.Text;
using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.StateMachine;

/// <summary>
/// The Definition of a state machine as the reference turns it into DefinitionString and DefinitionSubstitutions
/// (StateMachineGenerator._replace_dynamic_values_with_substitutions and _build_definition_string in
/// model/stepfunctions/generators.py).
/// </summary>
internal static partial class StateMachineDefinition
{
    private const string Indent = "    ";

    [GeneratedRegex("^{{resolve:([a-z-]+):(.+)}}$")]
    private static partial Regex DynamicReferencePattern();

    /// <summary>
    /// is_dynamic_reference: a string of the form <c>{{resolve:service-name:reference-key}}</c>.
    /// </summary>
    public static bool IsDynamicReference(Node? value) =>
        value is ScalarNode { Kind: ScalarKind.String } s && DynamicReferencePattern().IsMatch(s.Text);

    /// <summary>
    /// Replaces, in place, every intrinsic function and dynamic reference inside <paramref name="definition"/> by
    /// <c>${definition_substitution_N}</c> (N counting from 1 in the order of the sorted paths) and returns the
    /// substitutions, <c>definition_substitution_N</c> to the value replaced, in that order.
    /// </summary>
    public static MapNode ReplaceDynamicValuesWithSubstitutions(Node definition)
    {
        var substitutions = new MapNode();
        var counter = 1;
        foreach (var (container, key, index) in PathsToIntrinsics(definition))
        {
            var name = "definition_substitution_" + counter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var placeholder = ScalarNode.String("${" + name + "}");
            counter++;
            if (container is MapNode map)
            {
                substitutions[name] = map[key!]!;
                map[key!] = placeholder;
            }
            else
            {
                var list = (ListNode)container;
                substitutions[name] = list[index];
                list[index] = placeholder;
            }
        }

        return substitutions;
    }

    /// <summary>
    /// _build_definition_string: <c>json.dumps(definition, sort_keys=True, indent=4, separators=(",", ": "))</c>
    /// split into lines and joined back with Fn::Join on "\n".
    /// </summary>
    public static MapNode BuildDefinitionString(Node definition)
    {
        var sb = new StringBuilder();
        WriteIndented(sb, definition, 0);
        var lines = sb.ToString().Split('\n');
        return Intrinsics.Join("\n", lines.Select(l => (Node)ScalarNode.String(l)));
    }

    /// <summary>json.dumps with indent=4, separators=(",", ": "), sort_keys=True and ensure_ascii.</summary>
    public static string Dumps(Node value)
    {
        var sb = new StringBuilder();
        WriteIndented(sb, value, 0);
        return sb.ToString();
    }

    /// <summary>_get_paths_to_intrinsics: depth first, mapping keys sorted, list items in order.</summary>
    private static IEnumerable<(Node Container, string? Key, int Index)> PathsToIntrinsics(Node input)
    {
        switch (input)
        {
            case MapNode map:
                foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList())
                {
                    var value = map[key]!;
                    if (value.IsIntrinsic || IsDynamicReference(value))
                    {
                        yield return (map, key, -1);
                    }
                    else if (value is MapNode or ListNode)
                    {
                        foreach (var p in PathsToIntrinsics(value))
                        {
                            yield return p;
                        }
                    }
                }

                break;
            case ListNode list:
                for (var i = 0; i < list.Count; i++)
                {
                    var value = list[i];
                    if (value.IsIntrinsic || IsDynamicReference(value))
                    {
                        yield return (list, null, i);
                    }
                    else if (value is MapNode or ListNode)
                    {
                        foreach (var p in PathsToIntrinsics(value))
                        {
                            yield return p;
                        }
                    }
                }

                break;
        }
    }

    private static void WriteIndented(StringBuilder sb, Node node, int level)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                PyJson.WriteString(sb, s.Text);
                break;
            case ScalarNode s:
                sb.Append(s.Text);
                break;
            case ListNode { Count: 0 }:
                sb.Append("[]");
                break;
            case ListNode list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n");
                    AppendIndent(sb, level + 1);
                    WriteIndented(sb, list[i], level + 1);
                }

                sb.Append('\n');
                AppendIndent(sb, level);
                sb.Append(']');
                break;
            case MapNode { Count: 0 }:
                sb.Append("{}");
                break;
            case MapNode map:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    sb.Append(first ? "\n" : ",\n");
                    first = false;
                    AppendIndent(sb, level + 1);
                    PyJson.WriteString(sb, key);
                    sb.Append(": ");
                    WriteIndented(sb, value, level + 1);
                }

                sb.Append('\n');
                AppendIndent(sb, level);
                sb.Append('}');
                break;
        }
    }

    private static void AppendIndent(StringBuilder sb, int level)
    {
        for (var i = 0; i < level; i++)
        {
            sb.Append(Indent);
        }
    }
}
