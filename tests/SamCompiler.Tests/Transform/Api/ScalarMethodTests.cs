using SamCompiler.Text;

namespace SamCompiler.Tests.Transform.Api;

/// <summary>
/// A method of an API definition given as a scalar where the event adds its integration: the reference fails with a
/// TypeError (an internal error); samc rejects the template with a diagnostic at the value (issue 12).
/// </summary>
public class ScalarMethodTests
{
    [Theory]
    [InlineData("AWS::Serverless::HttpApi", "openapi: \"3.0.1\"", "$default", "x-amazon-apigateway-any-method", "HttpApi", "ApiId", "")]
    [InlineData("AWS::Serverless::HttpApi", "openapi: \"3.0.1\"", "/items", "get", "HttpApi", "ApiId", "\n            Path: /items\n            Method: get")]
    public void ScalarMethod_IsADiagnostic_NotAnInternalError(string apiType, string version, string path, string method, string eventType, string apiProperty, string route)
    {
        var yaml = $$"""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              MyApi:
                Type: {{apiType}}
                Properties:
                  StageName: prod
                  DefinitionBody:
                    {{version}}
                    info: {title: t, version: "1"}
                    paths:
                      "{{path}}":
                        {{method}}: oops
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.h
                  CodeUri: s3://b/k
                  Events:
                    All:
                      Type: {{eventType}}
                      Properties:
                        {{apiProperty}}: !Ref MyApi{{route}}
            """;

        var compilation = TemplateCompiler.Compile(new SourceText("t.yaml", yaml), new CompileOptions());

        Assert.DoesNotContain(compilation.Diagnostics, d => d.Id == "SAM0001");
        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Contains($"Value of '{method}' for path '{path}' must be a dictionary", error.Message, StringComparison.Ordinal);
        Assert.Equal(12, error.Span.Start.Line);
    }
}
