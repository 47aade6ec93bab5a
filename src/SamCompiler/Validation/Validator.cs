using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Validation;

/// <summary>The result of linting one template: sorted, de-duplicated diagnostics.</summary>
public sealed record LintResult(IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Runs lint: loads the template, reports YAML and translator errors, runs every registered rule at its configured
/// level, drops what template or resource Metadata suppresses, and assembles the result (sorted, de-duplicated).
/// </summary>
public static class Validator
{
    /// <summary>Lints <paramref name="source"/>.</summary>
    public static LintResult Lint(SourceText source, LintOptions options)
    {
        var load = YamlDocumentLoader.Load(source);
        if (load.Root is null || load.HasErrors)
        {
            return new LintResult(DiagnosticBag.Assemble(load.Diagnostics));
        }

        var root = load.Root;
        IReadOnlyList<Diagnostic> extensions = [];
        if (Transform.LanguageExtensions.LanguageExtensionsTransform.IsDeclared(root))
        {
            // lint sees the template CloudFormation gives the SAM transform: loops expanded, spans kept
            var applied = Transform.LanguageExtensions.LanguageExtensionsTransform.Apply(source, root, new Transform.TranslateOptions { Region = options.Region, ParameterOverrides = options.ParameterOverrides });
            extensions = applied.Diagnostics;
            if (applied.Template is null)
            {
                return new LintResult(DiagnosticBag.Assemble([.. load.Diagnostics, .. extensions]));
            }

            root = applied.Template;
        }

        var template = new LintTemplate(source, root, options);
        var findings = new List<LintFinding>();
        foreach (var rule in RuleRegistry.All)
        {
            var level = options.LevelOf(rule.Descriptor, rule.EnabledByDefault);
            if (level == RuleLevel.Off)
            {
                continue;
            }

            var context = new RuleContext(rule.Descriptor, LintOptions.ToSeverity(level), source.Path, findings);
            try
            {
                rule.Analyze(template, context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var bug = Diagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.DocumentStart(source.Path), $"Internal error in lint rule {rule.Descriptor.Id} ({rule.GetType().Name}): {ex.GetType().Name}: {ex.Message} This is a bug in samc; please report it with the template.");
                findings.Add(new LintFinding(bug, null));
            }
        }

        var suppressionProblems = new List<LintFinding>();
        var suppressions = Suppressions.Read(template, suppressionProblems);
        var kept = findings.Concat(suppressionProblems).Where(f => !suppressions.IsSuppressed(f)).Select(f => f.Diagnostic);
        return new LintResult(DiagnosticBag.Assemble([.. load.Diagnostics, .. extensions, .. template.Translation.Diagnostics, .. FoldGlobals(template, kept)]));
    }

    /// <summary>
    /// A value in Globals that breaks a rule breaks it for every function that takes it: report it once at the Globals
    /// line, with the number of other resources it applies to, instead of once per function.
    /// </summary>
    private static IEnumerable<Diagnostic> FoldGlobals(LintTemplate template, IEnumerable<Diagnostic> diagnostics)
    {
        if (template.Root["Globals"] is not MapNode globals || !globals.Span.IsKnown)
        {
            return diagnostics;
        }

        bool InGlobals(Diagnostic d) => d.Span.Start.Offset >= globals.Span.Start.Offset && d.Span.Start.Offset < globals.Span.End.Offset && d.Span.Start.Line > 1;
        var list = diagnostics.ToList();
        var folded = list.Where(d => !InGlobals(d)).ToList();
        foreach (var group in list.Where(InGlobals).GroupBy(d => (d.Id, d.Span)))
        {
            var first = group.First();
            var others = group.Select(d => d.Message).Distinct(StringComparer.Ordinal).Count() - 1;
            folded.Add(others == 0 ? first : first with { Message = $"{first.Message} The value is in Globals, so {others} more resource(s) take it too." });
        }

        return folded;
    }
}
