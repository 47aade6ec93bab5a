using System.IO.Compression;
using SamCompiler.Deploy.Aws;
using SamCompiler.Deploy.Packaging;
using SamCompiler.Deploy.Tests.Infrastructure;

namespace SamCompiler.Deploy.Tests;

/// <summary>Signing, zips, the packageable-resources table: no server needed.</summary>
public sealed class UnitTests
{
    [Fact]
    public void SigV4_matches_the_AWS_documentation_example()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (the IAM ListUsers example):
        // the canonical request and the documented signature 5d672d79...
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["host"] = "iam.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
        };
        var canonical = AwsSigner.CanonicalRequest("GET", new Uri("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"), headers, "content-type;host;x-amz-date", AwsSigner.EmptyPayloadHash, doubleEncodePath: true);
        Assert.Equal("GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", canonical);
        var result = Amazon.Runtime.Internal.Auth.AWS4Signer.ComputeSignature("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc), "iam", "content-type;host;x-amz-date", canonical);
        Assert.Equal("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", result.Signature);
    }

    [Fact]
    public void A_folder_zips_to_the_same_bytes_with_sorted_entries_fixed_times_and_modes()
    {
        using var folder = new TempCopy();
        folder.Write("b.py", "print('b')\n");
        folder.Write("a/z.txt", "z");
        var run = folder.Write("bootstrap", "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(run, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var first = LocalArtifact.FromFolder(folder.Path);
        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "b.py"), DateTime.UtcNow.AddDays(-3));
        var second = LocalArtifact.FromFolder(folder.Path);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.Content(), second.Content());
        using var zip = new ZipArchive(new MemoryStream(first.Content()));
        Assert.Equal(["a/z.txt", "b.py", "bootstrap"], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
        Assert.Equal(0x81ED, zip.GetEntry("bootstrap")!.ExternalAttributes >>> 16);
        Assert.Equal(0x81A4, zip.GetEntry("b.py")!.ExternalAttributes >>> 16);

        folder.Write("b.py", "print('c')\n");
        Assert.NotEqual(first.Hash, LocalArtifact.FromFolder(folder.Path).Hash);
    }

    [Fact]
    public void The_packageable_resources_table_is_SAM_CLIs()
    {
        Assert.Matches("^[0-9a-f]{40}$", PackageableResources.SourceCommit);
        var rows = PackageableResources.All.Select(r => $"{r.ResourceType} {r.Property} {r.Shape}").ToList();
        Assert.Contains("AWS::Serverless::Function CodeUri S3Uri", rows);
        Assert.Contains("AWS::Serverless::LayerVersion ContentUri S3Uri", rows);
        Assert.Contains("AWS::Serverless::StateMachine DefinitionUri S3Object", rows);
        Assert.Contains("AWS::Serverless::Api DefinitionUri S3Uri", rows);
        Assert.Contains("AWS::Serverless::GraphQLApi SchemaUri S3Uri", rows);
        Assert.Contains("AWS::Serverless::GraphQLApi CodeUri S3Uri", rows);
        Assert.Contains("AWS::Lambda::Function Code S3Object", rows);
        Assert.Contains("AWS::CloudFormation::Stack TemplateURL TemplateUrl", rows);
        Assert.Contains("AWS::Serverless::Application Location TemplateUrl", rows);
        Assert.Contains("AWS::Glue::Job Command.ScriptLocation S3Uri", rows);
    }
}
