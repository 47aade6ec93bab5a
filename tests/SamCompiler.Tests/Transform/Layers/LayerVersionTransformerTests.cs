namespace SamCompiler.Tests.Transform.Layers;

/// <summary>
/// AWS::Serverless::LayerVersion. Every expected document and message below is what the reference translator printed
/// for the same input (python3 /work/shared/conformance/sam_translate.py); samc adds a final period to messages that
/// lack one.
/// </summary>
public sealed class LayerVersionTransformerTests
{
    [Fact]
    public void AllPropertiesAttributesAndReferencesToTheRenamedLayer()
    {
        const string Input = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              LayerNameParam:
                Type: String
                Default: my-layer-name
              Env:
                Type: String
                Default: prod
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
              AllLayer:
                Type: AWS::Serverless::LayerVersion
                Condition: IsProd
                DependsOn: [Topic]
                DeletionPolicy: Delete
                UpdateReplacePolicy: Retain
                UpdatePolicy:
                  Foo: bar
                Metadata:
                  BuildMethod: python3.12
                Properties:
                  LayerName: !Ref LayerNameParam
                  Description: !Sub "Layer in ${AWS::Region} for ${Env}"
                  LicenseInfo: MIT
                  ContentUri: S3://my-bucket/path/to/layer.zip?versionId=abc%20def+x&other=1
                  CompatibleRuntimes: [python3.12, !Ref Env]
                  CompatibleArchitectures: [arm64, !Ref Env]
                  PublishLambdaVersion: true
              OtherLayer:
                Type: AWS::Serverless::LayerVersion
                DependsOn: AllLayer
                Properties:
                  LayerName: ""
                  Description: ""
                  ContentUri:
                    Bucket: !Ref Env
                    Key: key.zip
                    Version: 3
              Waiter:
                Type: AWS::SNS::Topic
                DependsOn: [OtherLayer, Topic]
            Outputs:
              A:
                Value: !Ref AllLayer
              B:
                Value: !Sub "${OtherLayer} and ${AllLayer.Arn}"
              C:
                Value: !GetAtt OtherLayer.Arn
            """;
        const string Expected = """
            {"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}}, "Outputs": {"A": {"Value": {"Ref": "AllLayer8f15c7e83e"}}, "B": {"Value": {"Fn::Sub": "${OtherLayer8a8ac06179} and ${AllLayer8f15c7e83e.Arn}"}}, "C": {"Value": {"Fn::GetAtt": ["OtherLayer8a8ac06179", "Arn"]}}}, "Parameters": {"Env": {"Default": "prod", "Type": "String"}, "LayerNameParam": {"Default": "my-layer-name", "Type": "String"}}, "Resources": {"AllLayer8f15c7e83e": {"Condition": "IsProd", "DeletionPolicy": "Delete", "DependsOn": ["Topic"], "Properties": {"CompatibleArchitectures": ["arm64", {"Ref": "Env"}], "CompatibleRuntimes": ["python3.12", {"Ref": "Env"}], "Content": {"S3Bucket": "my-bucket", "S3Key": "path/to/layer.zip", "S3ObjectVersion": "abc def x"}, "Description": {"Fn::Sub": "Layer in us-east-1 for prod"}, "LayerName": "my-layer-name", "LicenseInfo": "MIT"}, "Type": "AWS::Lambda::LayerVersion", "UpdateReplacePolicy": "Retain"}, "OtherLayer8a8ac06179": {"DeletionPolicy": "Retain", "DependsOn": "AllLayer8f15c7e83e", "Properties": {"Content": {"S3Bucket": {"Ref": "Env"}, "S3Key": "key.zip", "S3ObjectVersion": 3}, "Description": "", "LayerName": "OtherLayer"}, "Type": "AWS::Lambda::LayerVersion"}, "Topic": {"Type": "AWS::SNS::Topic"}, "Waiter": {"DependsOn": ["OtherLayer8a8ac06179", "Topic"], "Type": "AWS::SNS::Topic"}}}
            """;
        ReferenceOutput.AssertTranslatesTo(Input, Expected);
    }

    [Fact]
    public void GlobalPublishLambdaVersionAndIgnoreGlobalsChangeTheHash()
    {
        const string Input = """
            Globals:
              LayerVersion:
                PublishLambdaVersion: true
            Resources:
              Plain:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
              IgnoreAll:
                Type: AWS::Serverless::LayerVersion
                IgnoreGlobals: "*"
                Properties:
                  ContentUri: s3://b/k
              IgnoreList:
                Type: AWS::Serverless::LayerVersion
                IgnoreGlobals: [PublishLambdaVersion]
                Properties:
                  ContentUri: s3://b/k
              Local:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  PublishLambdaVersion: false
              NoGlobals:
                Type: AWS::Serverless::LayerVersion
                IgnoreGlobals: []
                Properties:
                  ContentUri: s3://b/k
            """;
        const string Expected = """
            {"Resources": {"IgnoreAll833807ceda": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "b", "S3Key": "k"}, "LayerName": "IgnoreAll"}, "Type": "AWS::Lambda::LayerVersion"}, "IgnoreList49b5e86f85": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "b", "S3Key": "k"}, "LayerName": "IgnoreList"}, "Type": "AWS::Lambda::LayerVersion"}, "Locale7368b1fee": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "b", "S3Key": "k"}, "LayerName": "Local"}, "Type": "AWS::Lambda::LayerVersion"}, "NoGlobals7a4a6bb00a": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "b", "S3Key": "k"}, "LayerName": "NoGlobals"}, "Type": "AWS::Lambda::LayerVersion"}, "Plaine8d199ec40": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "b", "S3Key": "k"}, "LayerName": "Plain"}, "Type": "AWS::Lambda::LayerVersion"}}}
            """;
        ReferenceOutput.AssertTranslatesTo(Input, Expected);
    }

    [Fact]
    public void ContentUriForms()
    {
        const string Input = """
            Resources:
              A:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://bucket/
              B:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://bucket/a/b?versionId=1&versionId=2
              C:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: "  s3://bucket/k#frag?versionId=9"
              D:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://bucket/k?versionId=%E2%82%AC%ZZ
              E:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://bu;cket/k;x?versionId=
              F:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: "s3://{{resolve:ssm:name:1}}/key"
              G:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: {Bucket: b, Key: k, Version: null, Extra: 1}
            """;
        const string Expected = """
            {"Resources": {"A21d9c1057d": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "bucket", "S3Key": ""}, "LayerName": "A"}, "Type": "AWS::Lambda::LayerVersion"}, "B85ae789034": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "bucket", "S3Key": "a/b"}, "LayerName": "B"}, "Type": "AWS::Lambda::LayerVersion"}, "C525a50228a": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "bucket", "S3Key": "k"}, "LayerName": "C"}, "Type": "AWS::Lambda::LayerVersion"}, "D121fa4d1b6": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "bucket", "S3Key": "k", "S3ObjectVersion": "\u20ac%ZZ"}, "LayerName": "D"}, "Type": "AWS::Lambda::LayerVersion"}, "Ef2ae615b0a": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "bu;cket", "S3Key": "k;x"}, "LayerName": "E"}, "Type": "AWS::Lambda::LayerVersion"}, "F6a6e26d555": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "{{resolve:ssm:name:1}}", "S3Key": "key"}, "LayerName": "F"}, "Type": "AWS::Lambda::LayerVersion"}, "G94d84ed480": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "b", "S3Key": "k", "S3ObjectVersion": null}, "LayerName": "G"}, "Type": "AWS::Lambda::LayerVersion"}}}
            """;
        ReferenceOutput.AssertTranslatesTo(Input, Expected);
    }

    [Fact]
    public void RetentionPolicyOverridesDeletionPolicy()
    {
        // Corpus case layer_deletion_policy_precedence.
        const string Input = """
            Resources:
              MinimalLayer:
                Type: AWS::Serverless::LayerVersion
                DeletionPolicy: Delete
                Properties:
                  ContentUri: s3://sam-demo-bucket/layer.zip
                  RetentionPolicy: Retain
              MinimalLayer2:
                Type: AWS::Serverless::LayerVersion
                DeletionPolicy: Delete
                Properties:
                  ContentUri: s3://sam-demo-bucket/layer.zip
              MinimalLayer3:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://sam-demo-bucket/layer.zip
            """;
        const string Expected = """
            {"Resources": {"MinimalLayer22b6609c3d": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "sam-demo-bucket", "S3Key": "layer.zip"}, "LayerName": "MinimalLayer"}, "Type": "AWS::Lambda::LayerVersion"}, "MinimalLayer2800a44a445": {"DeletionPolicy": "Delete", "Properties": {"Content": {"S3Bucket": "sam-demo-bucket", "S3Key": "layer.zip"}, "LayerName": "MinimalLayer2"}, "Type": "AWS::Lambda::LayerVersion"}, "MinimalLayer3ac07350a04": {"DeletionPolicy": "Retain", "Properties": {"Content": {"S3Bucket": "sam-demo-bucket", "S3Key": "layer.zip"}, "LayerName": "MinimalLayer3"}, "Type": "AWS::Lambda::LayerVersion"}}}
            """;
        ReferenceOutput.AssertTranslatesTo(Input, Expected);
    }

    [Fact]
    public void EveryInvalidLayerIsReported()
    {
        const string Input = """
            Parameters:
              ListParam:
                Type: CommaDelimitedList
                Default: [a, b]
              NumParam:
                Type: Number
                Default: 5
            Resources:
              BadUri:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: https://bucket/key
              NoKey:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: {Bucket: b, Key: ""}
              Ssm:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: "s3://{{resolve:ssm:/my/param}}/key"
              RefUri:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: !Ref ListParam
              Unknown:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  Runtime: python3.12
              ArchRef:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  CompatibleArchitectures: !Ref ListParam
              ArchMap:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  CompatibleArchitectures: {arm64: 1}
              ArchDictItem:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  CompatibleArchitectures: [{a: 1, b: 2}]
              PublishStr:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  PublishLambdaVersion: "true"
              DescNum:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  Description: 5
              NameList:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  LayerName: [a]
              RetMap:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  RetentionPolicy: {Foo: x}
              RetEmpty:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  RetentionPolicy: ""
              NameNum:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  LayerName: !Ref NumParam
              DescList:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  Description: !Ref ListParam
              RetUnresolved:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  RetentionPolicy: !Ref Nope
              Bad_Id:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
              NullUri:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri:
              NoProps:
                Type: AWS::Serverless::LayerVersion
              UriBracket:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: "s3://[TOKEN.25]/key"
              UriV6:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: "s3://[::1]/key"
              UriInt:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: {Bucket: b, Key: 0}
            """;
        string[] reference =
        [
            "Resource with id [ArchDictItemd4d38a0fe3] is invalid. CompatibleArchitectures needs to be a list of 'x86_64' or 'arm64'",
            "Resource with id [BadUri094dceec2f] is invalid. 'ContentUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.",
            "Resource with id [Bad_Id] is invalid. Logical ids must be alphanumeric.",
            "Resource with id [DescList] is invalid. Could not resolve parameter for 'Description' or parameter is not a String.",
            "Resource with id [DescNum] is invalid. Property 'Description' should be a string.",
            "Resource with id [NameList] is invalid. Type of property 'LayerName' is invalid.",
            "Resource with id [NameNum] is invalid. Could not resolve parameter for 'LayerName' or parameter is not a String.",
            "Resource with id [NoKey5923964fee] is invalid. 'ContentUri' requires Bucket and Key properties to be specified.",
            "Resource with id [NoProps] is invalid. Missing required property 'ContentUri'.",
            "Resource with id [NullUri] is invalid. Missing required property 'ContentUri'.",
            "Resource with id [PublishStr] is invalid. Type of property 'PublishLambdaVersion' is invalid.",
            "Resource with id [RefUri47bee4d2cb] is invalid. 'ContentUri' requires Bucket and Key properties to be specified.",
            "Resource with id [RetEmpty] is invalid. 'RetentionPolicy' must be one of the following options: ['Retain', 'Delete'].",
            "Resource with id [RetMap] is invalid. Invalid 'RetentionPolicy' type, please use one of the following options: ['Retain', 'Delete']",
            "Resource with id [RetUnresolved] is invalid. 'RetentionPolicy' does not accept intrinsic functions, please use one of the following options: ['Retain', 'Delete']",
            "Resource with id [Ssmb39b1df7b2] is invalid. Unsupported dynamic reference detected in 'ContentUri'. Please consider using alternative 'FunctionCode' object format.",
            "Resource with id [Unknown] is invalid. property Runtime not defined for resource of type AWS::Serverless::LayerVersion",
            "Resource with id [UriBracket0b1a3773c5] is invalid. 'ContentUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.",
            "Resource with id [UriInt80422b93c6] is invalid. 'ContentUri' requires Bucket and Key properties to be specified.",
        ];

        var errors = ReferenceOutput.Errors(ReferenceOutput.Compile(Input));

        Assert.Equal(reference.Select(m => m.EndsWith('.') ? m : m + ".").Order(StringComparer.Ordinal), errors);
    }

    [Theory]
    [InlineData("RetentionPolicy: Keep", 6, 24, "Resource with id [L] is invalid. 'RetentionPolicy' must be one of the following options: ['Retain', 'Delete'].")]
    [InlineData("RetentionPolicy: !If [C, Retain, Delete]", 6, 24, "Resource with id [L] is invalid. 'RetentionPolicy' does not accept intrinsic functions, please use one of the following options: ['Retain', 'Delete'].")]
    [InlineData("LicenseInfo: [a]", 6, 20, "Resource with id [L] is invalid. Property 'LicenseInfo' should be a string.")]
    [InlineData("CompatibleArchitectures: [wrong]", 6, 32, "Resource with id [Lf32346c04e] is invalid. CompatibleArchitectures needs to be a list of 'x86_64' or 'arm64'.")]
    public void ErrorsPointAtTheProperty(string property, int line, int column, string message)
    {
        var yaml = $"""
            Resources:
              L:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
                  {property}
            """;

        var error = ReferenceOutput.SingleError(yaml);

        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Span.Start.Line);
        Assert.Equal(column, error.Span.Start.Column);
    }
}
