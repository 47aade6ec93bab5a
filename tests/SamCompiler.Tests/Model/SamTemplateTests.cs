using SamCompiler.Model;
using SamCompiler.Syntax;
using static SamCompiler.Tests.Model.ModelHarness;

namespace SamCompiler.Tests.Model;

public sealed class SamTemplateTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Mem: { Type: Number, Default: 512 }
          Alias: { Type: String, Default: live }
        Globals:
          Function:
            Runtime: python3.12
            Timeout: 9
            MemorySize: 1024
            Layers: [!Ref Shared]
            Environment:
              Variables: { FROM_GLOBALS: g, SHARED: global }
          Api:
            Variables: { Mode: test }
            MinimumCompressionSize: 100
        Resources:
          Shared:
            Type: AWS::Serverless::LayerVersion
            Properties: { ContentUri: layers/shared }
            Metadata: { BuildMethod: python3.12 }
          Fn:
            Type: AWS::Serverless::Function
            Metadata:
              BuildMethod: makefile
              BuildProperties: { Flag: x }
            Properties:
              CodeUri: src/fn
              Handler: app.handler
              MemorySize: !Ref Mem
              AutoPublishAlias: !Ref Alias
              Architectures: [arm64]
              Layers: [arn:aws:lambda:us-east-1:123456789012:layer:remote:1]
              Environment:
                Variables: { SHARED: local, QUEUE: !Ref Queue }
              EventInvokeConfig:
                MaximumRetryAttempts: 1
                DestinationConfig:
                  OnFailure: { Type: SQS, Destination: !GetAtt Queue.Arn }
              Events:
                Get: { Type: Api, Properties: { Path: /items, Method: get } }
                Http: { Type: HttpApi, Properties: { ApiId: !Ref Http, Path: /x, Method: post } }
                Jobs: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn, BatchSize: 10 } }
                Stream: { Type: Kinesis, Properties: { Stream: arn:aws:kinesis:us-east-1:1:stream/s, StartingPosition: LATEST, ParallelizationFactor: 2 } }
                Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
                Bucket: { Type: S3, Properties: { Bucket: !Ref Bucket, Events: s3:ObjectCreated:* } }
                Odd: { Type: AlexaSkill }
                NotAMap: 3
          Ignoring:
            Type: AWS::Serverless::Function
            IgnoreGlobals: [MemorySize, Layers]
            Properties: { InlineCode: "def h(e, c): pass", Handler: index.h }
          IgnoringAll:
            Type: AWS::Serverless::Function
            IgnoreGlobals: "*"
            Properties: { PackageType: Image, ImageUri: 123.dkr.ecr.us-east-1.amazonaws.com/repo:tag }
          Plain:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: nodejs22.x
              Handler: index.handler
              Code: { S3Bucket: my-bucket, S3Key: code.zip }
              Role: arn:aws:iam::123456789012:role/r
          Version:
            Type: AWS::Lambda::Version
            Properties: { FunctionName: !Ref Plain }
          Live:
            Type: AWS::Lambda::Alias
            Properties: { FunctionName: !Ref Plain, FunctionVersion: !GetAtt Version.Version, Name: live }
          Http:
            Type: AWS::Serverless::HttpApi
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: statemachine/flow.asl.json
              DefinitionSubstitutions: { Fn: !GetAtt Fn.Arn }
              Events:
                Every: { Type: Schedule, Properties: { Schedule: rate(1 hour) } }
          App:
            Type: AWS::Serverless::Application
            Properties:
              Location: { ApplicationId: arn:aws:serverlessrepo:us-east-1:1:applications/x, SemanticVersion: 1.0.0 }
          Nested:
            Type: AWS::Serverless::Application
            Properties: { Location: nested/template.yaml }
          Queue:
            Type: AWS::SQS::Queue
          Bucket:
            Type: AWS::S3::Bucket
          NotAMapping: 7
        """;

    [Fact]
    public void Resources_AreTypedViews_InTemplateOrder()
    {
        var t = Build(Template);

        Assert.Equal(["Shared", "Fn", "Ignoring", "IgnoringAll", "Plain", "Version", "Live", "Http", "Machine", "App", "Nested", "Queue", "Bucket"], t.Resources.Select(r => r.LogicalId));
        Assert.Equal(["Fn", "Ignoring", "IgnoringAll", "Plain"], t.Functions.Select(f => f.LogicalId));
        Assert.Equal(["Fn", "Ignoring", "IgnoringAll"], t.ServerlessFunctions.Select(f => f.LogicalId));
        Assert.IsType<LambdaFunction>(t.Find("Plain"));
        Assert.IsType<LayerResource>(t.Find("Shared"));
        Assert.IsType<ApiResource>(t.Find("Http"));
        Assert.IsType<StateMachineResource>(t.Find("Machine"));
        Assert.Equal(["App", "Nested"], t.Applications.Select(a => a.LogicalId));
        Assert.Same(t.Find("Plain"), Assert.Single(t.Versions).Function);
        var alias = Assert.Single(t.Aliases);
        Assert.Same(t.Find("Plain"), alias.Function);
        Assert.Same(t.Find("Version"), alias.Version);
        Assert.Equal("live", alias.Name.AsString());
        Assert.Empty(t.Errors);
    }

    [Fact]
    public void AServerlessFunction_HasItsPropertiesWithGlobalsMergedAndEvaluated()
    {
        var fn = (ServerlessFunction)Build(Template, Overrides(("Mem", "2048"), ("Alias", "prod"))).Find("Fn")!;

        Assert.Equal("python3.12", fn.Runtime.AsString());
        Assert.Equal("app.handler", fn.Handler.AsString());
        Assert.Equal(2048, fn.MemorySize.AsNumber());
        Assert.Equal("Mem", fn.MemorySize.Parameter);
        Assert.Equal(9, fn.TimeoutSeconds);
        Assert.Equal("prod", fn.AutoPublishAlias.AsString());
        Assert.Equal("arm64", fn.Architecture);
        Assert.Equal(ArtifactKind.LocalPath, fn.Code.Kind);
        Assert.Equal("src/fn", fn.Code.Text);
        Assert.Equal(["FROM_GLOBALS=g", "SHARED=local", "QUEUE="], fn.EnvironmentVariables.Select(v => $"{v.Name}={v.Value.AsString()}"));
        Assert.Equal(PendingKind.ResourceRef, fn.EnvironmentVariables[2].Value.Pending!.Kind);
        Assert.Equal(["Shared", null], fn.Layers.Select(l => l.Layer?.LogicalId));
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:layer:remote:1", fn.Layers[1].Value.AsString());
        Assert.Equal(1, fn.MaximumRetryAttempts.AsNumber());
        Assert.Equal("SQS", fn.OnFailure!["Type"].AsString());
        Assert.Equal("makefile", fn.BuildMethod.AsString());
        Assert.Equal("x", fn.BuildProperties!["Flag"].AsString());
        Assert.True(fn.IsCreated);
    }

    [Fact]
    public void IgnoreGlobals_DropsTheNamedGlobalProperties_OrAllOfThem()
    {
        var t = Build(Template);
        var ignoring = (ServerlessFunction)t.Find("Ignoring")!;
        var all = (ServerlessFunction)t.Find("IgnoringAll")!;

        Assert.Equal(ValueKind.Absent, ignoring.MemorySize.Kind);
        Assert.Empty(ignoring.Layers);
        Assert.Equal("python3.12", ignoring.Runtime.AsString());
        Assert.Equal(9, ignoring.TimeoutSeconds);
        Assert.Equal(ArtifactKind.Inline, ignoring.Code.Kind);

        Assert.Equal(ValueKind.Absent, all.Runtime.Kind);
        Assert.Equal(FunctionResource.DefaultTimeout, all.TimeoutSeconds);
        Assert.True(all.IsImage);
        Assert.Equal(ArtifactKind.Image, all.Code.Kind);
        Assert.Equal("123.dkr.ecr.us-east-1.amazonaws.com/repo:tag", all.Code.Text);
    }

    [Fact]
    public void AValueFromGlobals_KeepsTheSpanOfTheGlobalsText()
    {
        var t = Build(Template);
        var fn = (ServerlessFunction)t.Find("Fn")!;
        var globalTimeout = t.Root["Globals"].Get("Function").Get("Timeout")!;

        Assert.Same(globalTimeout, fn.Timeout.Source);
        Assert.Equal(8, fn.Timeout.Span.Start.Line);
        Assert.Same(t.Root["Resources"].Get("Fn").Get("Properties").Get("MemorySize"), fn.MemorySize.Source);
        Assert.Equal(29, fn.MemorySize.Span.Start.Line);
    }

    [Fact]
    public void Events_AreTypedByTheirType()
    {
        var t = Build(Template);
        var fn = (ServerlessFunction)t.Find("Fn")!;

        Assert.Equal(["Get", "Http", "Jobs", "Stream", "Nightly", "Bucket", "Odd"], fn.Events.Select(e => e.Id));
        var api = Assert.IsType<ApiEvent>(fn.Events[0]);
        Assert.Equal("/items", api.Path.AsString());
        Assert.Equal("get", api.Method.AsString());
        Assert.Same(t.ImplicitApi(http: false), api.Api);
        var http = Assert.IsType<HttpApiEvent>(fn.Events[1]);
        Assert.Same(t.Find("Http"), http.Api);
        var sqs = Assert.IsType<SqsEvent>(fn.Events[2]);
        Assert.Same(t.Find("Queue"), sqs.QueueResource);
        Assert.Equal(10, sqs.BatchSize.AsNumber());
        Assert.False(sqs.IsFifo);
        Assert.Equal(InvocationKind.Polled, sqs.Invocation);
        var stream = Assert.IsType<StreamEvent>(fn.Events[3]);
        Assert.Equal(2, stream.ParallelizationFactor.AsNumber());
        var schedule = Assert.IsType<ScheduleEvent>(fn.Events[4]);
        Assert.Equal("rate(1 day)", schedule.Expression.AsString());
        Assert.Equal(InvocationKind.Asynchronous, schedule.Invocation);
        Assert.IsType<S3Event>(fn.Events[5]);
        Assert.Equal("AlexaSkill", fn.Events[6].Type);
        Assert.Equal(typeof(FunctionEvent), fn.Events[6].GetType());
    }

    [Fact]
    public void TheImplicitApi_TakesTheGlobalsOfItsType_AndListsItsRoutes()
    {
        var t = Build(Template);

        var api = t.ImplicitApi(http: false)!;
        Assert.True(api.IsImplicit);
        Assert.Equal("ServerlessRestApi", api.LogicalId);
        Assert.Equal("Prod", api.Stage);
        Assert.Equal("test", api.StageVariables!["Mode"].AsString());
        Assert.Equal(100, api.MinimumCompressionSize.AsNumber());
        Assert.Same(t.Root["Globals"].Get("Api").Get("MinimumCompressionSize"), api.MinimumCompressionSize.Source);
        Assert.Equal(["Get"], api.Routes.Select(e => e.Id));
        Assert.Null(t.ImplicitApi(http: true));
        var http = (ApiResource)t.Find("Http")!;
        Assert.Equal("$default", http.Stage);
        Assert.Equal(["Http"], http.Routes.Select(e => e.Id));
    }

    [Fact]
    public void StateMachinesLayersAndApplications_ExposeTheirArtifacts()
    {
        var t = Build(Template);

        var machine = Assert.Single(t.StateMachines);
        Assert.Equal(ArtifactKind.LocalPath, machine.DefinitionUri.Kind);
        Assert.Equal("statemachine/flow.asl.json", machine.DefinitionUri.Text);
        Assert.NotNull(machine.DefinitionSubstitutions!["Fn"]);
        Assert.Equal("Every", Assert.IsType<ScheduleEvent>(Assert.Single(machine.Events)).Id);
        var layer = Assert.Single(t.Layers);
        Assert.Equal("layers/shared", layer.Content.Text);
        Assert.Equal("python3.12", layer.BuildMethod.AsString());
        Assert.Equal(ArtifactKind.Repository, t.Applications[0].Location.Kind);
        Assert.Equal("1.0.0", t.Applications[0].Location.Version);
        Assert.Equal(ArtifactKind.LocalPath, t.Applications[1].Location.Kind);
        var plain = (LambdaFunction)t.Find("Plain")!;
        Assert.Equal(ArtifactKind.S3Object, plain.Code.Kind);
        Assert.Equal(("my-bucket", "code.zip"), (plain.Code.Bucket, plain.Code.Key));
    }

    [Fact]
    public void AnInvalidGlobalsSection_IsAnErrorWordedAsTheTranslatorWordsIt_AndTheValidPartIsStillMerged()
    {
        var t = Build("""
            Globals:
              Function:
                Timeout: 5
                Events: {}
              Tables: {}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Nope]
            """);

        Assert.Equal(2, t.Errors.Count);
        Assert.Equal("Structure of the SAM template is invalid. 'Globals' section is invalid. 'Events' is not a supported property of 'Function'. Must be one of the following values - ['Handler', 'Runtime', 'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', 'VpcConfig', 'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'Layers', 'DeploymentPreference', 'RolePath', 'PermissionsBoundary', 'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', 'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs', 'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', 'FunctionUrlConfig', 'RuntimeManagementConfig', 'LoggingConfig', 'RecursiveLoop', 'SourceKMSKeyArn', 'TenancyConfig', 'DurableConfig', 'CapacityProviderConfig', 'FunctionScalingConfig', 'PublishToLatestPublished', 'VersionDeletionPolicy']", t.Errors[0].FullMessage);
        Assert.Equal("Resource with id [Fn] is invalid. Resource Fn has invalid resource attribute 'IgnoreGlobals' on item 'Nope'.", t.Errors[1].FullMessage);
        Assert.Equal(["SAM2002", "SAM2001"], t.Diagnostics.Select(d => d.Id));
        var fn = (ServerlessFunction)t.Find("Fn")!;
        Assert.Equal(5, fn.TimeoutSeconds);
        Assert.Null(fn["Events"]);
    }

    [Fact]
    public void TheWrittenTree_IsNeverModified()
    {
        var source = new SamCompiler.Text.SourceText("template.yaml", Template);
        var root = YamlDocumentLoader.Load(source).Root!;
        var before = (MapNode)root.Clone();

        var t = SamTemplate.Build(source, root, new ModelOptions());
        _ = t.Functions.SelectMany(f => f is ServerlessFunction s ? s.Events : []).ToList();
        _ = t.ImplicitApi(false);
        _ = t.Functions.Select(f => (f.Code, f.EnvironmentVariables, f.Layers)).ToList();

        Assert.True(Node.DeepEquals(before, root));
        Assert.Null(root["Resources"].Get("Fn").Get("Properties").Get("Runtime"));
    }
}
