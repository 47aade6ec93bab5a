using SamCompiler.Syntax;

namespace SamCompiler.Tests.Transform.Api;

/// <summary>HTTP API and SimpleTable expectations taken from aws-sam-translator 1.110.0's output.</summary>
public class HttpApiAndTableTests
{
    [Fact]
    public void ImplicitHttpApiGetsTheDefaultStageAndPathParameters()
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
                    Get:
                      Type: HttpApi
                      Properties:
                        Path: /items/{id}
                        Method: get
            """;

        var output = ApiPipeline.Run(Yaml);

        var stage = output["ServerlessHttpApiApiGatewayDefaultStage"];
        Assert.Equal("$default", stage.Properties["StageName"].AsString());
        Assert.Equal("SAM", stage.Properties["Tags"].Get("httpapi:createdBy").AsString());
        var method = output["ServerlessHttpApi"].Properties["Body"].Get("paths").Get("/items/{id}").Get("get");
        Assert.Equal("2.0", method.Get("x-amazon-apigateway-integration").Get("payloadFormatVersion").AsString());
        var parameter = (MapNode)((ListNode)method.Get("parameters")!)[0];
        Assert.Equal("id", parameter["name"].AsString());
        Assert.Equal("path", parameter["in"].AsString());
        var arn = (ListNode)output["FnGetPermission"].Properties["SourceArn"].Get("Fn::Sub")!;
        Assert.Equal("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items/*", arn[0].AsString());
    }

    [Fact]
    public void SimpleTableBecomesAPayPerRequestTable()
    {
        const string Yaml = """
            Resources:
              T:
                Type: AWS::Serverless::SimpleTable
                Properties:
                  PrimaryKey: {Name: pk, Type: Number}
                  Tags: {team: a}
            """;

        var table = ApiPipeline.Run(Yaml)["T"];

        Assert.Equal("AWS::DynamoDB::Table", table.Type);
        Assert.Equal("N", table.Properties["AttributeDefinitions"].AsList()![0].Get("AttributeType").AsString());
        Assert.Equal("HASH", table.Properties["KeySchema"].AsList()![0].Get("KeyType").AsString());
        Assert.Equal("PAY_PER_REQUEST", table.Properties["BillingMode"].AsString());
        Assert.Equal("team", table.Properties["Tags"].AsList()![0].Get("Key").AsString());
    }
}
