using SamCompiler.Syntax;
using SamCompiler.Transform;

namespace SamCompiler.Tests.Transform.Api;

/// <summary>
/// REST API expectations taken from aws-sam-translator 1.110.0's output for the same templates
/// (sam_translate.py; the implicit_api template is the corpus case of that name).
/// </summary>
public class RestApiTests
{
    private const string ImplicitApi = """
        Resources:
          RestApiFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: s3://sam-demo-bucket/todo_list.zip
              Handler: index.restapi
              Runtime: nodejs12.x
              Policies: AmazonDynamoDBFullAccess
              Events:
                AddItem:
                  Type: Api
                  Properties:
                    Path: /add
                    Method: post
                CompleteItem:
                  Type: Api
                  Properties:
                    Path: /complete
                    Method: POST
                GetList:
                  Type: Api
                  Properties:
                    Path: /getlist
                    Method: get
          GetHtmlFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: s3://sam-demo-bucket/todo_list.zip
              Handler: index.gethtml
              Runtime: nodejs12.x
              Policies: AmazonDynamoDBReadOnlyAccess
              Events:
                GetHtml:
                  Type: Api
                  Properties:
                    Path: /{proxy+}
                    Method: any
        """;

    private const string ExplicitApi = """
        Resources:
          MyApi:
            Type: AWS::Serverless::Api
            Properties:
              StageName: dev
              Cors: "'*'"
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: s3://b/k
              Handler: index.handler
              Runtime: python3.12
              Events:
                Get:
                  Type: Api
                  Properties:
                    RestApiId: !Ref MyApi
                    Path: /items/{id}
                    Method: get
        """;

    [Fact]
    public void ImplicitApiDeploymentIdIsHashedLikeTheReference()
    {
        var output = ApiPipeline.Run(ImplicitApi);

        Assert.Contains("ServerlessRestApiDeployment127e3fb911", output.Keys);
        var stage = output["ServerlessRestApiProdStage"];
        Assert.Equal("ServerlessRestApiDeployment127e3fb911", stage.Properties["DeploymentId"].Get("Ref").AsString());
        Assert.Equal("Prod", stage.Properties["StageName"].AsString());
    }

    [Fact]
    public void ImplicitApiHasOnePermissionPerEventWithTheStageSuffix()
    {
        var output = ApiPipeline.Run(ImplicitApi);

        var any = output["GetHtmlFunctionGetHtmlPermissionProd"];
        var arn = (ListNode)any.Properties["SourceArn"].Get("Fn::Sub")!;
        Assert.Equal("arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/*/*", arn[0].AsString());
        Assert.Equal("ServerlessRestApi", arn[1].Get("__ApiId__").Get("Ref").AsString());
        Assert.Equal("*", arn[1].Get("__Stage__").AsString());
        Assert.Equal("GetHtmlFunction", any.Properties["FunctionName"].Get("Ref").AsString());
        Assert.Contains("RestApiFunctionCompleteItemPermissionProd", output.Keys);
    }

    [Fact]
    public void ImplicitApiBodyHasTheLambdaProxyIntegration()
    {
        var output = ApiPipeline.Run(ImplicitApi);

        var body = (MapNode)output["ServerlessRestApi"].Properties["Body"]!;
        var integration = body.Get("paths").Get("/complete").Get("post").Get("x-amazon-apigateway-integration");
        Assert.Equal("aws_proxy", integration.Get("type").AsString());
        Assert.Equal("POST", integration.Get("httpMethod").AsString());
        Assert.Equal(
            "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${RestApiFunction.Arn}/invocations",
            integration.Get("uri").Get("Fn::Sub").AsString());
        Assert.NotNull(body.Get("paths").Get("/{proxy+}").Get("x-amazon-apigateway-any-method"));
    }

    [Fact]
    public void ExplicitApiWithCorsMatchesTheReference()
    {
        var output = ApiPipeline.Run(ExplicitApi);

        Assert.Contains("MyApiDeployment39a7ad794a", output.Keys);
        Assert.Equal("RestApi deployment id: 39a7ad794a020412569128a55c8914d02bbc3c3d", output["MyApiDeployment39a7ad794a"].Properties["Description"].AsString());
        Assert.Equal("MyApiDeployment39a7ad794a", output["MyApidevStage"].Properties["DeploymentId"].Get("Ref").AsString());
        var permission = output["FnGetPermissiondev"];
        var arn = (ListNode)permission.Properties["SourceArn"].Get("Fn::Sub")!;
        Assert.Equal("arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items/*", arn[0].AsString());
        var options = output["MyApi"].Properties["Body"].Get("paths").Get("/items/{id}").Get("options");
        Assert.Equal("CORS support", options.Get("summary").AsString());
    }

    [Fact]
    public void AMethodDefinedTwiceForAPathIsRejected()
    {
        const string Yaml = """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: s3://b/k
                  Handler: index.handler
                  Runtime: python3.12
                  Events:
                    A:
                      Type: Api
                      Properties: {Path: /x, Method: get}
                    B:
                      Type: Api
                      Properties: {Path: /x, Method: GET}
            """;

        var ex = Assert.Throws<EventException>(() => ApiPipeline.Run(Yaml));

        Assert.Equal("Event with id [B] is invalid. API method \"get\" defined multiple times for path \"/x\".", ex.FullMessage);
    }

    [Fact]
    public void AnApiWithoutStageNameIsRejected()
    {
        const string Yaml = """
            Resources:
              MyApi:
                Type: AWS::Serverless::Api
                Properties:
                  DefinitionUri: s3://bucket/swagger.yaml
            """;

        var ex = Assert.Throws<ResourceException>(() => ApiPipeline.Run(Yaml));

        Assert.Equal("Resource with id [MyApi] is invalid. Missing required property 'StageName'.", ex.FullMessage);
    }

    [Fact]
    public void OpenApi3SecurityDefinitionsMovedToComponentsHashLikeTheReference()
    {
        // The reference deletes 'securityDefinitions' from the input Py27Dict: its slot stays behind, so str(swagger)
        // lists 'openapi' before 'components' (expected id from sam_translate.py for this template).
        const string Yaml = """
            Resources:
              ExplicitApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: Prod
                  DefinitionBody:
                    info:
                      title: t
                    securityDefinitions:
                      Key:
                        type: apiKey
                        name: Authorization
                        in: header
                    paths: {}
                    components:
                    openapi: 3.0.0
            """;

        var output = ApiPipeline.Run(Yaml);

        Assert.Contains("ExplicitApiDeployment779bd39a25", output.Keys);
        Assert.Equal("ExplicitApiDeployment779bd39a25", output["ExplicitApiProdStage"].Properties["DeploymentId"].Get("Ref").AsString());
    }

    [Fact]
    public void AStringGatewayResponseStatusCodeHashesAsAPlainStr()
    {
        // The reference stores str(StatusCode): a plain str even for a quoted input string, so str(swagger) shows
        // '401', not u'401' (expected id from sam_translate.py for this template).
        const string Yaml = """
            Resources:
              ExplicitApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: Prod
                  GatewayResponses:
                    UNAUTHORIZED:
                      StatusCode: '401'
            """;

        var output = ApiPipeline.Run(Yaml);

        Assert.Contains("ExplicitApiDeployment42671892d7", output.Keys);
        Assert.Equal("401", output["ExplicitApi"].Properties["Body"].Get("x-amazon-apigateway-gateway-responses").Get("UNAUTHORIZED").Get("statusCode").AsString());
    }
}
