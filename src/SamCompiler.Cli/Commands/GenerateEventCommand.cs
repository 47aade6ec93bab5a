using System.CommandLine;
using SamCompiler.Local.Events;

namespace SamCompiler.Cli.Commands;

/// <summary><c>samc local generate-event SERVICE EVENT [--OPTION VALUE]</c>: prints a sample event.</summary>
public static class GenerateEventCommand
{
    /// <summary>Declares <c>generate-event</c> (a subcommand of <c>local</c>).</summary>
    public static Command Create(CliContext context)
    {
        var service = new Argument<string?>("SERVICE") { Description = "The service (s3, sqs, sns, apigateway, dynamodb, kinesis, cloudwatch, eventbridge); omit to list every sample.", Arity = ArgumentArity.ZeroOrOne };
        var name = new Argument<string?>("EVENT") { Description = "The event (e.g. put, receive-message, aws-proxy).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("generate-event", "Print a sample event for local invoke (-e -). Each event takes --OPTION VALUE pairs; run without EVENT to list them.\n\nExamples:\n  samc local generate-event s3 put --bucket my-bucket --key photos/cat.jpg\n  samc local generate-event sqs receive-message --body hello | samc local invoke QueueFunction -e -")
        {
            service, name,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Run(parse.GetValue(service), parse.GetValue(name), parse.UnmatchedTokens, context));
        return command;
    }

    /// <summary>Runs the command with the option tokens given after SERVICE EVENT.</summary>
    public static int Run(string? service, string? name, IReadOnlyList<string> optionTokens, CliContext context)
    {
        if (service is null || name is null)
        {
            foreach (var sample in EventSamples.All().Where(s => service is null || s.Service == service))
            {
                context.Out.WriteLine($"{sample.Service} {sample.Name}: {sample.Help} Options: {string.Join(", ", sample.Options.Select(o => $"--{o.Key} (default \"{o.Value}\")"))}");
            }

            return ExitCodes.Success;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < optionTokens.Count; i++)
        {
            var token = optionTokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                context.Error.WriteLine($"samc: unexpected argument \"{token}\"; options are --NAME VALUE pairs.");
                return ExitCodes.Usage;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[token[2..equals]] = token[(equals + 1)..];
            }
            else if (i + 1 < optionTokens.Count)
            {
                values[token[2..]] = optionTokens[++i];
            }
            else
            {
                context.Error.WriteLine($"samc: the option \"{token}\" needs a value.");
                return ExitCodes.Usage;
            }
        }

        var text = EventSamples.Generate(service, name, values, out var error);
        if (text is null)
        {
            context.Error.WriteLine($"samc: {error}");
            return ExitCodes.Usage;
        }

        context.Out.Write(text);
        if (!text.EndsWith('\n'))
        {
            context.Out.WriteLine();
        }

        return ExitCodes.Success;
    }
}
