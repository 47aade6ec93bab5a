using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Tests.Transform.Layers;
using SamCompiler.Text;
using SamCompiler.Transform;
using SamCompiler.Transform.Globals;

namespace SamCompiler.Tests.Transform.Globals;

/// <summary>
/// The Globals plugin. Expected templates are what samtranslator's GlobalsPlugin().on_before_transform_template
/// leaves in the same template (loaded with samtranslator's yaml_parse); expected messages are the reference
/// translator's (sam_translate.py), which samc prefixes with "Structure of the SAM template is invalid." for
/// template-level errors and ends with a period.
/// </summary>
public sealed class GlobalsPluginTests
{
    [Fact]
    public void MergesMapsConcatenatesListsAndPrefersLocalValues()
    {
        const string Input = """
            Globals:
              Function:
                Runtime: python3.12
                MemorySize: 128
                Environment:
                  Variables:
                    A: global-a
                    B: global-b
                Layers: [g1, g2]
                Tags: {Team: core}
                VpcConfig: !If [Cond, {SubnetIds: [s1]}, !Ref AWS::NoValue]
                DeploymentPreference:
                  Enabled: false
                  Type: Canary10Percent5Minutes
              Api:
                Auth:
                  DefaultAuthorizer: MyAuth
                OpenApiVersion: 3.0
                Variables: {x: 1}
              HttpApi:
                Tags: {a: b}
              SimpleTable:
                SSESpecification: {SSEEnabled: true}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs22.x
                  Environment:
                    Variables:
                      B: local-b
                      C: local-c
                  Layers: [l1]
                  Tags: [notadict]
                  VpcConfig: {SubnetIds: [s2]}
                  DeploymentPreference:
                    Type: Linear10PercentEvery1Minute
              FnNoProps:
                Type: AWS::Serverless::Function
              FnIntrinsicProps:
                Type: AWS::Serverless::Function
                Properties: !If [C, {Runtime: x}, {Runtime: y}]
              FnIgnore:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Layers, Tags]
                Properties:
                  Handler: h
              FnIgnoreAll:
                Type: AWS::Serverless::Function
                IgnoreGlobals: "*"
                Properties:
                  Handler: h
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  Variables: {y: 2}
                  __MANAGE_SWAGGER: true
                  DefinitionBody:
                    swagger: "2.0"
                    paths: {}
              Table:
                Type: AWS::Serverless::SimpleTable
              App:
                Type: AWS::Serverless::Application
              Topic:
                Type: AWS::SNS::Topic
              Conn:
                Type: AWS::Serverless::Connector
            """;
        const string Expected = """
            {"Resources": {"Api": {"Properties": {"Auth": {"DefaultAuthorizer": "MyAuth"}, "DefinitionBody": {"openapi": "3.0", "paths": {}}, "OpenApiVersion": "3.0", "StageName": "prod", "Variables": {"x": 1, "y": 2}, "__MANAGE_SWAGGER": true}, "Type": "AWS::Serverless::Api"}, "App": {"Properties": {}, "Type": "AWS::Serverless::Application"}, "Conn": {"Type": "AWS::Serverless::Connector"}, "Fn": {"Properties": {"DeploymentPreference": {"Enabled": false, "Type": "Linear10PercentEvery1Minute"}, "Environment": {"Variables": {"A": "global-a", "B": "local-b", "C": "local-c"}}, "Layers": ["g1", "g2", "l1"], "MemorySize": 128, "Runtime": "nodejs22.x", "Tags": ["notadict"], "VpcConfig": {"SubnetIds": ["s2"]}}, "Type": "AWS::Serverless::Function"}, "FnIgnore": {"IgnoreGlobals": ["Layers", "Tags"], "Properties": {"DeploymentPreference": {"Enabled": false, "Type": "Canary10Percent5Minutes"}, "Environment": {"Variables": {"A": "global-a", "B": "global-b"}}, "Handler": "h", "MemorySize": 128, "Runtime": "python3.12", "VpcConfig": {"Fn::If": ["Cond", {"SubnetIds": ["s1"]}, {"Ref": "AWS::NoValue"}]}}, "Type": "AWS::Serverless::Function"}, "FnIgnoreAll": {"IgnoreGlobals": "*", "Properties": {"Handler": "h"}, "Type": "AWS::Serverless::Function"}, "FnIntrinsicProps": {"Properties": {"Fn::If": ["C", {"Runtime": "x"}, {"Runtime": "y"}]}, "Type": "AWS::Serverless::Function"}, "FnNoProps": {"Properties": {"DeploymentPreference": {"Enabled": false, "Type": "Canary10Percent5Minutes"}, "Environment": {"Variables": {"A": "global-a", "B": "global-b"}}, "Layers": ["g1", "g2"], "MemorySize": 128, "Runtime": "python3.12", "Tags": {"Team": "core"}, "VpcConfig": {"Fn::If": ["Cond", {"SubnetIds": ["s1"]}, {"Ref": "AWS::NoValue"}]}}, "Type": "AWS::Serverless::Function"}, "Table": {"Properties": {"SSESpecification": {"SSEEnabled": true}}, "Type": "AWS::Serverless::SimpleTable"}, "Topic": {"Type": "AWS::SNS::Topic"}}}
            """;

        ReferenceOutput.AssertSame(ReferenceOutput.Load(Expected), RunPlugin(Input));
    }

    [Fact]
    public void OpenApiVersionIsWrittenIntoManagedDefinitions()
    {
        const string Input = """
            Globals:
              Api:
                OpenApiVersion: 3.0.1
            Resources:
              Managed:
                Type: AWS::Serverless::Api
                Properties:
                  __MANAGE_SWAGGER: true
                  DefinitionBody: {swagger: "2.0", info: {}}
              Unmanaged:
                Type: AWS::Serverless::Api
                Properties:
                  DefinitionBody: {swagger: "2.0"}
              Two:
                Type: AWS::Serverless::Api
                Properties:
                  OpenApiVersion: 2.0
                  __MANAGE_SWAGGER: true
                  DefinitionBody: {swagger: "2.0"}
              NoBody:
                Type: AWS::Serverless::Api
                Properties:
                  OpenApiVersion: 3.1
                  __MANAGE_SWAGGER: true
            """;
        const string Expected = """
            {"Resources": {"Managed": {"Properties": {"DefinitionBody": {"info": {}, "openapi": "3.0.1"}, "OpenApiVersion": "3.0.1", "__MANAGE_SWAGGER": true}, "Type": "AWS::Serverless::Api"}, "NoBody": {"Properties": {"OpenApiVersion": "3.1", "__MANAGE_SWAGGER": true}, "Type": "AWS::Serverless::Api"}, "Two": {"Properties": {"DefinitionBody": {"swagger": "2.0"}, "OpenApiVersion": 2.0, "__MANAGE_SWAGGER": true}, "Type": "AWS::Serverless::Api"}, "Unmanaged": {"Properties": {"DefinitionBody": {"swagger": "2.0"}, "OpenApiVersion": "3.0.1"}, "Type": "AWS::Serverless::Api"}}}
            """;

        ReferenceOutput.AssertSame(ReferenceOutput.Load(Expected), RunPlugin(Input));
    }

    [Fact]
    public void GlobalValuesAreSharedBetweenResourcesAsInTheReference()
    {
        // GlobalProperties._merge_dict copies the top level only: a global value a resource does not override is the
        // same object in every resource (observable in the reference: a global EventInvokeConfig OnSuccess queue
        // injected by the first function is reused by the second).
        var template = RunPlugin("""
            Globals:
              Function:
                Environment: {Variables: {A: a}}
                Tags: {T: t}
            Resources:
              One:
                Type: AWS::Serverless::Function
              Two:
                Type: AWS::Serverless::Function
              Three:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Tags]
            """);
        var resources = (MapNode)template["Resources"]!;

        Assert.Same(resources["One"].Get("Properties").Get("Environment"), resources["Two"].Get("Properties").Get("Environment"));
        Assert.NotSame(resources["One"].Get("Properties"), resources["Two"].Get("Properties"));

        // get_template_globals deep-copies the globals when IgnoreGlobals lists properties.
        Assert.NotSame(resources["One"].Get("Properties").Get("Environment"), resources["Three"].Get("Properties").Get("Environment"));
        Assert.Null(resources["Three"].Get("Properties").Get("Tags"));
    }

    [Theory]
    [InlineData("Globals: [1, 2, 3]", 1, 1, "'Globals' section is invalid. It must be a non-empty dictionary")]
    [InlineData("Globals:", 1, 1, "'Globals' section is invalid. It must be a non-empty dictionary")]
    [InlineData("Globals:\n  LayerVersion:", 2, 3, "'Globals' section is invalid. Value of ${section} must be a dictionary")]
    [InlineData("Globals:\n  NewType:\n    Foo: 1", 2, 3, "'Globals' section is invalid. 'NewType' is not supported. Must be one of the following values - ['Api', 'CapacityProvider', 'Function', 'HttpApi', 'LayerVersion', 'SimpleTable', 'StateMachine', 'WebSocketApi']")]
    [InlineData("Globals:\n  LayerVersion:\n    Description: x", 3, 5, "'Globals' section is invalid. 'Description' is not a supported property of 'LayerVersion'. Must be one of the following values - ['PublishLambdaVersion']")]
    [InlineData("Globals:\n  Api:\n    StageName: x", 3, 5, "'Globals' section is invalid. 'StageName' is not a supported property of 'Api'. Must be one of the following values - ['Auth', 'Name', 'DefinitionUri', 'CacheClusterEnabled', 'CacheClusterSize', 'MergeDefinitions', 'Variables', 'EndpointConfiguration', 'MethodSettings', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Cors', 'GatewayResponses', 'AccessLogSetting', 'CanarySetting', 'TracingEnabled', 'OpenApiVersion', 'Domain', 'AlwaysDeploy', 'PropagateTags', 'SecurityPolicy', 'EndpointAccessMode']")]
    public void InvalidSectionsAreRejectedAtTheOffendingKey(string globals, int line, int column, string reference)
    {
        var error = ReferenceOutput.SingleError(globals + "\n" + OneLayer());

        Assert.Equal($"Structure of the SAM template is invalid. {reference}.", error.Message);
        Assert.Equal(line, error.Span.Start.Line);
        Assert.Equal(column, error.Span.Start.Column);
    }

    [Fact]
    public void UnsupportedFunctionPropertyListsEverySupportedOne()
    {
        // Corpus case error_globals_unsupported_property.
        var error = ReferenceOutput.SingleError("""
            Globals:
              Function:
                AutoPublishAlias: live
                SomeKey: Value
            Resources:
              MinimalFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: s3://sam-demo-bucket/hello.zip
                  Handler: hello.handler
                  Runtime: python2.7
            """);

        Assert.Equal("Structure of the SAM template is invalid. 'Globals' section is invalid. 'SomeKey' is not a supported property of 'Function'. Must be one of the following values - ['Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'Layers', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs', 'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn', 'TenancyConfig', 'DurableConfig', 'CapacityProviderConfig', 'FunctionScalingConfig', 'PublishToLatestPublished', 'VersionDeletionPolicy'].", error.Message);
        Assert.Equal(4, error.Span.Start.Line);
    }

    [Theory]
    [InlineData("IgnoreGlobals: Everything", 7, 20, "Resource with id [A] is invalid. Resource A has invalid resource attribute 'IgnoreGlobals'.")]
    [InlineData("IgnoreGlobals: [PublishLambdaVersion, 1]", 7, 43, "Resource with id [A] is invalid. Resource A has invalid resource attribute 'IgnoreGlobals' on item '1'.")]
    [InlineData("IgnoreGlobals: [PropertyA]", 7, 21, "Resource with id [A] is invalid. Resource A has invalid resource attribute 'IgnoreGlobals' on item 'PropertyA'.")]
    public void InvalidIgnoreGlobalsIsRejected(string attribute, int line, int column, string message)
    {
        var error = ReferenceOutput.SingleError($"""
            Globals:
              LayerVersion:
                PublishLambdaVersion: true
            Resources:
              A:
                Type: AWS::Serverless::LayerVersion
                {attribute}
                Properties:
                  ContentUri: s3://b/k
            """);

        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Span.Start.Line);
        Assert.Equal(column, error.Span.Start.Column);
    }

    [Fact]
    public void IgnoreGlobalsIsNotCheckedWithoutGlobalsForTheType()
    {
        var compilation = ReferenceOutput.Compile("""
            Globals: {}
            Resources:
              A:
                Type: AWS::Serverless::LayerVersion
                IgnoreGlobals: Everything
                Properties:
                  ContentUri: s3://b/k
            """);

        Assert.False(compilation.HasErrors);
        Assert.True(((MapNode)compilation.Document!["Resources"]!).ContainsKey("Abfa75209c6"));
    }

    [Fact]
    public void ConditionsMustBeStrings()
    {
        var error = ReferenceOutput.SingleError("""
            Resources:
              T:
                Type: AWS::SNS::Topic
                Condition: [a]
              A:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://b/k
            """);

        Assert.Equal("Structure of the SAM template is invalid. Every Condition member must be a string.", error.Message);
        Assert.Equal(4, error.Span.Start.Line);
    }

    private static string OneLayer() => """
        Resources:
          A:
            Type: AWS::Serverless::LayerVersion
            Properties:
              ContentUri: s3://b/k
        """;

    private static MapNode RunPlugin(string yaml)
    {
        var source = new SourceText("template.yaml", yaml);
        var template = YamlDocumentLoader.Load(source).Root!;
        var context = new TranslationContext(source, template, new TranslateOptions(), ParameterBinding.Bind(template, new ModelOptions()));
        new GlobalsPlugin().BeforeTransform(context);
        return context.SamTemplate;
    }
}
