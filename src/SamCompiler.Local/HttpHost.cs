using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SamCompiler.Local;

/// <summary>
/// The one way samc builds Kestrel (the Runtime API, the Lambda Invoke API and start-api). The host's console lifetime
/// is replaced: it would take SIGINT/SIGTERM for itself (and keep the process alive); samc's command decides what a
/// signal does and stops its servers in order.
/// </summary>
internal static class HttpHost
{
    /// <summary>An empty WebApplication builder without the console lifetime.</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        return builder;
    }

    private sealed class SignalFreeLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
