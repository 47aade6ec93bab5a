using SamCompiler.Diagnostics;
using SamCompiler.Local.Api;
using SamCompiler.Local.Model;
using SamCompiler.Local.Pool;
using SamCompiler.Text;

namespace SamCompiler.Local.Tests.Serve;

/// <summary>Routes read from the template's model: Globals merged by the translator's rules, values evaluated.</summary>
public sealed class ApiRouteTests : IDisposable
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Prefix: { Type: String, Default: items }
        Globals:
          Function: { Runtime: python3.12, Handler: app.handler, CodeUri: code }
          Api:
            Cors: "'https://global.example'"
            BinaryMediaTypes: [image~1png]
          HttpApi:
            StageVariables: { fromGlobals: g, shared: global }
        Resources:
          Explicit:
            Type: AWS::Serverless::Api
            Properties:
              StageName: dev
              BinaryMediaTypes: [application~1pdf]
          Http:
            Type: AWS::Serverless::HttpApi
            Properties:
              StageName: v2
              StageVariables: { shared: local }
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Implicit: { Type: Api, Properties: { Path: !Sub "/${Prefix}/{id}", Method: get } }
                Staged: { Type: Api, Properties: { RestApiId: !Ref Explicit, Path: /staged, Method: post } }
                ByName: { Type: Api, Properties: { RestApiId: Explicit, Path: /by-name, Method: put } }
                Item: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /v2/items, Method: GET } }
                Catch: { Type: HttpApi }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("samc-routes-").FullName;

    public ApiRouteTests() => Directory.CreateDirectory(Path.Combine(_folder, "code"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RoutesTakeTheApisPropertiesWithGlobalsMerged()
    {
        var routes = Read(new Dictionary<string, string> { ["Prefix"] = "things" }).ToDictionary(r => r.Method + " " + r.Path, StringComparer.Ordinal);

        var implicitRoute = routes["GET /things/{id}"];
        Assert.Equal("Prod", implicitRoute.Stage);
        Assert.Equal("https://global.example", implicitRoute.Cors!.AllowOrigin);
        Assert.Equal(["image/png"], implicitRoute.BinaryMediaTypes);

        var staged = routes["POST /staged"];
        Assert.Equal("dev", staged.Stage);
        Assert.Equal(["image/png", "application/pdf"], staged.BinaryMediaTypes);
        Assert.Equal("https://global.example", staged.Cors!.AllowOrigin);
        Assert.Equal("dev", routes["PUT /by-name"].Stage);

        var item = routes["GET /v2/items"];
        Assert.True(item.IsHttpApi);
        Assert.Equal("v2", item.Stage);
        Assert.Equal(new Dictionary<string, string> { ["fromGlobals"] = "g", ["shared"] = "local" }, item.StageVariables);

        var catchAll = routes["ANY $default"];
        Assert.Equal("$default", catchAll.Stage);
        Assert.Equal(new Dictionary<string, string> { ["fromGlobals"] = "g", ["shared"] = "global" }, catchAll.StageVariables);
    }

    private IReadOnlyList<ApiRoute> Read(Dictionary<string, string> overrides)
    {
        var template = LocalTemplate.Load(new SourceText(Path.Combine(_folder, "template.yaml"), Template), _folder, new LocalTemplateOptions { ParameterOverrides = overrides }, out var loadDiagnostics)!;
        Assert.Empty(loadDiagnostics);
        var diagnostics = new List<Diagnostic>();
        var functions = ServeTemplate.Load(template, null, diagnostics);
        Assert.Empty(diagnostics);
        return ApiRoute.Read(template.Model, functions);
    }
}
