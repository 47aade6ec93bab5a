using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;
using static SamCompiler.Tests.Model.ModelHarness;

namespace SamCompiler.Tests.Model;

public sealed class ArtifactsTests
{
    private static readonly SamTemplate Empty = Build("""
        Parameters:
          Code: { Type: String, Default: src/ }
          Unset: { Type: String }
        Resources: {}
        """);

    [Theory]
    [InlineData("src/", ArtifactKind.LocalPath, null, null)]
    [InlineData("./build/app.zip", ArtifactKind.LocalPath, null, null)]
    [InlineData("s3://my-bucket/path/code.zip", ArtifactKind.S3Object, "my-bucket", "path/code.zip")]
    [InlineData("S3://my-bucket/k", ArtifactKind.S3Object, "my-bucket", "k")]
    [InlineData("https://bucket.s3.amazonaws.com/template.yaml", ArtifactKind.Url, null, null)]
    public void AString_IsALocalPathAnS3ObjectOrAUrl(string text, ArtifactKind kind, string? bucket, string? key)
    {
        var location = Artifacts.Classify("CodeUri", ScalarNode.String(text), Empty.Evaluator);

        Assert.Equal(kind, location.Kind);
        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(key, location.Key);
    }

    [Fact]
    public void Maps_AreS3ObjectsInlineCodeImagesOrRepositoryApplications()
    {
        Assert.Equal(ArtifactKind.S3Object, Classify("{ Bucket: b, Key: k, Version: '3' }").Kind);
        Assert.Equal("3", Classify("{ Bucket: b, Key: k, Version: '3' }").Version);
        Assert.Equal("k", Classify("{ S3Bucket: b, S3Key: k }").Key);
        Assert.Equal(ArtifactKind.Inline, Classify("{ ZipFile: 'print(1)' }").Kind);
        Assert.Equal(ArtifactKind.Image, Classify("{ ImageUri: repo:tag }").Kind);
        Assert.Equal(ArtifactKind.Repository, Classify("{ ApplicationId: app, SemanticVersion: 1.2.3 }").Kind);
        Assert.Equal("s3://b/k?versionId=7", Classify("s3://b/k?versionId=7").Text);
        Assert.Equal("7", Classify("s3://b/k?versionId=7").Version);
    }

    [Fact]
    public void Intrinsics_AreEvaluatedFirst()
    {
        Assert.Equal(ArtifactKind.LocalPath, Classify("!Ref Code").Kind);
        Assert.Equal("src/", Classify("!Ref Code").Text);
        Assert.Equal(ArtifactKind.DeployTime, Classify("!Ref Unset").Kind);
        Assert.Equal(ArtifactKind.S3Object, Classify("!Sub s3://${AWS::Region}-bucket/k").Kind);
        Assert.False(Classify("!Ref Code").IsLiteral);
        Assert.True(Classify("src/").IsLiteral);
    }

    [Fact]
    public void InlineCodeAndImageUri_AreWhatTheirPropertySays()
    {
        Assert.Equal(ArtifactKind.Inline, Artifacts.Classify("InlineCode", ScalarNode.String("def h(): pass"), Empty.Evaluator).Kind);
        Assert.Equal(ArtifactKind.Image, Artifacts.Classify("ImageUri", ScalarNode.String("1.dkr.ecr/x:y"), Empty.Evaluator).Kind);
        Assert.Equal(ArtifactKind.Absent, Artifacts.Classify("CodeUri", null, Empty.Evaluator).Kind);
    }

    [Fact]
    public void RewriteLocalPaths_ReplacesLiteralLocalPathsOnly_KeepingSpans()
    {
        var root = YamlDocumentLoader.Load(new SourceText("t", """
            Globals:
              Function: { CodeUri: shared\code }
            Resources:
              A: { Type: AWS::Serverless::Function, Properties: { CodeUri: src/a } }
              B: { Type: AWS::Serverless::Function, Properties: { CodeUri: s3://b/k } }
              C: { Type: AWS::Serverless::Function, Properties: { CodeUri: !Ref P } }
              L: { Type: AWS::Serverless::LayerVersion, Properties: { ContentUri: layer } }
              Api: { Type: AWS::Serverless::Api, Properties: { DefinitionUri: api.yaml } }
            """)).Root!;
        var span = root["Resources"].Get("A").Get("Properties").Get("CodeUri")!.Span;

        Assert.Equal(3, Artifacts.RewriteLocalPaths((MapNode)root.Clone(), "bkt", definitions: false));
        Assert.Equal(4, Artifacts.RewriteLocalPaths(root, "bkt", definitions: true));

        Assert.Equal("s3://bkt/shared/code", root["Globals"].Get("Function").Get("CodeUri").AsString());
        Assert.Equal("s3://bkt/src/a", root["Resources"].Get("A").Get("Properties").Get("CodeUri").AsString());
        Assert.Equal(span, root["Resources"].Get("A").Get("Properties").Get("CodeUri")!.Span);
        Assert.Equal("s3://b/k", root["Resources"].Get("B").Get("Properties").Get("CodeUri").AsString());
        Assert.IsType<MapNode>(root["Resources"].Get("C").Get("Properties").Get("CodeUri"));
        Assert.Equal("s3://bkt/layer", root["Resources"].Get("L").Get("Properties").Get("ContentUri").AsString());
        Assert.Equal("s3://bkt/api.yaml", root["Resources"].Get("Api").Get("Properties").Get("DefinitionUri").AsString());
    }

    private static ArtifactLocation Classify(string yaml)
    {
        var node = YamlDocumentLoader.Load(new SourceText("v", "V: " + yaml)).Root!["V"];
        return Artifacts.Classify("CodeUri", node, Empty.Evaluator);
    }
}
