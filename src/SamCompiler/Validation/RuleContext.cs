using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Validation;

/// <summary>A finding with the resource it belongs to (for resource-level suppressions).</summary>
/// <param name="Diagnostic">The diagnostic.</param>
/// <param name="ResourceId">The logical id of the resource it is about, or null for template-level findings.</param>
public sealed record LintFinding(Diagnostic Diagnostic, string? ResourceId);

/// <summary>What a rule reports through: its descriptor at the configured severity, collected for the validator.</summary>
public sealed class RuleContext
{
    private readonly List<LintFinding> _findings;
    private readonly string _path;

    /// <summary>Creates a context for one rule.</summary>
    public RuleContext(DiagnosticDescriptor descriptor, DiagnosticSeverity severity, string path, List<LintFinding> findings)
    {
        Descriptor = descriptor;
        Severity = severity;
        _path = path;
        _findings = findings;
    }

    /// <summary>The rule's descriptor.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The severity findings get.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Reports a finding at <paramref name="span"/>, about resource <paramref name="resourceId"/> when given.</summary>
    public void Report(SourceSpan span, string message, string? resourceId = null)
    {
        var at = span.IsKnown ? span : SourceSpan.DocumentStart(_path);
        _findings.Add(new LintFinding(new Diagnostic(Descriptor, Severity, at, message), resourceId));
    }

    /// <summary>Reports a finding at a node, falling back to <paramref name="fallback"/> when the node has no span.</summary>
    public void Report(Node? node, SourceSpan fallback, string message, string? resourceId = null) =>
        Report(node is not null && node.Span.IsKnown ? node.Span : fallback, message, resourceId);

    /// <summary>Reports a finding at the node a value was written as, falling back to <paramref name="fallback"/>.</summary>
    public void Report(ModelValue value, SourceSpan fallback, string message, string? resourceId = null) =>
        Report(value.Source, fallback, message, resourceId);
}
