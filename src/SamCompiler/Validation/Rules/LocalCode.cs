using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>Finds the local code locations of functions and layers (CodeUri/ContentUri strings that are not S3 URIs).</summary>
internal static class LocalCode
{
    /// <summary>The local location a CodeUri or ContentUri value names, or null for S3 locations, maps and intrinsics.</summary>
    public static string? Location(Node? uri) =>
        uri.AsString() is { Length: > 0 } s && !s.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) ? s : null;

    /// <summary>The local code of a function: its CodeUri (after Globals), unless it is an image function.</summary>
    public static (string Location, Node Node)? FunctionCode(LintResource fn)
    {
        if (!fn.IsSamFunction || fn["PackageType"].AsString() == "Image")
        {
            return null;
        }

        var node = fn["CodeUri"];
        return Location(node) is { } location ? (location, node!) : null;
    }

    /// <summary>The local ContentUri of the layers a function references with Ref to an AWS::Serverless::LayerVersion of the template.</summary>
    public static IEnumerable<(string LayerId, string Location)> FunctionLayers(LintTemplate template, LintResource fn)
    {
        if (fn["Layers"] is not ListNode layers)
        {
            yield break;
        }

        foreach (var layer in layers)
        {
            if (template.Referenced(layer) is { Type: "AWS::Serverless::LayerVersion" } l && Location(l["ContentUri"]) is { } location)
            {
                yield return (l.LogicalId, location);
            }
        }
    }
}
