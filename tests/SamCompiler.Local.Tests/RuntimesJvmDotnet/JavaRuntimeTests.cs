using System.Text.Json;
using System.Text.RegularExpressions;
using SamCompiler.Local.Model;
using SamCompiler.Local.Runtimes;
using SamCompiler.Local.Tests.Serve;

namespace SamCompiler.Local.Tests.RuntimesJvmDotnet;

/// <summary>The test functions of tests/LocalRuntimeFixtures/java, compiled once with javac against samc's client.</summary>
public sealed class JavaFunctionsFixture : IDisposable
{
    public JavaFunctionsFixture()
    {
        Folder = Directory.CreateTempSubdirectory("samc-java-runtime-").FullName;
        if (JdkTheoryAttribute.Missing() is not null)
        {
            return;
        }

        var java = RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), "java")!;
        var (home, version) = JavaRuntime.Locate(java);
        var classes = JavaRuntime.CompileBootstrap(Path.Combine(home, "bin", "javac"), version ?? "unknown", Path.GetTempPath());
        var sources = Directory.GetFiles(Path.Combine(Fixtures.Root, "java", "example"), "*.java");
        Fixtures.Run(Path.Combine(home, "bin", "javac"), new[] { "-nowarn", "-cp", classes, "-d", Path.Combine(Folder, "classes") }.Concat(sources));

        // Lambda's layout of a built function: classes at the root, and the same classes as lib/*.jar.
        Directory.CreateDirectory(Path.Combine(Folder, "jarred", "lib"));
        Fixtures.Run(Path.Combine(home, "bin", "jar"), ["cf", Path.Combine(Folder, "jarred", "lib", "handlers.jar"), "-C", Path.Combine(Folder, "classes"), "."], null);
        Fixtures.Write(Folder, "template.yaml", """
            Globals:
              Function:
                CodeUri: classes
                Runtime: java17
            Resources:
              JStream: { Type: AWS::Serverless::Function, Properties: { Handler: example.StreamEcho } }
              JJar: { Type: AWS::Serverless::Function, Properties: { Handler: example.StreamEcho, CodeUri: jarred } }
              JPackage: { Type: AWS::Serverless::Function, Properties: { Handler: example.StreamEcho, CodeUri: jarred/lib/handlers.jar } }
              JContext:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.ContextInfo::describe
                  Runtime: java11
                  MemorySize: 512
                  Environment: { Variables: { JAVA_TOOL_OPTIONS: -Dsamc.test=passed } }
              JOrders: { Type: AWS::Serverless::Function, Properties: { Handler: example.Orders, Runtime: java8.al2 } }
              JUpper: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Simple::upper" } }
              JAdd: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Simple::add" } }
              JVoid: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Simple::nothing" } }
              JFail: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Simple::fail" } }
              JHog: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Simple::hog", MemorySize: 128, Timeout: 20 } }
              JSlow: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Simple::slow", Timeout: 1 } }
              JMissingClass: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Nope::handleRequest" } }
              JMissingMethod: { Type: AWS::Serverless::Function, Properties: { Handler: "example.Simple::nope" } }
              JBrokenInit: { Type: AWS::Serverless::Function, Properties: { Handler: example.BrokenInit } }
              JFuture: { Type: AWS::Serverless::Function, Properties: { Handler: example.StreamEcho, Runtime: java99 } }
            """);
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>
/// java* functions through <c>samc local invoke</c>: each handler shape of Lambda's Java runtime, the context, the
/// error and init error shapes, timeouts, the JVM options and the warm pool.
/// </summary>
public sealed class JavaRuntimeTests(JavaFunctionsFixture fixture) : IClassFixture<JavaFunctionsFixture>
{
    [JdkTheory]
    [InlineData("JStream")]
    [InlineData("JJar")]
    [InlineData("JPackage")] // a deployment package: the jar itself is the CodeUri, unpacked like /var/task
    public async Task StreamHandlerEchoesTheEventBytes(string function)
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, function, "{\"a\": [1, 2.5, \"x\"]}");

        var result = Fixtures.Ok(invoked);
        Assert.Equal(2.5, result.GetProperty("a")[1].GetDouble());
        Assert.Contains($"stream handler in {function}", invoked.Run.Stderr, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"REPORT RequestId: [0-9a-f-]{36}\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [0-9.]+ ms"), invoked.Run.Stderr);
    }

    [JdkFact]
    public async Task ContextHasLambdaFieldsAndJvmOptionsApply()
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, "JContext", "{\"n\": 1, \"big\": 12345678901, \"f\": 1.5, \"list\": [1]}"));

        Assert.Matches(new Regex("^[0-9a-f-]{36}$"), result.GetProperty("requestId").GetString()!);
        Assert.Equal("JContext", result.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", result.GetProperty("version").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:JContext", result.GetProperty("arn").GetString());
        Assert.Equal(512, result.GetProperty("memory").GetInt32());
        Assert.Equal("/aws/lambda/JContext", result.GetProperty("logGroup").GetString());
        Assert.True(result.GetProperty("remainingPositive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("identity").ValueKind);
        Assert.Equal("java.util.LinkedHashMap", result.GetProperty("eventType").GetString());
        Assert.Equal("Integer,Long,Double", result.GetProperty("numberTypes").GetString());
        Assert.Equal("java.util.ArrayList", result.GetProperty("listType").GetString());
        Assert.Equal("passed", result.GetProperty("toolOption").GetString());

        // -XX:MaxHeapSize is 85% of MemorySize (435 MB of 512); the JVM reports a little less than the configured maximum.
        Assert.InRange(result.GetProperty("maxHeapMb").GetInt64(), 380, 436);
    }

    [JdkFact]
    public async Task RequestHandlerMapsPojosBothWays()
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, "JOrders", "{\"id\": \"o-1\", \"quantity\": 3, \"lines\": [{\"sku\": \"a\", \"price\": 20}, {\"SKU\": \"b\", \"price\": 19.5}]}"));

        Assert.Equal("o-1", result.GetProperty("orderId").GetString());
        Assert.Equal(118.5, result.GetProperty("total").GetDouble());
        Assert.True(result.GetProperty("large").GetBoolean());
    }

    [JdkTheory]
    [InlineData("JUpper", "\"abc\"", "\"ABC\"")]
    [InlineData("JAdd", "[1, 2, 39]", "42")]
    [InlineData("JVoid", "{}", "null")]
    public async Task MethodHandlersOfOtherShapes(string function, string eventJson, string expected)
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, function, eventJson));

        Assert.Equal(expected, result.GetRawText());
    }

    [JdkFact]
    public async Task ExceptionIsLambdaJavaErrorShape()
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, "JFail", "\"x\""));

        Assert.Equal("bad input: x", result.GetProperty("errorMessage").GetString());
        Assert.Equal("java.lang.IllegalStateException", result.GetProperty("errorType").GetString());
        Assert.StartsWith("example.Simple.fail(Simple.java:", result.GetProperty("stackTrace")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("java.lang.IllegalArgumentException", result.GetProperty("cause").GetProperty("errorType").GetString());
        Assert.Equal("root cause", result.GetProperty("cause").GetProperty("errorMessage").GetString());
    }

    [JdkTheory]
    [InlineData("JMissingClass", "java.lang.ClassNotFoundException", "Class not found: example.Nope")]
    [InlineData("JMissingMethod", "java.lang.NoSuchMethodException", "No public method named nope with appropriate method signature found on class example.Simple")]
    [InlineData("JBrokenInit", "java.lang.IllegalStateException", "static init failed")]
    public async Task LoadFailuresAreInitErrors(string function, string errorType, string message)
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, function);

        var result = Fixtures.Ok(invoked);
        Assert.Equal(errorType, result.GetProperty("errorType").GetString());
        Assert.Equal(message, result.GetProperty("errorMessage").GetString());
        Assert.DoesNotContain("START RequestId", invoked.Run.Stderr, StringComparison.Ordinal);
    }

    [JdkFact]
    public async Task TimeoutStopsTheJvm()
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, "JSlow"));

        Assert.Equal("Sandbox.Timedout", result.GetProperty("errorType").GetString());
        Assert.EndsWith("Task timed out after 1.00 seconds", result.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [JdkFact]
    public async Task HeapBeyondMemorySizeIsOutOfMemory()
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, "JHog");

        // 64 x 16 MiB cannot fit in 128 MB: the JVM's heap cap (85% of MemorySize) throws OutOfMemoryError, as in
        // Lambda; should the cgroup kill the JVM first, the result is Runtime.OutOfMemory.
        var result = Fixtures.Ok(invoked);
        Assert.Contains(result.GetProperty("errorType").GetString(), new[] { "java.lang.OutOfMemoryError", "Runtime.OutOfMemory" });
        Assert.Matches(new Regex(@"REPORT RequestId: \S+\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t"), invoked.Run.Stderr);
    }

    [JdkFact]
    public async Task NewerJavaThanInstalledIsRefused()
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, "JFuture");

        Assert.Equal(1, invoked.Run.ExitCode);
        Assert.Contains("needs java99, but the installed Java", invoked.Run.Stderr, StringComparison.Ordinal);
    }

    [JdkFact]
    public async Task WarmPoolReusesTheJvm()
    {
        await using var samc = await LambdaHarness.StartAsync(fixture.Folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var url = samc.Endpoint + "/2015-03-31/functions/JUpper/invocations";
        using var first = await http.PostAsync(url, new StringContent("\"warm\""));
        using var second = await http.PostAsync(url, new StringContent("\"again\""));

        Assert.Equal("\"WARM\"", await first.Content.ReadAsStringAsync());
        Assert.Equal("\"AGAIN\"", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, samc.Server.Pool.EnvironmentCount("JUpper"));
    }

    [Theory]
    [InlineData("java8.al2", 8)]
    [InlineData("java11", 11)]
    [InlineData("java17", 17)]
    [InlineData("java21", 21)]
    [InlineData("java25", 25)]
    public void RequestedMajorReadsTheRuntime(string runtime, int major) => Assert.Equal(major, JavaRuntime.RequestedMajor(runtime));

    [Theory]
    [InlineData("1.8.0_402", 8)]
    [InlineData("17.0.15", 17)]
    [InlineData("21", 21)]
    public void MajorOfReadsJavaVersion(string version, int major) => Assert.Equal(major, JavaRuntime.MajorOf(version));

    [Fact]
    public void JvmOptionsFollowLambdasSplitOfMemory()
    {
        // Lambda's java runtimes at 512 MB: -XX:MaxHeapSize=445644k -XX:MaxMetaspaceSize=52428k -XX:ReservedCodeCacheSize=26214k.
        var options = JavaRuntime.JvmOptions(512);

        Assert.Contains("-XX:MaxHeapSize=445644k", options);
        Assert.Contains("-XX:MaxMetaspaceSize=52428k", options);
        Assert.Contains("-XX:ReservedCodeCacheSize=26214k", options);
        Assert.Contains("-XX:TieredStopAtLevel=1", options);
        Assert.Contains("-XX:+UseSerialGC", options);
    }

    [Fact]
    public void ClassPathPutsTheFunctionBeforeLayersAndSamcsInterfaces()
    {
        var function = new LocalFunction
        {
            LogicalId = "F",
            Runtime = "java17",
            Handler = "a.B",
            CodeDirectory = "/code",
            Timeout = 3,
            MemorySize = 128,
            Environment = [],
            Layers = ["/layers/one", "/layers/two"],
        };

        Assert.Equal(
            string.Join(':', "/code", "/code/lib/*", "/opt/java/lib/*", "/layers/two/java/lib/*", "/layers/one/java/lib/*", "/cache/classes"),
            JavaRuntime.ClassPath(function, "/cache/classes"));
    }

    [JdkFact]
    public void CompiledClientIsCachedByContent()
    {
        var java = RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), "java")!;
        var (home, version) = JavaRuntime.Locate(java);
        var cache = Directory.CreateTempSubdirectory("samc-java-cache-").FullName;
        try
        {
            var first = JavaRuntime.CompileBootstrap(Path.Combine(home, "bin", "javac"), version ?? "x", cache);
            var stamp = Directory.GetLastWriteTimeUtc(first);
            var second = JavaRuntime.CompileBootstrap(Path.Combine(home, "bin", "javac"), version ?? "x", cache);

            Assert.Equal(first, second);
            Assert.Equal(stamp, Directory.GetLastWriteTimeUtc(second));
            Assert.True(File.Exists(Path.Combine(first, "samc", "bootstrap", "SamcJavaBootstrap.class")));
            Assert.True(File.Exists(Path.Combine(first, "com", "amazonaws", "services", "lambda", "runtime", "Context.class")));
            Assert.Single(Directory.GetDirectories(cache));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [JdkFact]
    public void InstalledJavaMajorIsReadFromTheJdkRelease()
    {
        var (_, version) = JavaRuntime.Locate(RuntimeCommand.FindOnPath(Environment.GetEnvironmentVariable("PATH"), "java")!);
        Assert.NotNull(version);
        Assert.InRange(JavaRuntime.MajorOf(version!)!.Value, 8, 99);
    }
}
