using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An AWS::Serverless::StateMachine (Globals merged).</summary>
public sealed class StateMachineResource : TemplateResource
{
    private IReadOnlyList<FunctionEvent>? _events;

    /// <summary>Wraps the entry.</summary>
    public StateMachineResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>The Definition property (the Amazon States Language document inline) as written, or null.</summary>
    public Node? StateMachineDefinition => Properties["Definition"];

    /// <summary>Where the definition is, when it is in a file (DefinitionUri).</summary>
    public ArtifactLocation DefinitionUri => Artifacts.Classify("DefinitionUri", Properties["DefinitionUri"], Template.Evaluator);

    /// <summary>DefinitionSubstitutions as written, or null.</summary>
    public MapNode? DefinitionSubstitutions => Properties["DefinitionSubstitutions"] as MapNode;

    /// <summary>Type (STANDARD or EXPRESS).</summary>
    public ModelValue StateMachineType => Value("Type");

    /// <summary>Name.</summary>
    public ModelValue Name => Value("Name");

    /// <summary>Role.</summary>
    public ModelValue Role => Value("Role");

    /// <summary>Policies as written, or null.</summary>
    public Node? Policies => Properties["Policies"];

    /// <summary>The events (Api, Schedule, EventBridgeRule, ...), typed, in template order.</summary>
    public IReadOnlyList<FunctionEvent> Events => _events ??= FunctionEvent.Read(this);
}
