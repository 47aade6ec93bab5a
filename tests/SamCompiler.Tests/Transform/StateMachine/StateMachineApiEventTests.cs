using SamCompiler.Syntax;
using SamCompiler.Text;
using SamCompiler.Transform.StateMachine;

namespace SamCompiler.Tests.Transform.StateMachine;

/// <summary>
/// The Api event's hand-over to the API code (StateMachineApiHooks). Expected values are those the reference
/// translator wrote into the API's x-amazon-apigateway-integration for the same events (credentials,
/// requestTemplates, uri, the Fn::If on the condition).
/// </summary>
public sealed class StateMachineApiEventTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Conditions:
          IsYes: !Equals [a, a]
        Resources:
          Sm:
            Type: AWS::Serverless::StateMachine
            Condition: IsYes
            Properties:
              DefinitionUri: s3://b/k
              Role: arn:aws:iam::1:role/r
              Events:
                Post:
                  Type: Api
                  Properties:
                    Path: /go
                    Method: POST
                    RestApiId: !Ref MyApi
                Get:
                  Type: Api
                  Properties:
                    Path: /go
                    Method: get
                    RestApiId: !Ref MyApi
                    UnescapeMappingTemplate: true
          MyApi:
            Type: AWS::Serverless::Api
            Condition: IsYes
            Properties:
              StageName: prod
              __MANAGE_SWAGGER: true
              DefinitionBody:
                swagger: "2.0"
                paths: {}
        """;

    [Fact]
    public void ManagedApiGetsOneIntegrationPerEvent()
    {
        var calls = new List<StateMachineApiIntegration>();
        var result = StateMachineHarness.Translate(Template, c => c.Shared<StateMachineApiHooks>().AddSwaggerIntegration = (i, _) => calls.Add(i));
        Assert.Empty(result.Errors);
        Assert.Equal(2, calls.Count);

        var post = calls[0];
        Assert.Equal("Post", post.EventId);
        Assert.Equal("post", post.Method);
        Assert.Equal("/go", post.Path);
        Assert.Equal("MyApi", post.ApiId.AsString());
        Assert.Equal("IsYes", post.Condition.AsString());
        Assert.Null(post.Auth);
        Assert.Same(result.Context.SamResources["MyApi"].Get("Properties"), post.ExplicitApi);
        AssertJson("""{"Fn::GetAtt": ["SmPostRole", "Arn"]}""", post.CredentialsArn);
        AssertJson("""{"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution"}""", post.IntegrationUri);
        AssertJson("""{"application/json": {"Fn::Sub": "{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"${Sm}\"}"}}""", post.RequestTemplates);

        var get = calls[1];
        Assert.Equal("get", get.Method);
        AssertJson("""{"Fn::GetAtt": ["SmGetRole", "Arn"]}""", get.CredentialsArn);
        AssertJson("""{"application/json": {"Fn::Sub": "{\"input\": \"$util.escapeJavaScript($input.json('$')).replaceAll(\"\\\\'\",\"'\")\", \"stateMachineArn\": \"${Sm}\"}"}}""", get.RequestTemplates);

        // The roles are generated whatever the API does (reference: SmPostRole, SmGetRole with the Condition).
        Assert.Equal("AWS::IAM::Role", result.Resources["SmPostRole"].Get("Type").AsString());
        Assert.Equal("IsYes", result.Resources["SmGetRole"].Get("Condition").AsString());
    }

    [Fact]
    public void AliasTargetIsNamedInTheRequestTemplate()
    {
        const string Input = """
            Resources:
              Sm:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: s3://b/k
                  Role: arn:aws:iam::1:role/r
                  AutoPublishAlias: live
                  UseAliasAsEventTarget: true
                  Events:
                    Post:
                      Type: Api
                      Properties:
                        Path: /go
                        Method: POST
                        RestApiId: !Ref MyApi
              MyApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  __MANAGE_SWAGGER: true
                  DefinitionBody: {swagger: "2.0", paths: {}}
            """;
        StateMachineApiIntegration? call = null;
        var result = StateMachineHarness.Translate(Input, c => c.Shared<StateMachineApiHooks>().AddSwaggerIntegration = (i, _) => call = i);
        Assert.Empty(result.Errors);
        Assert.NotNull(call);
        Assert.Null(call.Condition);
        AssertJson("""{"application/json": {"Fn::Sub": "{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"${SmAliaslive}\"}"}}""", call.RequestTemplates);
        AssertJson(
            """[{"PolicyDocument": {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow", "Resource": {"Ref": "SmAliaslive"}}]}, "PolicyName": "SmPostRoleStartExecutionPolicy"}]""",
            result.Resources["SmPostRole"].Get("Properties").Get("Policies")!);
    }

    [Fact]
    public void UnmanagedApiIsNotHandedOver()
    {
        var called = false;
        var result = StateMachineHarness.Translate(
            Template.Replace("      __MANAGE_SWAGGER: true\n", string.Empty, StringComparison.Ordinal),
            c => c.Shared<StateMachineApiHooks>().AddSwaggerIntegration = (_, _) => called = true);
        Assert.Empty(result.Errors);
        Assert.False(called);
    }

    private static void AssertJson(string expectedJson, Node actual)
    {
        var expected = YamlDocumentLoader.Load(new SourceText("expected.json", expectedJson)).Root
            ?? (Node)YamlDocumentLoader.Load(new SourceText("expected.json", "{\"v\": " + expectedJson + "}")).Root!["v"]!;
        Assert.True(Node.DeepEquals(expected, actual), $"expected {PyJson.Dumps(expected)}, actual {PyJson.Dumps(actual)}");
    }
}
