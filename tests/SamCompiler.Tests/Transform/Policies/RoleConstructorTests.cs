using SamCompiler.Syntax;
using SamCompiler.Transform;
using SamCompiler.Transform.Policies;

namespace SamCompiler.Tests.Transform.Policies;

// Expectations: samtranslator 1.110.0 construct_role_for_resource("MyFunction", attrs, None,
// IAMRolePolicies.lambda_assume_role_policy(), ResourcePolicies({"Policies": value}), ...,
// get_managed_policy_map=StaticManagedPolicyLoader(partition).load).to_dict(), partition patched.
public class RoleConstructorTests
{
    private const string Basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private const string Trust =
        """{"Version":"2012-10-17","Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com"]}}]}""";

    private static CfnResource Role(
        string policiesJson,
        IList<Node>? managedPolicyArns,
        IList<Node>? policyDocuments = null,
        MapNode? attributes = null,
        string partition = "aws",
        Node? rolePath = null,
        Node? permissionsBoundary = null,
        Node? tags = null) =>
        RoleConstructor.ConstructRoleForResource(
            "MyFunction",
            attributes ?? new MapNode(),
            null,
            IamRolePolicies.LambdaAssumeRolePolicy(),
            ResourcePolicies.FromPolicies(PolicyJson.Parse(policiesJson)),
            managedPolicyArns,
            policyDocuments,
            rolePath,
            permissionsBoundary,
            tags,
            ManagedPolicyMap.HarnessLoader(partition),
            partition);

    private static void AssertRole(string expectedJson, CfnResource role)
    {
        Assert.Equal("MyFunctionRole", role.LogicalId);
        Assert.Equal("AWS::IAM::Role", role.Type);
        PolicyJson.AssertEqual(expectedJson, role.ToNode());
    }

    [Fact]
    public void NoPolicies_KeepsSamManagedPolicies()
    {
        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]}}""",
            Role("[]", [Basic]));
    }

    [Fact]
    public void NothingAtAll_GivesEmptyManagedPolicyArns()
    {
        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":[]}}""",
            Role("null", null));
    }

    [Fact]
    public void ManagedPolicies_AreResolvedAndDeduplicated_AttributesPassed()
    {
        var attributes = new MapNode { ["Condition"] = "C", ["DeletionPolicy"] = "Retain" };

        var role = Role(
            """["AWSLambdaBasicExecutionRole","AmazonS3FullAccess","arn:aws:iam::1:policy/x",{"Ref":"P"},{"Ref":"P"},"AnyNonOfficialManagedPolicy"]""",
            [Basic],
            attributes: attributes);

        AssertRole(
            """{"Type":"AWS::IAM::Role","Condition":"C","DeletionPolicy":"Retain","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole","arn:aws:iam::aws:policy/AmazonS3FullAccess","arn:aws:iam::1:policy/x",{"Ref":"P"},"AnyNonOfficialManagedPolicy"]}}""",
            role);
    }

    [Fact]
    public void Statements_AreNamedByTheirIndex_AfterSamPolicies()
    {
        var dlq = IamRolePolicies.DeadLetterQueuePolicy("sqs:SendMessage", "arn:q");

        var role = Role(
            """[{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]},"AmazonS3FullAccess",{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}]""",
            [Basic],
            [dlq]);

        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole","arn:aws:iam::aws:policy/AmazonS3FullAccess"],"Policies":[{"PolicyName":"DeadLetterQueuePolicy","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Action":"sqs:SendMessage","Resource":"arn:q","Effect":"Allow"}]}},{"PolicyName":"MyFunctionRolePolicy0","PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}},{"PolicyName":"MyFunctionRolePolicy2","PolicyDocument":{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}}]}}""",
            role);
    }

    [Fact]
    public void FnIf_BranchesAreConvertedAndWholeIfDeduplicated()
    {
        var role = Role(
            """[{"Fn::If":["C",{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]},{"Ref":"AWS::NoValue"}]},{"Fn::If":["C","AmazonS3FullAccess",{"Ref":"AWS::NoValue"}]},{"Fn::If":["C","AmazonS3FullAccess",{"Ref":"AWS::NoValue"}]},{"Fn::If":["D",{"Ref":"X"},"AWSLambdaRole"]}]""",
            [Basic]);

        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",{"Fn::If":["C","arn:aws:iam::aws:policy/AmazonS3FullAccess",{"Ref":"AWS::NoValue"}]},{"Fn::If":["D",{"Ref":"X"},"arn:aws:iam::aws:policy/service-role/AWSLambdaRole"]}],"Policies":[{"Fn::If":["C",{"PolicyName":"MyFunctionRolePolicy0","PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}},{"Ref":"AWS::NoValue"}]}]}}""",
            role);
    }

    [Fact]
    public void SingleStatementOrName_IsOneEntry()
    {
        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],"Policies":[{"PolicyName":"MyFunctionRolePolicy0","PolicyDocument":{"Statement":[]}}]}}""",
            Role("""{"Statement":[]}""", [Basic]));
        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole","arn:aws:iam::aws:policy/AmazonS3FullAccess"]}}""",
            Role("\"AmazonS3FullAccess\"", [Basic]));
    }

    [Fact]
    public void PathBoundaryTagsAndOtherPartition()
    {
        var tags = PolicyJson.Parse("""[{"Key":"k","Value":"v"}]""");

        var role = Role(
            """["AWSLambdaRole","AWSXRayDaemonWriteAccess"]""",
            [(Node)"arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
            partition: "aws-cn",
            rolePath: "/p/",
            permissionsBoundary: "arn:pb",
            tags: tags);

        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole","arn:aws-cn:iam::aws:policy/service-role/AWSLambdaRole","arn:aws-cn:iam::aws:policy/AWSXRayDaemonWriteAccess"],"Path":"/p/","PermissionsBoundary":"arn:pb","Tags":[{"Key":"k","Value":"v"}]}}""",
            role);
    }

    [Fact]
    public void PartitionWithoutBundledMap_UsesTheHarnessFallback()
    {
        AssertRole(
            """{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":""" + Trust + ""","ManagedPolicyArns":["arn:aws-iso:iam::aws:policy/service-role/AWSLambdaRole","arn:aws-iso:iam::aws:policy/AWSXRayDaemonWriteAccess"]}}""",
            Role("""["AWSLambdaRole","AWSXRayDaemonWriteAccess"]""", [], partition: "aws-iso"));
    }

    [Theory]
    [InlineData("""["AmazonS3FullAccess",5]""")]
    [InlineData("""["AWSLambdaRole",{"Foo":"bar"}]""")]
    [InlineData("""["AWSLambdaRole",{"SQSPollerPolicy":{"QueueName":"q"}}]""")]
    public void InvalidEntry_IsResourceError(string policies)
    {
        var ex = Assert.Throws<ResourceException>(() => Role(policies, [Basic]));

        Assert.Equal("MyFunction", ex.LogicalId);
        Assert.Equal("Resource with id [MyFunction] is invalid. Policy at index 1 in the 'Policies' property is not valid", ex.FullMessage);
    }
}
