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
}
