using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An AWS::Serverless::LayerVersion (Globals merged) or AWS::Lambda::LayerVersion.</summary>
public sealed class LayerResource : TemplateResource
{
    /// <summary>Wraps the entry.</summary>
    public LayerResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>Where the content is: ContentUri (Serverless) or Content (Lambda).</summary>
    public ArtifactLocation Content => IsServerless
        ? Artifacts.Classify("ContentUri", Properties["ContentUri"], Template.Evaluator)
        : Artifacts.Classify("Content", Properties["Content"], Template.Evaluator);

    /// <summary>LayerName.</summary>
    public ModelValue LayerName => Value("LayerName");

    /// <summary>CompatibleRuntimes as written.</summary>
    public Node? CompatibleRuntimes => Properties["CompatibleRuntimes"];

    /// <summary>CompatibleArchitectures as written.</summary>
    public Node? CompatibleArchitectures => Properties["CompatibleArchitectures"];

    /// <summary>RetentionPolicy (Serverless layers).</summary>
    public ModelValue RetentionPolicy => Value("RetentionPolicy");

    /// <summary>Metadata.BuildMethod (the runtime sam build builds the layer for, or makefile).</summary>
    public ModelValue BuildMethod => Template.Evaluator.Evaluate(Metadata?["BuildMethod"]);
}
