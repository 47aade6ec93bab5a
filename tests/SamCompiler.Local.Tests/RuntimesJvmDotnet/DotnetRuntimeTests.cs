using System.Text.Json;
using System.Text.RegularExpressions;
using SamCompiler.Local.Runtimes;
using SamCompiler.Local.Tests.Serve;

namespace SamCompiler.Local.Tests.RuntimesJvmDotnet;

/// <summary>
/// The test functions of tests/LocalRuntimeFixtures/dotnet, compiled once with the SDK's C# compiler: a stand-in
/// Amazon.Lambda.Core and the TestFunctions assembly, as <c>dotnet publish</c> would lay them out.
/// </summary>
public sealed class DotnetFunctionsFixture : IDisposable
{
    public DotnetFunctionsFixture()
    {
        Folder = Directory.CreateTempSubdirectory("samc-dotnet-runtime-").FullName;
        if (Tools() is not { } tools)
        {
            return;
        }

        var code = Path.Combine(Folder, "fn");
        Directory.CreateDirectory(code);
        var references = Directory.GetFiles(tools.References, "*.dll").Select(r => "-r:" + r).ToList();
        var sources = Path.Combine(Fixtures.Root, "dotnet");
        string[] common = ["exec", tools.Csc, "-nologo", "-target:library", "-nullable:enable", "-deterministic"];
        Fixtures.Run(tools.Dotnet, common.Concat(references).Concat(["-out:" + Path.Combine(code, "Amazon.Lambda.Core.dll"), Path.Combine(sources, "Amazon.Lambda.Core", "Core.cs")]));
        Fixtures.Run(tools.Dotnet, common.Concat(references).Concat(["-r:" + Path.Combine(code, "Amazon.Lambda.Core.dll"), "-out:" + Path.Combine(code, "TestFunctions.dll"), Path.Combine(sources, "TestFunctions", "Functions.cs")]));
        Fixtures.Write(Folder, "template.yaml", """
            Globals:
              Function:
                CodeUri: fn
                Runtime: dotnet8
            Resources:
              DEcho: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::EchoStream" } }
              DContext: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::ContextStream", MemorySize: 256, Runtime: dotnet10 } }
              DUpper: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Upper", Runtime: dotnet6 } }
              DStatic: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::StaticUpper" } }
              DPoco: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::PocoAsync" } }
              DTask: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::NoResultAsync" } }
              DVoid: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Nothing" } }
              DThrows: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Throws" } }
              DThrowsAsync: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::ThrowsAsync" } }
              DHog: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Hog", MemorySize: 128, Timeout: 20 } }
              DSlow: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Sleep", Timeout: 1 } }
              DMissingAssembly: { Type: AWS::Serverless::Function, Properties: { Handler: "Nope::TestFunctions.Functions::Upper" } }
              DMissingType: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Nope::Upper" } }
              DMissingMethod: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Nope" } }
              DOverloaded: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Overloaded" } }
              DThreeParameters: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::ThreeParameters" } }
              DBadHandler: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions.Functions::Upper" } }
              DBrokenConstructor: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.BrokenConstructor::Handle" } }
              DFuture: { Type: AWS::Serverless::Function, Properties: { Handler: "TestFunctions::TestFunctions.Functions::Upper", Runtime: dotnet99 } }
            """);
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>dotnet, the SDK's csc.dll and the reference assemblies of the running framework, or null.</summary>
    internal static (string Dotnet, string Csc, string References)? Tools()
    {
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtimeFolder, "..", "..", ".."));
        var dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        var sdk = Directory.Exists(Path.Combine(root, "sdk")) ? Directory.GetDirectories(Path.Combine(root, "sdk")).Order(StringComparer.Ordinal).LastOrDefault() : null;
        var csc = sdk is null ? null : Path.Combine(sdk, "Roslyn", "bincore", "csc.dll");
        var refPack = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref", Path.GetFileName(runtimeFolder), "ref", "net" + Environment.Version.ToString(2));
        if (!File.Exists(dotnet) || csc is null || !File.Exists(csc))
        {
            return null;
        }

        return (dotnet, csc, Directory.Exists(refPack) ? refPack : runtimeFolder);
    }
}

/// <summary>A fact skipped when the .NET SDK's compiler is not next to the running runtime.</summary>
public sealed class SdkFactAttribute : FactAttribute
{
    public SdkFactAttribute()
    {
        if (DotnetFunctionsFixture.Tools() is null)
        {
            Skip = "The .NET SDK (csc.dll) is not installed next to the running runtime.";
        }
    }
}

/// <summary>A theory skipped when the .NET SDK's compiler is not next to the running runtime.</summary>
public sealed class SdkTheoryAttribute : TheoryAttribute
{
    public SdkTheoryAttribute()
    {
        if (DotnetFunctionsFixture.Tools() is null)
        {
            Skip = "The .NET SDK (csc.dll) is not installed next to the running runtime.";
        }
    }
}

/// <summary>
/// dotnet* functions through <c>samc local invoke</c> and samc's .NET host: each handler shape of Lambda's .NET
/// runtime, the ILambdaContext implemented over the function's own Amazon.Lambda.Core, the serializer named by
/// LambdaSerializerAttribute, Lambda's error and init error shapes, timeouts and the warm pool.
/// </summary>
public sealed class DotnetRuntimeTests(DotnetFunctionsFixture fixture) : IClassFixture<DotnetFunctionsFixture>
{
    [SdkFact]
    public async Task StreamHandlerEchoesTheEventBytes()
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, "DEcho", "{\"a\":[1,2.5,\"x\"]}");

        Assert.Equal("{\"a\":[1,2.5,\"x\"]}", Fixtures.Ok(invoked).GetRawText());
        Assert.Matches(new Regex(@"REPORT RequestId: [0-9a-f-]{36}\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [0-9.]+ ms"), invoked.Run.Stderr);
    }

    [SdkFact]
    public async Task ContextImplementsTheFunctionsOwnInterface()
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, "DContext");
        var result = Fixtures.Ok(invoked);

        Assert.Matches(new Regex("^[0-9a-f-]{36}$"), result.GetProperty("requestId").GetString()!);
        Assert.Equal("DContext", result.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", result.GetProperty("version").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:DContext", result.GetProperty("arn").GetString());
        Assert.Equal(256, result.GetProperty("memory").GetInt32());
        Assert.True(result.GetProperty("remainingPositive").GetBoolean());
        Assert.Equal("/aws/lambda/DContext", result.GetProperty("logGroup").GetString());
        Assert.Equal(42, result.GetProperty("created").GetInt32());
        Assert.Contains("hello from DContext\n", invoked.Run.Stderr, StringComparison.Ordinal);
    }

    [SdkTheory]
    [InlineData("DUpper", "\"abc\"", "\"ABC\"")]
    [InlineData("DStatic", "\"abc\"", "\"ABC!\"")]
    public async Task StringsGoThroughTheSerializer(string function, string eventJson, string expected)
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, function, eventJson));

        Assert.Equal(expected, result.GetRawText());
    }

    [SdkFact]
    public async Task AsyncPocoHandler()
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, "DPoco", "{\"id\":\"o-1\",\"quantity\":3,\"tags\":[\"a\",\"b\"]}"));

        Assert.Equal("o-1", result.GetProperty("OrderId").GetString());
        Assert.Equal(6, result.GetProperty("Items").GetInt32());
        Assert.Matches(new Regex("^[0-9a-f-]{36}$"), result.GetProperty("RequestId").GetString()!);
    }

    [SdkTheory]
    [InlineData("DTask", "ran without a result")]
    [InlineData("DVoid", "void handler")]
    public async Task HandlersWithoutResultReturnAnEmptyPayload(string function, string logged)
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, function);

        Assert.Equal(0, invoked.Run.ExitCode);
        Assert.Equal(string.Empty, invoked.Run.Stdout.Trim());
        Assert.Contains(logged, invoked.Run.Stderr, StringComparison.Ordinal);
    }

    [SdkTheory]
    [InlineData("DThrows", "InvalidOperationException", "bad input: x", "at TestFunctions.Functions.Throws(String input)")]
    [InlineData("DThrowsAsync", "ArgumentException", "async failure", "at TestFunctions.Functions.ThrowsAsync(String input)")]
    public async Task ExceptionIsLambdaDotnetErrorShape(string function, string errorType, string message, string frame)
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, function, "\"x\""));

        Assert.Equal(errorType, result.GetProperty("errorType").GetString());
        Assert.Equal(message, result.GetProperty("errorMessage").GetString());
        var stack = result.GetProperty("stackTrace").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(stack, l => l.StartsWith(frame, StringComparison.Ordinal));
        Assert.DoesNotContain(stack, l => l.Contains("System.Reflection", StringComparison.Ordinal) || l.Contains("SamCompiler", StringComparison.Ordinal));
    }

    [SdkTheory]
    [InlineData("DMissingAssembly", "LambdaValidationException", "Could not find the specified handler assembly with the file name 'Nope, Culture=neutral, PublicKeyToken=null'. The assembly should be located in the root of your uploaded .zip file.")]
    [InlineData("DMissingType", "LambdaValidationException", "Unable to load type 'TestFunctions.Nope' from assembly 'TestFunctions'.")]
    [InlineData("DMissingMethod", "LambdaValidationException", "Unable to find method 'Nope' in type 'TestFunctions.Functions' from assembly 'TestFunctions': Found no methods matching method name 'Nope'.")]
    [InlineData("DThreeParameters", "LambdaValidationException", "Method 'ThreeParameters' of type 'TestFunctions.Functions' is not supported: the method has more than 2 parameters.")]
    [InlineData("DBadHandler", "LambdaValidationException", "Invalid lambda function handler: 'TestFunctions.Functions::Upper'. The valid format is 'ASSEMBLY::TYPE::METHOD'.")]
    [InlineData("DBrokenConstructor", "InvalidOperationException", "constructor failed")]
    public async Task LoadFailuresAreInitErrors(string function, string errorType, string message)
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, function, "\"x\"");

        var result = Fixtures.Ok(invoked);
        Assert.Equal(errorType, result.GetProperty("errorType").GetString());
        Assert.Equal(message, result.GetProperty("errorMessage").GetString());
        Assert.DoesNotContain("START RequestId", invoked.Run.Stderr, StringComparison.Ordinal);
    }

    [SdkFact]
    public async Task OverloadsAreRefusedAsLambdaDoes()
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, "DOverloaded", "\"x\""));

        Assert.Equal("LambdaValidationException", result.GetProperty("errorType").GetString());
        Assert.StartsWith("The method 'Overloaded' in type 'TestFunctions.Functions' appears to have a number of overloads.", result.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [SdkFact]
    public async Task TimeoutStopsTheHost()
    {
        var result = Fixtures.Ok(await Fixtures.InvokeAsync(fixture.Folder, "DSlow"));

        Assert.Equal("Sandbox.Timedout", result.GetProperty("errorType").GetString());
        Assert.EndsWith("Task timed out after 1.00 seconds", result.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [SdkFact]
    public async Task MemoryBeyondMemorySizeFails()
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, "DHog");

        // 64 x 16 MiB cannot fit in 128 MB. In the memory cgroup .NET's GC takes the cgroup's limit as its heap limit
        // and throws OutOfMemoryException; should the OOM killer act first, the result is Runtime.OutOfMemory. Without
        // a cgroup nothing caps .NET, and samc says so with SAM6009.
        if (invoked.Run.Stderr.Contains("SAM6009", StringComparison.Ordinal))
        {
            Assert.Contains("MemorySize 128 MB of function \"DHog\" is not enforced with a cgroup", invoked.Run.Stderr, StringComparison.Ordinal);
            return;
        }

        var result = Fixtures.Ok(invoked);
        Assert.Contains(result.GetProperty("errorType").GetString(), new[] { "OutOfMemoryException", "Runtime.OutOfMemory" });
        Assert.Matches(new Regex(@"REPORT RequestId: \S+\tDuration: [0-9.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t"), invoked.Run.Stderr);
    }

    [SdkFact]
    public async Task NewerDotnetThanInstalledIsRefused()
    {
        var invoked = await Fixtures.InvokeAsync(fixture.Folder, "DFuture");

        Assert.Equal(1, invoked.Run.ExitCode);
        Assert.Contains("needs dotnet99, but the newest .NET runtime installed", invoked.Run.Stderr, StringComparison.Ordinal);
    }

    [SdkFact]
    public async Task WarmPoolReusesTheHost()
    {
        await using var samc = await LambdaHarness.StartAsync(fixture.Folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var url = samc.Endpoint + "/2015-03-31/functions/DUpper/invocations";
        using var first = await http.PostAsync(url, new StringContent("\"warm\""));
        using var second = await http.PostAsync(url, new StringContent("\"again\""));

        Assert.Equal("\"WARM\"", await first.Content.ReadAsStringAsync());
        Assert.Equal("\"AGAIN\"", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, samc.Server.Pool.EnvironmentCount("DUpper"));
    }

    [Theory]
    [InlineData("dotnet6", 6)]
    [InlineData("dotnet8", 8)]
    [InlineData("dotnet10", 10)]
    [InlineData("dotnetcore3.1", 3)]
    public void RequestedMajorReadsTheRuntime(string runtime, int major) => Assert.Equal(major, DotnetRuntime.RequestedMajor(runtime));

    [Fact]
    public void HostShipsNextToSamc()
    {
        // The build copies the host next to every assembly that references SamCompiler.Local, this test's included.
        Assert.True(File.Exists(DotnetRuntime.HostPath()), DotnetRuntime.HostPath());
        Assert.True(File.Exists(Path.ChangeExtension(DotnetRuntime.HostPath(), ".runtimeconfig.json")));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(DotnetRuntime.HostPath(), ".runtimeconfig.json")));
        Assert.Equal("LatestMajor", config.RootElement.GetProperty("runtimeOptions").GetProperty("rollForward").GetString());
    }
}
