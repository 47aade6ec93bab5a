using SamCompiler.Syntax;

namespace SamCompiler.Transform.Events;

/// <summary>Python semantics the event sources lean on: truthiness and list membership by value.</summary>
internal static class Py
{
    /// <summary>Python's bool(value): None, False, 0, "", [] and {} are false.</summary>
    public static bool Truthy(Node? value) => Intrinsics.Truthy(value);

    /// <summary>Python's <c>value in list</c> (== on the loaded values).</summary>
    public static bool Contains(IEnumerable<Node> list, Node value) => list.Any(item => Node.DeepEquals(item, value));

    /// <summary>{"Fn::Sub": [text, variables]}.</summary>
    public static MapNode Sub(string text, MapNode variables) => new() { ["Fn::Sub"] = new ListNode([text, variables]) };

    /// <summary>get_logical_id_from_intrinsic: the id of a Ref or Fn::GetAtt (list or dotted form), else null.</summary>
    public static string? LogicalIdFromIntrinsic(Node? input)
    {
        if (input is null || !input.IsIntrinsic)
        {
            return null;
        }

        var m = (MapNode)input;
        if (m["Ref"] is ScalarNode { Kind: ScalarKind.String } r)
        {
            return r.Text;
        }

        switch (m["Fn::GetAtt"])
        {
            case ListNode { Count: 2 } l when l[0] is ScalarNode { Kind: ScalarKind.String } id:
                return id.Text;
            case ScalarNode { Kind: ScalarKind.String } s:
                var tokens = s.Text.Split('.');
                return tokens.Length == 2 ? tokens[0] : null;
            default:
                return null;
        }
    }
}
