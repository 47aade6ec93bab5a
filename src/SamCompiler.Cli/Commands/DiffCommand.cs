using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SamCompiler.Diagnostics;
using SamCompiler.Diff;
using SamCompiler.Syntax;
using SamCompiler.Transform;

namespace SamCompiler.Cli.Commands;

/// <summary>The arguments of <c>samc diff</c>.</summary>
/// <param name="Old">The old template (a path, or - for standard input).</param>
/// <param name="New">The new template.</param>
/// <param name="Format">text or json.</param>
/// <param name="ExitCode">--exit-code: exit 1 when the templates differ.</param>
/// <param name="FailOn">--fail-on: exit 1 when a difference of these kinds exists (replacement, iam-widening, any).</param>
/// <param name="ParameterOverrides">--parameter-overrides, for compiling SAM templates.</param>
/// <param name="Region">--region, for compiling SAM templates.</param>
public sealed record DiffArguments(string Old, string New, string Format, bool ExitCode, IReadOnlyList<string> FailOn, IReadOnlyList<string> ParameterOverrides, string Region);

/// <summary>
/// <c>samc diff OLD NEW</c>: the resource-level difference between two templates. SAM templates (and templates with
/// AWS::LanguageExtensions) are compiled first; CloudFormation templates are taken as they are. Reports added, removed
/// and modified resources with the changed property paths, whether a change replaces the resource (the provider
/// schema's createOnlyProperties), and IAM changes that widen permissions.
/// </summary>
public static class DiffCommand
{
    /// <summary>The --fail-on values.</summary>
    public static readonly string[] FailOnValues = ["any", "replacement", "iam-widening"];

    /// <summary>Declares the command.</summary>
    public static Command Create(CliContext context)
    {
        var oldTemplate = new Argument<string>("OLD") { Description = "The old template (SAM or CloudFormation, YAML or JSON; - for standard input)." };
        var newTemplate = new Argument<string>("NEW") { Description = "The new template." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit with 1 when the templates differ (as git diff --exit-code), 0 when they do not." };
        var failOn = new Option<string[]>("--fail-on") { Description = "Exit with 1 only for these differences: replacement, iam-widening or any (repeatable).", AllowMultipleArgumentsPerToken = true };
        failOn.AcceptOnlyFromAmong(FailOnValues);
        var overrides = new Option<string[]>("--parameter-overrides") { Description = "Parameter values for compiling SAM templates: K=V or ParameterKey=K,ParameterValue=V.", AllowMultipleArgumentsPerToken = true };
        var region = new Option<string>("--region") { Description = "Region to compile SAM templates for.", DefaultValueFactory = _ => "us-east-1" };
        var command = new Command("diff", "Show the resource-level difference between two templates: added, removed and modified resources, replacements and IAM changes that widen permissions.\n\nExit codes: 0 compared (differences or not; with --exit-code or --fail-on: no matching difference), 1 a difference --exit-code/--fail-on asks to fail on, or a template has errors, 2 usage error, 3 internal error.\n\nExamples:\n  samc diff main/template.yaml template.yaml\n  samc diff deployed.json template.yaml --fail-on replacement iam-widening\n  samc diff old.yaml new.yaml --format json > diff.json")
        {
            oldTemplate, newTemplate, format, exitCode, failOn, overrides, region,
        };
        command.SetAction(parse => Run(
            new DiffArguments(
                parse.GetValue(oldTemplate)!,
                parse.GetValue(newTemplate)!,
                parse.GetValue(format) ?? "text",
                parse.GetValue(exitCode),
                parse.GetValue(failOn) ?? [],
                parse.GetValue(overrides) ?? [],
                parse.GetValue(region) ?? "us-east-1"),
            context));
        return command;
    }

    /// <summary>Runs the command.</summary>
    public static int Run(DiffArguments args, CliContext context)
    {
        if (args.Old == "-" && args.New == "-")
        {
            context.Error.WriteLine("samc: only one of OLD and NEW can be - (standard input). Run 'samc diff --help' for usage.");
            return ExitCodes.Usage;
        }

        if (!ParameterOverrides.TryParse(args.ParameterOverrides, out var parameters, out var parameterError))
        {
            context.Error.WriteLine($"samc: --parameter-overrides: {parameterError}");
            return ExitCodes.Usage;
        }

        var options = new TranslateOptions { Region = args.Region, ParameterOverrides = parameters };
        var before = Load(args.Old, options, context, out var oldStatus);
        var after = Load(args.New, options, context, out var newStatus);
        var status = Math.Max(oldStatus, newStatus);
        if (before is null || after is null)
        {
            return status;
        }

        var difference = TemplateDiffer.Compare(before, after);
        if (args.Format == "json")
        {
            WriteJson(difference, args, context.Out);
        }
        else
        {
            WriteText(difference, args, context.Out);
        }

        var fail = args.ExitCode || args.FailOn.Contains("any") ? difference.HasDifferences
            : (args.FailOn.Contains("replacement") && difference.HasReplacements) || (args.FailOn.Contains("iam-widening") && difference.IamWidenings.Count > 0);
        return fail ? ExitCodes.InputErrors : ExitCodes.Success;
    }

    /// <summary>Reads and, for SAM templates, compiles one side; null (and the exit status) on errors.</summary>
    private static MapNode? Load(string path, TranslateOptions options, CliContext context, out int status)
    {
        var source = path == "-" ? TemplateFiles.ReadStdin(context, out var readError) : TemplateFiles.Read(path, context, out readError);
        if (source is null)
        {
            DiagnosticWriter.WriteText(context.Error, [readError!]);
            status = ExitCodes.Usage;
            return null;
        }

        var document = TemplateCompiler.Translate(source, options, out var diagnostics);
        DiagnosticWriter.WriteText(context.Error, diagnostics);
        status = diagnostics.Any(d => d.Id == DiagnosticCatalog.InternalError.Id) ? ExitCodes.InternalError
            : document is null ? ExitCodes.InputErrors : ExitCodes.Success;
        return document;
    }

    private static void WriteText(TemplateDifference d, DiffArguments args, TextWriter output)
    {
        var sb = new StringBuilder();
        sb.Append("samc diff ").Append(args.Old).Append(" -> ").Append(args.New).Append('\n');
        if (!d.HasDifferences)
        {
            sb.Append("\nNo differences.\n");
            output.Write(sb.ToString());
            return;
        }

        var (added, removed, modified, replaced) = Counts(d);
        if (d.Resources.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nResources ({added} added, {removed} removed, {modified} modified)\n");
            var width = d.Resources.Max(r => r.LogicalId.Length);
            foreach (var r in d.Resources)
            {
                var mark = r.Kind switch { ChangeKind.Added => '+', ChangeKind.Removed => '-', _ => '~' };
                sb.Append("  ").Append(mark).Append(' ').Append(r.LogicalId.PadRight(width)).Append("  ").Append(r.OldType is null ? r.Type : $"{r.OldType} -> {r.Type}");
                if (r.Kind == ChangeKind.Modified && r.Replacement != Replacement.None)
                {
                    sb.Append("  ").Append(ReplacementText(r.Replacement));
                }

                sb.Append('\n');
                foreach (var c in r.Changes)
                {
                    var cm = c.Kind switch { ChangeKind.Added => '+', ChangeKind.Removed => '-', _ => '~' };
                    sb.Append("      ").Append(cm).Append(' ').Append(c.Path).Append(": ");
                    sb.Append(c.Kind switch
                    {
                        ChangeKind.Added => Short(c.New),
                        ChangeKind.Removed => Short(c.Old),
                        _ => $"{Short(c.Old)} -> {Short(c.New)}",
                    });
                    if (c.Replacement is Replacement.Always or Replacement.Conditional)
                    {
                        sb.Append("  (").Append(ReplacementText(c.Replacement)).Append(')');
                    }

                    sb.Append('\n');
                }
            }
        }

        foreach (var section in d.Entries.GroupBy(e => e.Section))
        {
            sb.Append('\n').Append(section.Key).Append('\n');
            foreach (var e in section)
            {
                sb.Append("  ").Append(e.Kind switch { ChangeKind.Added => '+', ChangeKind.Removed => '-', _ => '~' }).Append(' ').Append(e.Name).Append('\n');
            }
        }

        if (d.IamWidenings.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nIAM: {d.IamWidenings.Count} change(s) widen permissions\n");
            foreach (var w in d.IamWidenings)
            {
                sb.Append("  ! ").Append(w.LogicalId).Append(" (").Append(w.Type).Append(") ").Append(w.Path).Append(": ").Append(KindText(w.Kind)).Append(' ').Append(w.Detail).Append('\n');
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nSummary: {added} added, {removed} removed, {modified} modified ({replaced} replaced or may be), {d.IamWidenings.Count} IAM widening(s)\n");
        output.Write(sb.ToString());
    }

    private static void WriteJson(TemplateDifference d, DiffArguments args, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("old", args.Old);
            json.WriteString("new", args.New);
            json.WriteStartArray("resources");
            foreach (var r in d.Resources)
            {
                json.WriteStartObject();
                json.WriteString("logicalId", r.LogicalId);
                json.WriteString("change", Word(r.Kind));
                json.WriteString("type", r.Type);
                if (r.OldType is not null)
                {
                    json.WriteString("oldType", r.OldType);
                }

                json.WriteString("replacement", Word(r.Replacement));
                json.WriteString("file", r.Span.Path);
                json.WriteNumber("line", r.Span.Start.Line);
                json.WriteNumber("column", r.Span.Start.Column);
                json.WriteStartArray("changes");
                foreach (var c in r.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("path", c.Path);
                    json.WriteString("change", Word(c.Kind));
                    if (c.Old is not null)
                    {
                        json.WritePropertyName("old");
                        WriteNode(json, c.Old);
                    }

                    if (c.New is not null)
                    {
                        json.WritePropertyName("new");
                        WriteNode(json, c.New);
                    }

                    json.WriteString("replacement", Word(c.Replacement));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("entries");
            foreach (var e in d.Entries)
            {
                json.WriteStartObject();
                json.WriteString("section", e.Section);
                json.WriteString("name", e.Name);
                json.WriteString("change", Word(e.Kind));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("iam");
            foreach (var w in d.IamWidenings)
            {
                json.WriteStartObject();
                json.WriteString("logicalId", w.LogicalId);
                json.WriteString("type", w.Type);
                json.WriteString("path", w.Path);
                json.WriteString("kind", Word(w.Kind));
                json.WriteString("detail", w.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            var (added, removed, modified, replaced) = Counts(d);
            json.WriteStartObject("summary");
            json.WriteBoolean("differences", d.HasDifferences);
            json.WriteNumber("added", added);
            json.WriteNumber("removed", removed);
            json.WriteNumber("modified", modified);
            json.WriteNumber("replaced", replaced);
            json.WriteNumber("iamWidenings", d.IamWidenings.Count);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }

    private static void WriteNode(Utf8JsonWriter json, Node node)
    {
        switch (node)
        {
            case MapNode m:
                json.WriteStartObject();
                foreach (var (k, v) in m)
                {
                    json.WritePropertyName(k);
                    WriteNode(json, v);
                }

                json.WriteEndObject();
                break;
            case ListNode l:
                json.WriteStartArray();
                foreach (var item in l)
                {
                    WriteNode(json, item);
                }

                json.WriteEndArray();
                break;
            case ScalarNode { Kind: ScalarKind.Boolean } b:
                json.WriteBooleanValue(b.IsTrue);
                break;
            case ScalarNode { Kind: ScalarKind.Null }:
                json.WriteNullValue();
                break;
            case ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } n when double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v):
                json.WriteRawValue(n.Text);
                break;
            case ScalarNode s:
                json.WriteStringValue(s.Text);
                break;
        }
    }

    private static (int Added, int Removed, int Modified, int Replaced) Counts(TemplateDifference d) => (
        d.Resources.Count(r => r.Kind == ChangeKind.Added),
        d.Resources.Count(r => r.Kind == ChangeKind.Removed),
        d.Resources.Count(r => r.Kind == ChangeKind.Modified),
        d.Resources.Count(r => r.Kind == ChangeKind.Modified && r.Replacement is Replacement.Always or Replacement.Conditional));

    private static string Short(Node? node)
    {
        var text = TemplateDiffer.Canonical(node);
        return text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 97), "...");
    }

    private static string ReplacementText(Replacement r) => r switch
    {
        Replacement.Always => "replacement",
        Replacement.Conditional => "may replace",
        Replacement.Unknown => "replacement unknown (no schema for the type)",
        _ => string.Empty,
    };

    private static string KindText(IamWideningKind kind) => kind switch
    {
        IamWideningKind.NewAction => "new action",
        IamWideningKind.WildcardAction => "wildcard action",
        IamWideningKind.WildcardResource => "action on any resource:",
        IamWideningKind.NewResource => "action on a new resource:",
        IamWideningKind.NewPrincipal => "new principal",
        IamWideningKind.NegatedGrant => "allow with",
        IamWideningKind.ConditionRemoved => "condition removed from statement",
        IamWideningKind.DenyRemoved => "no longer denied:",
        _ => "managed policy attached",
    };

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        _ => "modified",
    };

    private static string Word(Replacement replacement) => replacement switch
    {
        Replacement.Always => "always",
        Replacement.Conditional => "conditional",
        Replacement.Unknown => "unknown",
        _ => "none",
    };

    private static string Word(IamWideningKind kind) => kind switch
    {
        IamWideningKind.NewAction => "new-action",
        IamWideningKind.WildcardAction => "wildcard-action",
        IamWideningKind.WildcardResource => "wildcard-resource",
        IamWideningKind.NewResource => "new-resource",
        IamWideningKind.NewPrincipal => "new-principal",
        IamWideningKind.NegatedGrant => "negated-grant",
        IamWideningKind.ConditionRemoved => "condition-removed",
        IamWideningKind.DenyRemoved => "deny-removed",
        _ => "managed-policy-added",
    };
}
