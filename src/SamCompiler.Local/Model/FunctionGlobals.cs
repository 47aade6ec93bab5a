using SamCompiler.Syntax;

namespace SamCompiler.Local.Model;

/// <summary>
/// The minimal Globals merge samc local needs for one function: the Globals.Function section merged into the
/// function's Properties the way SAM does it (maps merge key by key with the function winning, lists are
/// concatenated global first, anything else is overridden by the function; an intrinsic on either side is taken
/// from the function).
/// </summary>
public static class FunctionGlobals
{
    /// <summary>A merged copy of <paramref name="properties"/> with <paramref name="globals"/> (Globals.Function) applied.</summary>
    public static MapNode Merge(MapNode? globals, MapNode properties)
    {
        var result = properties.Clone().AsMap()!;
        if (globals is null)
        {
            return result;
        }

        foreach (var (key, value) in globals)
        {
            result.Set(key, result[key] is { } local ? MergeValue(value, local) : value.Clone(), default);
        }

        return result;
    }

    private static Node MergeValue(Node global, Node local)
    {
        if (global.IsIntrinsic || local.IsIntrinsic)
        {
            return local.Clone();
        }

        if (global is MapNode gm && local is MapNode lm)
        {
            var merged = gm.Clone().AsMap()!;
            foreach (var (key, value) in lm)
            {
                merged.Set(key, merged[key] is { } g ? MergeValue(g, value) : value.Clone(), default);
            }

            return merged;
        }

        if (global is ListNode gl && local is ListNode ll)
        {
            return new ListNode(gl.Select(n => n.Clone()).Concat(ll.Select(n => n.Clone())));
        }

        return local.Clone();
    }
}
