using SamCompiler.Transform.Policies;

namespace SamCompiler.Tests.Transform.Policies;

// Expectations: samtranslator 1.110.0 role_constructor._get_managed_policy_arn with the partition patched and the
// conformance harness's StaticManagedPolicyLoader(partition).load as get_managed_policy_map.
public class ManagedPolicyMapTests
{
    [Theory]
    [InlineData("AmazonS3FullAccess", "aws", "arn:aws:iam::aws:policy/AmazonS3FullAccess")]
    [InlineData("AWSLambdaBasicExecutionRole", "aws", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")]
    [InlineData("AWSLambdaRole", "aws-cn", "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaRole")]
    [InlineData("AmazonDynamoDBFullAccess", "aws-eusc", "arn:aws-eusc:iam::aws:policy/AmazonDynamoDBFullAccess")]
    [InlineData("AWSLambdaRole", "aws-iso", "arn:aws-iso:iam::aws:policy/service-role/AWSLambdaRole")]
    [InlineData("AmazonDynamoDBFullAccess", "aws-iso", "arn:aws-iso:iam::aws:policy/AmazonDynamoDBFullAccess")]
    [InlineData("AWSXRayDaemonWriteAccess", "aws-iso", "arn:aws-iso:iam::aws:policy/AWSXRayDaemonWriteAccess")]
    [InlineData("AWSXrayWriteOnlyAccess", "aws-iso", "AWSXrayWriteOnlyAccess")]
    [InlineData("AWSXrayWriteOnlyAccess", "aws-iso-b", "AWSXrayWriteOnlyAccess")]
    [InlineData("arn:aws:iam::123:policy/Mine", "aws", "arn:aws:iam::123:policy/Mine")]
    [InlineData("AnyNonOfficialManagedPolicy", "aws", "AnyNonOfficialManagedPolicy")]
    public void GetManagedPolicyArn_ResolvesLikeReference(string name, string partition, string expected)
    {
        var arn = ManagedPolicyMap.GetManagedPolicyArn(name, null, ManagedPolicyMap.HarnessLoader(partition), partition);

        Assert.Equal(expected, arn);
    }

    [Fact]
    public void GetManagedPolicyArn_CallerMapComesFirst()
    {
        var map = new Dictionary<string, string> { ["AmazonS3FullAccess"] = "custom" };

        Assert.Equal("custom", ManagedPolicyMap.GetManagedPolicyArn("AmazonS3FullAccess", map, null, "aws"));
    }

    [Fact]
    public void GetManagedPolicyArn_LoaderIsNotCalledForBundledNamesOrArns()
    {
        var calls = 0;
        IReadOnlyDictionary<string, string>? Loader()
        {
            calls++;
            return null;
        }

        ManagedPolicyMap.GetManagedPolicyArn("AmazonS3FullAccess", null, Loader, "aws");
        ManagedPolicyMap.GetManagedPolicyArn("arn:aws:iam::1:policy/p", null, Loader, "aws");
        Assert.Equal(0, calls);

        Assert.Equal("NotAPolicy", ManagedPolicyMap.GetManagedPolicyArn("NotAPolicy", null, Loader, "aws"));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void BundledMap_HasThePartitionsOfTheReference()
    {
        // aws_managed_policies.json of 1.110.0: 1181 aws, 595 aws-cn, 628 aws-us-gov, 1201 aws-eusc names.
        Assert.Equal(1181, ManagedPolicyMap.GetBundledManagedPolicyMap("aws")!.Count);
        Assert.Equal(595, ManagedPolicyMap.GetBundledManagedPolicyMap("aws-cn")!.Count);
        Assert.Equal(628, ManagedPolicyMap.GetBundledManagedPolicyMap("aws-us-gov")!.Count);
        Assert.Equal(1201, ManagedPolicyMap.GetBundledManagedPolicyMap("aws-eusc")!.Count);
        Assert.Null(ManagedPolicyMap.GetBundledManagedPolicyMap("aws-iso"));
    }

    [Fact]
    public void HarnessFallbackMap_DependsOnPartition()
    {
        var aws = ManagedPolicyMap.HarnessFallbackMap("aws");
        var cn = ManagedPolicyMap.HarnessFallbackMap("aws-cn");

        Assert.Equal("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", aws["AWSXrayWriteOnlyAccess"]);
        Assert.False(aws.ContainsKey("AWSXRayDaemonWriteAccess"));
        Assert.Equal("arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess", cn["AWSXRayDaemonWriteAccess"]);
        Assert.Equal("arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", cn["AWSLambdaBasicExecutionRole"]);
        Assert.Equal(5, aws.Count);
    }

    [Theory]
    [InlineData("aws", "AWSXrayWriteOnlyAccess")]
    [InlineData("aws-cn", "AWSXRayDaemonWriteAccess")]
    [InlineData("aws-us-gov", "AWSXRayDaemonWriteAccess")]
    public void XrayManagedPolicyName_DependsOnPartition(string partition, string expected)
    {
        Assert.Equal(expected, ManagedPolicyMap.XrayManagedPolicyName(partition));
    }
}
