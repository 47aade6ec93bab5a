using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using SamCompiler.StepFunctions;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// The state machines of a template checked once per lint run and shared by the StepFunctions* rules: the
/// definition (inline, DefinitionUri file or DefinitionString) turned into JSON with <c>!Ref</c>/<c>!GetAtt</c> and
/// DefinitionSubstitutions applied, its problems, and the way back from a problem's JSON pointer to a line of the
/// template (or of the definition file).
/// </summary>
internal static class StepFunctionsDefinitions
{
    private static readonly ConditionalWeakTable<LintTemplate, IReadOnlyList<Checked>> Cache = [];

    /// <summary>One checked state machine.</summary>
    internal sealed record Checked(TemplateStateMachine Machine, StateMachineDefinition? Definition, IReadOnlyList<AslProblem> Problems, Func<string, SourceSpan> SpanOf, string? FileError, SourceSpan FileSpan);

    public static IReadOnlyList<Checked> Of(LintTemplate template) => Cache.GetValue(template, Check);

    /// <summary>Reports every problem of <paramref name="kind"/> through <paramref name="context"/>.</summary>
    public static void Report(LintTemplate template, RuleContext context, AslProblemKind kind)
    {
        foreach (var c in Of(template))
        {
            foreach (var p in c.Problems.Where(p => p.Kind == kind))
            {
                context.Report(c.SpanOf(p.Pointer), $"State machine \"{c.Machine.LogicalId}\": {p.Message}", c.Machine.LogicalId);
            }
        }
    }

    private static IReadOnlyList<Checked> Check(LintTemplate template)
    {
        var result = new List<Checked>();
        var resolver = TaskTargets.NameResolver(template.Root);
        foreach (var machine in TemplateStateMachines.Find(template.Root))
        {
            Node? tree = null;
            JsonNode? json = null;
            string? fileError = null;
            var fileSpan = machine.KeySpan;
            if (machine.Definition is not null)
            {
                tree = machine.Definition;
                json = TemplateStateMachines.ToJson(tree, resolver);
            }
            else if (machine.DefinitionUri is { } uri)
            {
                fileSpan = machine.DefinitionUriNode?.Span ?? machine.KeySpan;
                if (template.Options.ReadTemplateFile is not { } read)
                {
                    continue;
                }

                if (read(uri) is not { } text)
                {
                    fileError = $"The DefinitionUri \"{uri}\" of the state machine \"{machine.LogicalId}\" cannot be read.";
                }
                else
                {
                    var loaded = YamlDocumentLoader.Load(text);
                    if (loaded.Root is null || loaded.HasErrors)
                    {
                        var first = loaded.Diagnostics.FirstOrDefault(d => d.IsError);
                        fileError = $"The definition file \"{uri}\" of the state machine \"{machine.LogicalId}\" is not one JSON or YAML object{(first is null ? "." : ": " + first.Message)}";
                        if (first is not null)
                        {
                            fileSpan = first.Span;
                        }
                    }
                    else
                    {
                        tree = loaded.Root;
                        json = TemplateStateMachines.ToJson(tree, resolver);
                    }
                }
            }
            else if (machine.DefinitionString is ScalarNode { Kind: ScalarKind.String } ds)
            {
                fileSpan = ds.Span;
                if (!AslJson.TryParse(ds.Text, out json, out var error))
                {
                    fileError = $"The DefinitionString of the state machine \"{machine.LogicalId}\" is not JSON: {error}";
                }
            }
            else
            {
                continue;
            }

            if (fileError is not null || json is not JsonObject obj)
            {
                result.Add(new Checked(machine, null, [], _ => fileSpan, fileError ?? $"The definition of the state machine \"{machine.LogicalId}\" must be an object.", fileSpan));
                continue;
            }

            var substitutions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in machine.Substitutions ?? new MapNode())
            {
                var resolved = TemplateStateMachines.ToJson(v, resolver);
                substitutions[k] = AslJson.AsString(resolved) ?? AslJson.Write(resolved);
            }

            var problems = new List<AslProblem>();
            var definition = StateMachineDefinition.FromObject((JsonObject)TemplateStateMachines.Substitute(obj, substitutions)!, problems);
            var root = tree;
            var span = fileSpan;
            result.Add(new Checked(machine, definition, problems, pointer =>
            {
                var s = root is null ? span : TemplateStateMachines.SpanOf(root, pointer);
                return s.IsKnown ? s : span;
            }, null, fileSpan));
        }

        return result;
    }
}
