using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Cli.Config;

/// <summary>
/// samconfig for every command, in one place: before a command runs, the values of its samconfig section
/// (<c>[ENV.global.parameters]</c> overlaid with <c>[ENV.COMMAND.parameters]</c>, COMMAND being the command path
/// with underscores, e.g. <c>deploy</c>, <c>local_invoke</c>) are added to the command line for every option the
/// user did not give. A flag on the command line wins; <c>--parameter-overrides</c> is the exception: the file's
/// pairs come first and the command line's after them, so they merge key by key (a key given on the command line
/// replaces only that key). Keys that name no option of the command are ignored, as SAM CLI ignores them.
/// </summary>
public static class SamConfigDefaults
{
    /// <summary><c>--config-file</c>: the samconfig file (default samconfig.toml, .yaml or .yml in the working folder).</summary>
    public static Option<string?> ConfigFile { get; } = new("--config-file") { Description = "samconfig file with default option values (default: samconfig.toml, samconfig.yaml or samconfig.yml here).", Recursive = true };

    /// <summary><c>--config-env</c>: the samconfig environment (default <c>default</c>).</summary>
    public static Option<string?> ConfigEnv { get; } = new("--config-env") { Description = "Environment of the samconfig file to read (default: default).", Recursive = true };

    /// <summary>Options whose values merge with the file's instead of replacing them.</summary>
    private static readonly HashSet<string> MergedOptions = new(StringComparer.Ordinal) { "--parameter-overrides" };

    /// <summary>
    /// Returns the command line with samconfig's values added, or null with a diagnostic (a --config-file that
    /// does not exist, a file that does not parse). Returns <paramref name="args"/> unchanged when there is no file,
    /// when the command line does not parse (the parse errors are reported as usual) or for --help.
    /// </summary>
    public static string[]? Apply(RootCommand root, string[] args, CliContext context, out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        error = null;
        var parse = root.Parse(args);
        var command = parse.CommandResult.Command;
        if (parse.Errors.Count > 0 || command == root || command.Action is null || args.Contains("--help") || args.Contains("-h"))
        {
            return args;
        }

        var given = parse.GetValue(ConfigFile);
        string display;
        string full;
        if (!string.IsNullOrEmpty(given))
        {
            display = given;
            full = context.Resolve(given);
            if (!File.Exists(full))
            {
                error = Diagnostic.Create(DiagnosticCatalog.SamConfigInvalid, SourceSpan.DocumentStart(given), $"The config file \"{given}\" given with --config-file does not exist.");
                return null;
            }
        }
        else
        {
            display = SamConfigFile.DefaultNames.FirstOrDefault(n => File.Exists(context.Resolve(n))) ?? string.Empty;
            if (display.Length == 0)
            {
                return args;
            }

            full = context.Resolve(display);
        }

        var file = SamConfigFile.Read(display, full, out error);
        if (file is null)
        {
            return null;
        }

        var environment = parse.GetValue(ConfigEnv) ?? "default";
        var parameters = file.ParametersFor(environment, CommandKey(command));
        if (parameters.Count == 0)
        {
            return args;
        }

        var options = AllOptions(command).ToList();
        var front = new List<string>();
        var back = new List<string>();
        foreach (var (key, value) in parameters)
        {
            if (key is "template_file" or "template" && FindOption(options, "--template") is null)
            {
                // Commands that take the template as their TEMPLATE argument (compile, lint).
                var argument = command.Arguments.FirstOrDefault(a => a.Name == "TEMPLATE");
                if (argument is not null && parse.GetResult(argument) is not ArgumentResult { Tokens.Count: > 0 } && value is string t)
                {
                    back.Add(t);
                }

                continue;
            }

            var option = FindOption(options, "--" + key.Replace('_', '-'));
            if (option is null)
            {
                continue;
            }

            var onCommandLine = parse.GetResult(option) is OptionResult { Implicit: false };
            if (onCommandLine && !MergedOptions.Contains(option.Name))
            {
                continue;
            }

            var tokens = Tokens(option, value);
            (MergedOptions.Contains(option.Name) ? front : back).AddRange(tokens);
        }

        // The command path first, then the file's merged options, then everything the user typed, then the file's
        // other options (which the user did not give, so their place does not matter).
        var typed = parse.Tokens.Select(t => t.Value).ToList();
        var lastCommand = -1;
        for (var i = 0; i < parse.Tokens.Count; i++)
        {
            if (parse.Tokens[i].Type == TokenType.Command)
            {
                lastCommand = i;
            }
        }

        var result = new List<string>();
        result.AddRange(typed.Take(lastCommand + 1));
        result.AddRange(front);
        var rest = typed.Skip(lastCommand + 1).ToList();
        var dashDash = rest.IndexOf("--");
        if (dashDash >= 0)
        {
            result.AddRange(rest.Take(dashDash));
            result.AddRange(back);
            result.AddRange(rest.Skip(dashDash));
        }
        else
        {
            result.AddRange(rest);
            result.AddRange(back);
        }

        return [.. result];
    }

    /// <summary>The samconfig section name of a command: its path below the root, joined with underscores.</summary>
    public static string CommandKey(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var names = new List<string>();
        for (Symbol? s = command; s is Command c && s is not RootCommand; s = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c.Name.Replace('-', '_'));
        }

        return string.Join('_', names);
    }

    private static IEnumerable<Option> AllOptions(Command command)
    {
        foreach (var o in command.Options)
        {
            yield return o;
        }

        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var o in parent.Options.Where(o => o.Recursive))
            {
                yield return o;
            }
        }
    }

    private static Option? FindOption(List<Option> options, string name) =>
        options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static IEnumerable<string> Tokens(Option option, object value)
    {
        var many = option.Arity.MaximumNumberOfValues > 1;
        if (option.ValueType == typeof(bool))
        {
            var flag = value switch
            {
                bool b => b,
                string s => s.Equals("true", StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
            return [option.Name, flag ? "true" : "false"];
        }

        var values = value switch
        {
            List<object> list => list.Select(Text).ToList(),
            string s when many => SplitShellWords(s),
            _ => [Text(value)],
        };
        var tokens = new List<string>();
        if (many)
        {
            foreach (var v in values)
            {
                tokens.Add(option.Name);
                tokens.Add(v);
            }
        }
        else if (values.Count > 0)
        {
            tokens.Add(option.Name);
            tokens.Add(string.Join(' ', values));
        }

        return tokens;
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Splits on spaces outside double or single quotes (samconfig writes <c>Key="a b" K2=v</c>).</summary>
    public static List<string> SplitShellWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
