using SamCompiler.Syntax;
using SamCompiler.Transform;

namespace SamCompiler.Tests.Transform.Layers;

/// <summary>Expectations are samtranslator's parse_s3_uri / construct_s3_location_object results for the same strings.</summary>
public sealed class S3UriTests
{
    [Theory]
    [InlineData("s3://bucket/key", "bucket", "key", null)]
    [InlineData("S3://bucket/dir/key.zip?versionId=v1", "bucket", "dir/key.zip", "v1")]
    [InlineData("s3://bucket/k?versionId=a&versionId=b", "bucket", "k", null)]
    [InlineData("s3://bucket/k?versionId=", "bucket", "k", null)]
    [InlineData("  s3://b/k", "b", "k", null)]
    [InlineData("s3://b/k#x?versionId=1", "b", "k", null)]
    [InlineData("s3://b/k?versionId=a%2Fb+c", "b", "k", "a/b c")]
    [InlineData("s3://[::1]/key", "[::1]", "key", null)]
    [InlineData("s3://b\t/k\n", "b", "k", null)]
    [InlineData("s3://b/k?a=1&&versionId=2", "b", "k", "2")]
    [InlineData("s3://b/%41", "b", "%41", null)]
    [InlineData("s3://b\u00fccket/key", "b\u00fccket", "key", null)]
    [InlineData("s3://b/k\u00e9y?versionId=%C3%A9\u00e9", "b", "k\u00e9y", "\u00e9\u00e9")]
    public void ParsesS3Uris(string uri, string bucket, string key, string? version)
    {
        var parsed = S3Uri.Parse(uri);

        Assert.NotNull(parsed);
        Assert.Equal(bucket, parsed["Bucket"].AsString());
        Assert.Equal(key, parsed["Key"].AsString());
        Assert.Equal(version, parsed["Version"].AsString());
        Assert.Equal(version is null ? 2 : 3, parsed.Count);
    }

    [Theory]
    [InlineData("s3://bucket")]
    [InlineData("s3:///key")]
    [InlineData("https://bucket/key")]
    [InlineData("s3://[bad/key")]
    [InlineData("s3://[1.2.3.4]/key")]
    [InlineData("s3:/b/k")]
    [InlineData("3s://b/k")]
    [InlineData("s3://b\u2100c/key")]
    public void RejectsWhatIsNotAnS3Uri(string uri) => Assert.Null(S3Uri.Parse(uri));

    [Fact]
    public void NonStringsAreNotUris() => Assert.Null(S3Uri.Parse(new MapNode { ["Ref"] = "X" }));

    [Fact]
    public void BuildsCodeFromAMap()
    {
        var code = S3Uri.ConstructS3LocationObject(new MapNode { ["Bucket"] = "b", ["Key"] = "k", ["Version"] = "v" }, "Fn", "CodeUri");

        ReferenceOutput.AssertSame(new MapNode { ["S3Bucket"] = "b", ["S3Key"] = "k", ["S3ObjectVersion"] = "v" }, code);
    }

    [Fact]
    public void OtherTypesAreRejected()
    {
        var ex = Assert.Throws<ResourceException>(() => S3Uri.ConstructS3LocationObject(new ListNode(), "Fn", "CodeUri"));

        Assert.Equal("Resource with id [Fn] is invalid. 'CodeUri' must be of type dict or string.", ex.FullMessage);
    }

    [Fact]
    public void ImageUriMustNotBeEmpty()
    {
        var ex = Assert.Throws<ResourceException>(() => S3Uri.ConstructImageCodeObject(ScalarNode.String(string.Empty), "Fn", "ImageUri"));

        Assert.Equal("Resource with id [Fn] is invalid. 'ImageUri' requires that a image hosted at a registry be specified.", ex.FullMessage);
        ReferenceOutput.AssertSame(new MapNode { ["ImageUri"] = "repo:tag" }, S3Uri.ConstructImageCodeObject("repo:tag", "Fn", "ImageUri"));
    }
}
