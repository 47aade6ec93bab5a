using SamCompiler.Diff;
using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform;

namespace SamCompiler.Tests.Diff;

/// <summary>TemplateDiffer and IamDiffer on small CloudFormation and SAM templates.</summary>
public sealed class TemplateDifferTests
{
    private const string Table = """
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: orders
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
              KeySchema: [{AttributeName: id, KeyType: HASH}]
        """;

    private static MapNode Load(string yaml)
    {
        var document = TemplateCompiler.Translate(new SourceText("t.yaml", yaml), new TranslateOptions(), out var diagnostics);
        Assert.True(document is not null, string.Join("\n", diagnostics));
        return document!;
    }

    private static TemplateDifference Diff(string before, string after) => TemplateDiffer.Compare(Load(before), Load(after));

    [Fact]
    public void ChangedTableName_ReplacesTheTable()
    {
        var d = Diff(Table, Table.Replace("TableName: orders", "TableName: orders-v2", StringComparison.Ordinal));
        var table = Assert.Single(d.Resources);
        Assert.Equal(("Table", ChangeKind.Modified, Replacement.Always), (table.LogicalId, table.Kind, table.Replacement));
        var change = Assert.Single(table.Changes);
        Assert.Equal("Properties.TableName", change.Path);
        Assert.Equal(Replacement.Always, change.Replacement);
        Assert.Equal("orders-v2", change.New.AsString());
        Assert.True(d.HasReplacements);
    }

    [Fact]
    public void ChangedBillingMode_UpdatesInPlace()
    {
        var d = Diff(Table, Table.Replace("PAY_PER_REQUEST", "PROVISIONED", StringComparison.Ordinal));
        Assert.Equal(Replacement.None, Assert.Single(d.Resources).Replacement);
        Assert.False(d.HasReplacements);
    }

    [Fact]
    public void AddedRemovedAndRetypedResources()
    {
        var d = Diff(
            "Resources:\n  A: {Type: AWS::SNS::Topic}\n  B: {Type: AWS::SQS::Queue}\n  C: {Type: AWS::SNS::Topic}\n",
            "Resources:\n  B: {Type: AWS::SQS::Queue}\n  C: {Type: AWS::SQS::Queue}\n  D: {Type: AWS::S3::Bucket}\n");
        Assert.Equal(["A", "C", "D"], d.Resources.Select(r => r.LogicalId).ToArray());
        Assert.Equal([ChangeKind.Removed, ChangeKind.Modified, ChangeKind.Added], d.Resources.Select(r => r.Kind).ToArray());
        Assert.Equal(Replacement.Always, d.Resources[1].Replacement);
        Assert.Equal("AWS::SNS::Topic", d.Resources[1].OldType);
    }

    [Fact]
    public void IdenticalTemplates_HaveNoDifferences()
    {
        var d = Diff(Table, Table);
        Assert.False(d.HasDifferences);
        Assert.Empty(d.IamWidenings);
    }

    [Fact]
    public void AddedWildcardAction_IsAnIamWidening()
    {
        const string role = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
                  Policies:
                    - PolicyName: data
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: [s3:GetObject]
                            Resource: arn:aws:s3:::bucket/*
            """;
        var d = Diff(role, role.Replace("Action: [s3:GetObject]", "Action: [s3:GetObject, \"*\"]", StringComparison.Ordinal));
        var w = Assert.Single(d.IamWidenings);
        Assert.Equal(("Role", IamWideningKind.WildcardAction, "*"), (w.LogicalId, w.Kind, w.Detail));
        Assert.Equal("Properties.Policies[data].PolicyDocument", w.Path);
    }

    [Fact]
    public void SamFunctionPolicy_WidenedToAnyResource_AndNewTrustPrincipal()
    {
        const string sam = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: index.handler
                  Runtime: python3.12
                  CodeUri: s3://bucket/key.zip
                  Policies:
                    - Statement:
                        - Effect: Allow
                          Action: sqs:SendMessage
                          Resource: arn:aws:sqs:us-east-1:123456789012:q
            """;
        var d = Diff(sam, sam.Replace("Resource: arn:aws:sqs:us-east-1:123456789012:q", "Resource: \"*\"", StringComparison.Ordinal));
        var w = Assert.Single(d.IamWidenings);
        Assert.Equal(("FnRole", IamWideningKind.WildcardResource), (w.LogicalId, w.Kind));
        Assert.Equal("sqs:SendMessage on *", w.Detail);

        var bucket = "Resources:\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: b\n      PolicyDocument:\n        Statement:\n          - {Effect: Allow, Principal: {AWS: arn:aws:iam::111111111111:root}, Action: s3:GetObject, Resource: arn:aws:s3:::b/*}\n";
        var publicRead = Diff(bucket, bucket.Replace("{AWS: arn:aws:iam::111111111111:root}", "\"*\"", StringComparison.Ordinal));
        Assert.Contains(publicRead.IamWidenings, x => x.Kind == IamWideningKind.NewPrincipal && x.Detail == "*");
    }

    [Fact]
    public void ManagedPolicyAttached_AndDenyRemoved_AreWidenings()
    {
        const string before = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
                  ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
                  Policies:
                    - PolicyName: guard
                      PolicyDocument: {Statement: [{Effect: Deny, Action: s3:DeleteBucket, Resource: "*"}]}
            """;
        var after = before.Replace("[arn:aws:iam::aws:policy/ReadOnlyAccess]", "[arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/AdministratorAccess]", StringComparison.Ordinal)
            .Replace("Effect: Deny, Action: s3:DeleteBucket", "Effect: Deny, Action: s3:PutBucketPolicy", StringComparison.Ordinal);
        var d = Diff(before, after);
        Assert.Contains(d.IamWidenings, w => w.Kind == IamWideningKind.ManagedPolicyAdded && w.Detail == "arn:aws:iam::aws:policy/AdministratorAccess");
        Assert.Contains(d.IamWidenings, w => w.Kind == IamWideningKind.DenyRemoved && w.Detail == "s3:DeleteBucket");
    }

    [Fact]
    public void NarrowedPolicy_IsNotAWidening()
    {
        const string role = "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: {Statement: [{Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: \"*\"}]}\n";
        var d = Diff(role, role.Replace("[s3:GetObject, s3:PutObject]", "[s3:GetObject]", StringComparison.Ordinal));
        Assert.True(d.HasDifferences);
        Assert.Empty(d.IamWidenings);
    }

    [Fact]
    public void UnorderedLists_AreComparedAsSets()
    {
        const string role = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: []}
                  ManagedPolicyArns: [arn:aws:iam::aws:policy/A, arn:aws:iam::aws:policy/B]
            """;
        var d = Diff(role, role.Replace("[arn:aws:iam::aws:policy/A, arn:aws:iam::aws:policy/B]", "[arn:aws:iam::aws:policy/B, arn:aws:iam::aws:policy/A]", StringComparison.Ordinal));
        Assert.False(d.HasDifferences);
    }

    [Fact]
    public void CustomResource_ChangeHasUnknownReplacement()
    {
        var d = Diff("Resources:\n  C:\n    Type: Custom::Thing\n    Properties: {ServiceToken: x, Size: 1}\n", "Resources:\n  C:\n    Type: Custom::Thing\n    Properties: {ServiceToken: x, Size: 2}\n");
        Assert.Equal(Replacement.Unknown, Assert.Single(d.Resources).Replacement);
    }

    [Fact]
    public void SamFunctionName_ReplacesTheLambdaFunction_MemoryDoesNot()
    {
        const string sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: i.h, Runtime: python3.12, CodeUri: s3://b/k.zip, MemorySize: 128, FunctionName: one}\n";
        var memory = Diff(sam, sam.Replace("MemorySize: 128", "MemorySize: 256", StringComparison.Ordinal));
        Assert.Equal(Replacement.None, Assert.Single(memory.Resources).Replacement);
        var name = Diff(sam, sam.Replace("FunctionName: one", "FunctionName: two", StringComparison.Ordinal));
        Assert.Equal(Replacement.Always, Assert.Single(name.Resources, r => r.LogicalId == "Fn").Replacement);
    }

    [Fact]
    public void IfStatements_CountBothBranches_AndLambdaPermissionPrincipals()
    {
        const string before = """
            Conditions:
              Open: !Equals [a, b]
            Resources:
              P:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - !If [Open, {Effect: Allow, Action: s3:GetObject, Resource: "*"}, !Ref AWS::NoValue]
              Perm:
                Type: AWS::Lambda::Permission
                Properties: {Action: lambda:InvokeFunction, FunctionName: f, Principal: s3.amazonaws.com}
            """;
        var after = before.Replace("Action: s3:GetObject", "Action: s3:PutObject", StringComparison.Ordinal)
            .Replace("Principal: s3.amazonaws.com", "Principal: \"*\"", StringComparison.Ordinal);
        var d = Diff(before, after);
        Assert.Contains(d.IamWidenings, w => w.LogicalId == "P" && w.Kind == IamWideningKind.NewAction && w.Detail == "s3:PutObject");
        Assert.Contains(d.IamWidenings, w => w.LogicalId == "Perm" && w.Kind == IamWideningKind.NewPrincipal && w.Detail == "*");
    }
}
