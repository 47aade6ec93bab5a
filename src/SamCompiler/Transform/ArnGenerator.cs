namespace SamCompiler.Transform;

/// <summary>Region and partition facts (samtranslator/translator/arn_generator.py).</summary>
public static class ArnGenerator
{
    /// <summary>Region prefixes and their partitions, checked in order; every other region is in "aws".</summary>
    private static readonly (string Prefix, string Partition)[] Partitions =
    [
        ("cn-", "aws-cn"),
        ("us-iso-", "aws-iso"),
        ("us-isob", "aws-iso-b"),
        ("us-gov", "aws-us-gov"),
        ("eu-isoe", "aws-iso-e"),
        ("us-isof", "aws-iso-f"),
        ("eusc-", "aws-eusc"),
    ];

    /// <summary>The partition a region belongs to: cn-* is aws-cn, us-gov-* is aws-us-gov, and so on.</summary>
    public static string PartitionForRegion(string region)
    {
        var r = region.ToLowerInvariant();
        foreach (var (prefix, partition) in Partitions)
        {
            if (r.StartsWith(prefix, StringComparison.Ordinal))
            {
                return partition;
            }
        }

        return "aws";
    }
}
