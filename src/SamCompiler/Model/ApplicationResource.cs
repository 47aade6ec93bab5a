using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An AWS::Serverless::Application.</summary>
public sealed class ApplicationResource : TemplateResource
{
    /// <summary>Wraps the entry.</summary>
    public ApplicationResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>Location: a template URL, a local template path (before packaging), or a repository application.</summary>
    public ArtifactLocation Location => Artifacts.Classify("Location", Properties["Location"], Template.Evaluator);

    /// <summary>Parameters as written, or null.</summary>
    public MapNode? Parameters => Properties["Parameters"] as MapNode;
}
