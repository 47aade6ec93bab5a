namespace SamCompiler.Transform;

/// <summary>Region and partition facts (samtranslator/translator/arn_generator.py).</summary>
public static class ArnGenerator
{
    /// <summary>The partition a region belongs to: cn-* is aws-cn, us-gov-* is aws-us-gov, and so on.</summary>
    public static string PartitionForRegion(string region)
    {
        var r = region.ToLowerInvariant();
        if (r.StartsWith("cn-", StringComparison.Ordinal))
        {
            return "aws-cn";
        }

        if (r.StartsWith("us-iso-", StringComparison.Ordinal))
        {
            return "aws-iso";
        }

        if (r.StartsWith("us-isob", StringComparison.Ordinal))
        {
            return "aws-iso-b";
        }

        if (r.StartsWith("us-gov", StringComparison.Ordinal))
        {
            return "aws-us-gov";
        }

        if (r.StartsWith("eu-isoe", StringComparison.Ordinal))
        {
            return "aws-iso-e";
        }

        if (r.StartsWith("us-isof", StringComparison.Ordinal))
        {
            return "aws-iso-f";
        }

        return r.StartsWith("eusc-", StringComparison.Ordinal) ? "aws-eusc" : "aws";
    }
}
