using SamCompiler.Syntax;

namespace SamCompiler.Transform.Function;

/// <summary>A SAM function's properties read the way SamFunction's attributes read them: a YAML null is "not set".</summary>
internal sealed class FunctionModel(SamResource resource)
{
    /// <summary>The SAM resource.</summary>
    public SamResource Resource { get; } = resource;

    /// <summary>The logical id.</summary>
    public string LogicalId => Resource.LogicalId;

    /// <summary>A property, or null when absent or null.</summary>
    public Node? this[string name] => Resource.Properties[name] is { IsNull: false } v ? v : null;

    /// <summary>A deep copy of a property (keeps spans), or null.</summary>
    public Node? Copy(string name) => this[name]?.Clone();

    /// <summary>A ResourceException pointing at <paramref name="property"/> (or the logical id).</summary>
    public ResourceException Error(string message, string? property = null) => Resource.Error(message, property);
}
