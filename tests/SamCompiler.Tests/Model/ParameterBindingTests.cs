using SamCompiler.Model;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;
using static SamCompiler.Tests.Model.ModelHarness;

namespace SamCompiler.Tests.Model;

public sealed class ParameterBindingTests
{
    private const string Template = """
        Parameters:
          Stage: { Type: String, Default: dev }
          Mem: { Type: Number, Default: 512 }
          NoDefault: { Type: String }
          Names: { Type: CommaDelimitedList, Default: "a,b,c" }
        Resources: {}
        """;

    [Fact]
    public void ReferenceValues_AreTheTranslatorsDictionary_OverridesThenDefaultsThenRegionAndPartition()
    {
        var binding = Build(Template, Overrides(("Stage", "prod"), ("Extra", "x")) with { Region = "cn-north-1" }).Parameters;

        Assert.Equal(["Stage", "Extra", "Mem", "Names", "AWS::Region", "AWS::Partition"], binding.ReferenceValues.Keys);
        Assert.Equal("prod", binding.ReferenceValues["Stage"].AsString());
        Assert.Equal("512", ((ScalarNode)binding.ReferenceValues["Mem"]).Text);
        Assert.Equal("cn-north-1", binding.ReferenceValues["AWS::Region"].AsString());
        Assert.Equal("aws-cn", binding.ReferenceValues["AWS::Partition"].AsString());
        Assert.False(binding.ReferenceValues.ContainsKey("AWS::AccountId"));
        Assert.False(binding.ReferenceValues.ContainsKey("AWS::URLSuffix"));
    }

    [Fact]
    public void AnOverrideOfAPseudoParameter_WinsAsInTheReference()
    {
        var binding = Build(Template, Overrides(("AWS::Region", "eu-west-1"))).Parameters;

        Assert.Equal("eu-west-1", binding.ReferenceValues["AWS::Region"].AsString());
        Assert.True(binding.TryGet("AWS::Region", out _, out var source));
        Assert.Equal(ParameterSource.Override, source);
    }

    [Fact]
    public void TryGet_SaysWhereAValueCameFrom()
    {
        var binding = Build(Template, Overrides(("Stage", "prod"))).Parameters;

        Assert.True(binding.TryGet("Stage", out _, out var s1));
        Assert.Equal(ParameterSource.Override, s1);
        Assert.True(binding.TryGet("Mem", out _, out var s2));
        Assert.Equal(ParameterSource.Default, s2);
        Assert.True(binding.TryGet("AWS::URLSuffix", out var suffix, out var s3));
        Assert.Equal(ParameterSource.Pseudo, s3);
        Assert.Equal("amazonaws.com", suffix.AsString());
        Assert.False(binding.TryGet("NoDefault", out _, out _));
        Assert.False(binding.TryGet("AWS::AccountId", out _, out _));
        Assert.Equal(["Stage", "Mem", "NoDefault", "Names"], binding.Declared.Select(p => p.Name));
        Assert.True(binding.Find("Names")!.IsList);
    }

    [Fact]
    public void LocalOptions_GiveSamClisAccountAndStackPlaceholders()
    {
        var binding = Build(Template, ModelOptions.ForLocal("us-west-2", new Dictionary<string, Node>())).Parameters;

        Assert.True(binding.TryGet("AWS::AccountId", out var account, out _));
        Assert.Equal("123456789012", account.AsString());
        Assert.True(binding.TryGet("AWS::StackName", out var stack, out _));
        Assert.Equal("local", stack.AsString());
        Assert.True(binding.TryGet("AWS::StackId", out var stackId, out _));
        Assert.Equal("arn:aws:cloudformation:us-west-2:123456789012:stack/local/51af3dc0-da77-11e4-872e-1234567db123", stackId.AsString());
    }

    [Theory]
    [InlineData("us-east-1", "aws", "amazonaws.com")]
    [InlineData("cn-northwest-1", "aws-cn", "amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com")]
    [InlineData("us-iso-east-1", "aws-iso", "c2s.ic.gov")]
    [InlineData("us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov")]
    [InlineData("eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk")]
    [InlineData("us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov")]
    [InlineData("eusc-de-east-1", "aws-eusc", "amazonaws.eu")]
    [InlineData("CN-NORTH-1", "aws-cn", "amazonaws.com.cn")]
    [InlineData("mars-1", "aws", "amazonaws.com")]
    public void Partition_AndUrlSuffix_FollowTheRegion(string region, string partition, string suffix)
    {
        Assert.Equal(partition, Partitions.ForRegion(region));
        Assert.Equal(suffix, Partitions.UrlSuffix(region));
        var binding = Build(Template, new ModelOptions { Region = region }).Parameters;
        Assert.Equal(partition, binding.Partition);
        Assert.Equal(suffix, binding.UrlSuffix);
    }
}
