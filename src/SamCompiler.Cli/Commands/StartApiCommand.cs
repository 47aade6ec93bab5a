using System.CommandLine;
using System.Globalization;
using SamCompiler.Local.Api;
using SamCompiler.Local.Invoke;
using SamCompiler.Local.Pool;

namespace SamCompiler.Cli.Commands;

/// <summary><c>samc local start-api</c>: API Gateway (REST and HTTP APIs) in front of the template's functions.</summary>
public static class StartApiCommand
{
    /// <summary>Declares <c>start-api</c> (a subcommand of <c>local</c>).</summary>
    public static Command Create(CliContext context)
    {
        var options = ServeCommandOptions.Create(3000);
        var command = new Command("start-api", "Serve the template's Api (REST, payload 1.0) and HttpApi (payload 2.0) events on loopback, as API Gateway calls the functions.\n\nExample:\n  samc local start-api -t template.yaml\n  curl http://127.0.0.1:3000/hello");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(options.Read(parse), context, null, cancellationToken));
        return command;
    }

    /// <summary>
    /// Serves until <paramref name="cancellationToken"/> is cancelled or samc gets SIGINT/SIGTERM, then stops in order
    /// (<see cref="ApiServer.StopAsync"/>) and prints the metrics; <paramref name="started"/> sees the running server.
    /// </summary>
    public static async Task<int> RunAsync(ServeArguments args, CliContext context, Action<ApiServer>? started, CancellationToken cancellationToken)
    {
        using var shutdown = context.ClaimShutdown(cancellationToken);
        cancellationToken = shutdown.Token;
        var loaded = ServeCommandOptions.LoadFunctions(args, context);
        if (loaded.ExitCode is { } exit)
        {
            return exit;
        }

        var routes = ApiRoute.Read(loaded.Template!.Model, loaded.Functions!);
        if (routes.Count == 0)
        {
            context.Error.WriteLine("samc: the template has no function with an Api or HttpApi event; start-api has nothing to serve (start-lambda serves the Invoke API).");
            return ExitCodes.InputErrors;
        }

        var log = new LogSink(context.Error);
        ApiServer server;
        try
        {
            server = await ApiServer.StartAsync(routes, loaded.Functions!, loaded.Options!, args.Host, args.Port, TimeProvider.System, log, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            context.Error.WriteLine($"samc: cannot listen on {args.Host}:{args.Port.ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
            return ExitCodes.InputErrors;
        }
        catch (OperationCanceledException)
        {
            return context.Signals?.ExitCode ?? ExitCodes.Interrupted;
        }

        await using (server.ConfigureAwait(false))
        {
            foreach (var r in routes)
            {
                log.WriteLine($"samc: {(r.IsHttpApi ? "HttpApi" : "Api")} {r.Method} {r.Path} -> {r.Function.LogicalId} (stage {r.Stage})");
            }

            log.WriteLine($"samc: API Gateway on {server.BaseAddress} (Ctrl+C to stop).");
            started?.Invoke(server);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutdown.
            }

            await server.StopAsync(loaded.Options!.ShutdownGrace).ConfigureAwait(false);
        }

        log.WriteLine(FunctionMetrics.ToTable(server.Pool.Metrics));
        log.WriteLine("samc: stopped.");
        return ExitCodes.Success;
    }
}
