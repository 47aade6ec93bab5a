using SamCompiler.Syntax;

namespace SamCompiler.Transform;

/// <summary>Builders for CloudFormation intrinsic functions (samtranslator/model/intrinsics.py).</summary>
public static class Intrinsics
{
    /// <summary>{"Ref": name}.</summary>
    public static MapNode Ref(string name) => new() { ["Ref"] = name };

    /// <summary>{"Fn::GetAtt": [logicalId, attribute]}.</summary>
    public static MapNode GetAtt(string logicalId, string attribute) =>
        new() { ["Fn::GetAtt"] = new ListNode([logicalId, attribute]) };

    /// <summary>{"Fn::Sub": text}.</summary>
    public static MapNode Sub(string text) => new() { ["Fn::Sub"] = text };

    /// <summary>{"Fn::Join": [delimiter, parts]}.</summary>
    public static MapNode Join(string delimiter, IEnumerable<Node> parts) =>
        new() { ["Fn::Join"] = new ListNode([delimiter, new ListNode(parts)]) };

    /// <summary>{"Fn::If": [condition, then, else]}.</summary>
    public static MapNode If(string condition, Node then, Node otherwise) =>
        new() { ["Fn::If"] = new ListNode([condition, then, otherwise]) };

    /// <summary>{"Ref": "AWS::NoValue"}.</summary>
    public static MapNode NoValue() => Ref("AWS::NoValue");

    /// <summary>{"Fn::Equals": [a, b]}.</summary>
    public static MapNode EqualsFn(Node a, Node b) => new() { ["Fn::Equals"] = new ListNode([a, b]) };

    /// <summary>{"Fn::Not": [x]}.</summary>
    public static MapNode Not(Node x) => new() { ["Fn::Not"] = new ListNode([x]) };

    /// <summary>{"Fn::And": [...]}.</summary>
    public static MapNode And(IEnumerable<Node> items) => new() { ["Fn::And"] = new ListNode(items) };

    /// <summary>{"Fn::Or": [...]}.</summary>
    public static MapNode Or(IEnumerable<Node> items) => new() { ["Fn::Or"] = new ListNode(items) };

    /// <summary>{"Condition": name}.</summary>
    public static MapNode Condition(string name) => new() { ["Condition"] = name };

    /// <summary>The reference's make_combined_condition-free arn builder: arn:${AWS::Partition}:service:::resource.</summary>
    public static MapNode ArnSub(string service, string resource) =>
        Sub($"arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:{resource}");

    /// <summary>True when <paramref name="node"/> is an intrinsic (one key: Ref, Condition or Fn::*).</summary>
    public static bool IsIntrinsic(Node? node) => node is not null && node.IsIntrinsic;

    /// <summary>True for {"Fn::If": [...]}.</summary>
    public static bool IsIf(Node? node) => node is MapNode { Count: 1 } m && m.ContainsKey("Fn::If");

    /// <summary>The logical id a {"Ref": ...} or {"Fn::GetAtt": [...]} points to, or null.</summary>
    public static string? ReferencedLogicalId(Node? node)
    {
        if (node is not MapNode { Count: 1 } m)
        {
            return null;
        }

        if (m["Ref"] is { } r)
        {
            return r.AsString();
        }

        if (m["Fn::GetAtt"] is ListNode { Count: > 0 } l)
        {
            return l[0].AsString();
        }

        return null;
    }

    /// <summary>True for {"Ref": "AWS::NoValue"}.</summary>
    public static bool IsNoValue(Node? node) => node is MapNode { Count: 1 } m && m["Ref"].AsString() == "AWS::NoValue";

    /// <summary>validate_intrinsic_if_items: Fn::If takes exactly three items; null when valid, else the message.</summary>
    public static string? ValidateIfItems(Node? items) =>
        items is ListNode { Count: 3 } ? null : "Fn::If requires 3 arguments";

    /// <summary>get_logical_id_from_intrinsic: the id of a Ref, a two-item GetAtt or a dotted GetAtt string.</summary>
    public static string? LogicalIdFromIntrinsic(Node? node)
    {
        if (node is not { IsIntrinsic: true } || node is not MapNode m)
        {
            return null;
        }

        if (m["Ref"].AsString() is { } r)
        {
            return r;
        }

        if (m["Fn::GetAtt"] is ListNode { Count: 2 } l && l[0].AsString() is { } id)
        {
            return id;
        }

        if (m["Fn::GetAtt"].AsString() is { } dotted)
        {
            return dotted.Split('.')[0];
        }

        return null;
    }

    /// <summary>make_combined_condition: Fn::Or over the conditions, in groups of at most 10; null for fewer than 2.</summary>
    public static MapNode? MakeCombinedCondition(IReadOnlyList<string> conditions, string conditionName)
    {
        const int maxConditions = 10;
        if (conditions.Count < 2)
        {
            return null;
        }

        var result = new MapNode();
        var list = new List<string>(conditions);
        var zeroBased = (1 + ((list.Count - 2) / (maxConditions - 1))) - 1;
        while (list.Count > 1)
        {
            var name = conditionName;
            if (zeroBased > 0)
            {
                name = conditionName + zeroBased.ToString(System.Globalization.CultureInfo.InvariantCulture);
                zeroBased--;
            }

            var take = list.Take(maxConditions).ToList();
            list = [.. list.Skip(maxConditions), name];
            result[name] = Or(take.Select(c => (Node)Condition(c)));
        }

        return result;
    }

    /// <summary>Python truthiness of a loaded value: None, "", 0, false, {} and [] are false (<see cref="PyRepr.Truthy"/>).</summary>
    public static bool Truthy(Node? node) => PyRepr.Truthy(node);
}
