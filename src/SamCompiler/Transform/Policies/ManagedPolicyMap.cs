using SamCompiler.Model.Aws;

namespace SamCompiler.Transform.Policies;

/// <summary>
/// Managed policy name to ARN resolution, as samtranslator does it (role_constructor.py, _get_managed_policy_arn, and
/// internal/managed_policies.py). The facts live in data files: <c>Data/aws_managed_policies.tsv</c> (the map bundled
/// with aws-sam-translator 1.110.0, per partition, in the sorted line form <see cref="ManagedPolicyTable"/> searches
/// in place; see scripts/gen-managed-policies.py) and <c>Data/harness_managed_policies.json</c> (the conformance
/// harness's fallback loader, not AWS data).
/// </summary>
public static class ManagedPolicyMap
{
    private static readonly Lazy<ManagedPolicyTable> Bundled = new(ManagedPolicyTable.Load);
    private static readonly Lazy<HarnessMaps> HarnessData = new(LoadHarness);

    /// <summary>
    /// The managed policy map bundled with the reference for a partition (get_bundled_managed_policy_map), or null
    /// when the partition has none (e.g. aws-iso).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? GetBundledManagedPolicyMap(string partition) =>
        Bundled.Value.Partition(partition);

    /// <summary>
    /// The reference harness's fallback managed policy loader (shared/conformance/sam_translate.py,
    /// StaticManagedPolicyLoader.load): a handful of names mapped to <c>arn:&lt;partition&gt;:iam::aws:policy/...</c>.
    /// It stands in for samtranslator's ManagedPolicyLoader, which would call IAM; it is consulted only for names
    /// that are neither in the bundled map nor ARNs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HarnessFallbackMap(string partition)
    {
        var data = HarnessData.Value;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var extra = partition == "aws" ? data.AwsPartitionOnly : data.OtherPartitions;
        foreach (var (name, path) in data.AllPartitions.Concat(extra))
        {
            map[name] = AwsManagedPolicyArn(partition, path);
        }

        return map;
    }

    /// <summary>
    /// The <c>get_managed_policy_map</c> callback the reference harness hands to the translator, for
    /// <see cref="GetManagedPolicyArn"/> and <see cref="RoleConstructor.ConstructRoleForResource"/>.
    /// </summary>
    public static Func<IReadOnlyDictionary<string, string>?> HarnessLoader(string partition) =>
        () => HarnessFallbackMap(partition);

    /// <summary>
    /// The ARN of a managed policy name (_get_managed_policy_arn), determined in this order: the caller's map
    /// (<paramref name="managedPolicyMap"/>, null in the reference's transform()), the bundled map of the partition,
    /// a name starting with "arn:" kept as is, the lazily called <paramref name="getManagedPolicyMap"/>; otherwise
    /// the name unchanged.
    /// </summary>
    public static string GetManagedPolicyArn(
        string name,
        IReadOnlyDictionary<string, string>? managedPolicyMap,
        Func<IReadOnlyDictionary<string, string>?>? getManagedPolicyMap,
        string partition)
    {
        if (managedPolicyMap is { Count: > 0 } && managedPolicyMap.TryGetValue(name, out var given) && given.Length > 0)
        {
            return given;
        }

        if (GetBundledManagedPolicyMap(partition) is { } bundled && bundled.TryGetValue(name, out var arn) && arn.Length > 0)
        {
            return arn;
        }

        if (name.StartsWith("arn:", StringComparison.Ordinal))
        {
            return name;
        }

        if (getManagedPolicyMap?.Invoke() is { Count: > 0 } fallback && fallback.TryGetValue(name, out var loaded) && loaded.Length > 0)
        {
            return loaded;
        }

        return name;
    }

    /// <summary>ArnGenerator.generate_aws_managed_policy_arn: <c>arn:&lt;partition&gt;:iam::aws:policy/&lt;name&gt;</c>.</summary>
    public static string AwsManagedPolicyArn(string partition, string policyName) =>
        $"arn:{partition}:iam::aws:policy/{policyName}";

    /// <summary>
    /// xray_utils.get_xray_managed_policy_name: AWSXrayWriteOnlyAccess in the aws partition, AWSXRayDaemonWriteAccess
    /// elsewhere.
    /// </summary>
    public static string XrayManagedPolicyName(string partition) =>
        partition == "aws" ? "AWSXrayWriteOnlyAccess" : "AWSXRayDaemonWriteAccess";

    private static HarnessMaps LoadHarness()
    {
        using var doc = EmbeddedData.Open("harness_managed_policies.json");
        var root = doc.RootElement;
        return new HarnessMaps(
            EmbeddedData.ToStringMap(root.GetProperty("AllPartitions")),
            EmbeddedData.ToStringMap(root.GetProperty("AwsPartitionOnly")),
            EmbeddedData.ToStringMap(root.GetProperty("OtherPartitions")));
    }

    private sealed record HarnessMaps(
        Dictionary<string, string> AllPartitions,
        Dictionary<string, string> AwsPartitionOnly,
        Dictionary<string, string> OtherPartitions);
}
