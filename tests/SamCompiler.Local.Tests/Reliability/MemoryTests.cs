using System.Text;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Pool;

namespace SamCompiler.Local.Tests.Reliability;

/// <summary>
/// A warm environment serves invocations all day: nothing of an invocation it finished stays in memory (event,
/// result, log), and the log is kept only as the last 4 KB, and only when LogType Tail asks for it.
/// </summary>
[Collection("Serial processes")]
public sealed class MemoryTests
{
    [ProcessFact]
    public async Task WarmEnvironment_KeepsNothingOfFinishedInvocations()
    {
        using var temp = new TestFolder("samc-mem-");
        var functions = ServeSetup.Functions(temp.Path);
        var echo = functions.Single(f => f.LogicalId == "EchoFunction");
        await using var pool = new EnvironmentPool(functions, ServeSetup.Options(), TimeProvider.System, ServeSetup.Log(new StringWriter()));
        var payload = Encoding.UTF8.GetBytes("{\"data\":\"" + new string('x', 1024 * 1024) + "\"}");
        for (var i = 0; i < 5; i++)
        {
            await pool.InvokeAsync(new PoolRequest { Function = echo, Payload = payload }, CancellationToken.None);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        const int Invocations = 150;
        for (var i = 0; i < Invocations; i++)
        {
            var result = await pool.InvokeAsync(new PoolRequest { Function = echo, Payload = payload }, CancellationToken.None);
            Assert.False(result.Result!.Result.IsError);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);

        // 150 invocations moved 300 MB through the server (event and result); what stays must not grow with them.
        Assert.True(after - before < 32L * 1024 * 1024, $"managed memory grew by {(after - before) / (1024 * 1024)} MB over {Invocations} invocations of 1 MB.");
        Assert.Equal(1, pool.EnvironmentCount("EchoFunction"));
    }

    [ProcessFact]
    public async Task Log_IsKeptOnlyForTail_AndOnlyItsLastFourKilobytes()
    {
        using var temp = new TestFolder("samc-mem-");
        var functions = ServeSetup.Functions(temp.Path);
        var chatty = functions.Single(f => f.LogicalId == "ChattyFunction");
        var terminal = new StringWriter();
        await using var pool = new EnvironmentPool(functions, ServeSetup.Options(), TimeProvider.System, ServeSetup.Log(terminal));

        var quiet = await pool.InvokeAsync(new PoolRequest { Function = chatty, Payload = "{\"kilobytes\": 1024}"u8.ToArray() }, CancellationToken.None);
        var tail = await pool.InvokeAsync(new PoolRequest { Function = chatty, Payload = "{\"kilobytes\": 1024}"u8.ToArray(), WantLog = true }, CancellationToken.None);

        Assert.Equal(string.Empty, quiet.Result!.Log);
        Assert.InRange(tail.Result!.Log.Length, 1, 4096);
        Assert.Contains("REPORT RequestId: " + tail.RequestId, tail.Result.Log, StringComparison.Ordinal);
        Assert.Contains("chatty done", tail.Result.Log, StringComparison.Ordinal);
        Assert.True(terminal.ToString().Length > 2 * 1024 * 1024, "the function's output is streamed to the log either way");
    }

    [Theory]
    [InlineData(new[] { "abc" }, "abc")]
    [InlineData(new[] { "abcd", "ef" }, "cdef")]
    [InlineData(new[] { "a", "bcdefgh" }, "efgh")]
    [InlineData(new[] { "ab", "cd", "e" }, "bcde")]
    public void LogTail_KeepsTheLastCharacters(string[] writes, string expected)
    {
        var tail = new LogTail(4);
        foreach (var w in writes)
        {
            tail.Append(w);
        }

        Assert.Equal(expected, tail.ToString());
        Assert.Equal(writes.Sum(w => w.Length), tail.Written);
    }
}
