using SamCompiler.Model;

namespace SamCompiler.Validation.Rules;

/// <summary>The local code locations of functions and layers, as the model recognises them.</summary>
internal static class LocalCode
{
    /// <summary>The local path of a location, or null for S3 objects, inline code, images and deploy-time values.</summary>
    public static string? Location(ArtifactLocation location) => location.IsLocal && location.Text is { Length: > 0 } path ? path : null;

    /// <summary>The local code of a Serverless function: its CodeUri (after Globals), unless it is an image function.</summary>
    public static (string Location, ArtifactLocation Code)? FunctionCode(FunctionResource fn)
    {
        if (fn is not ServerlessFunction || fn.IsImage)
        {
            return null;
        }

        var code = fn.Code;
        return Location(code) is { } location ? (location, code) : null;
    }

    /// <summary>The local ContentUri of the layers a function references with Ref to an AWS::Serverless::LayerVersion of the template.</summary>
    public static IEnumerable<(string LayerId, string Location)> FunctionLayers(FunctionResource fn)
    {
        foreach (var layer in fn.Layers)
        {
            if (layer.Layer is { IsServerless: true } l && Location(l.Content) is { } location)
            {
                yield return (l.LogicalId, location);
            }
        }
    }
}
