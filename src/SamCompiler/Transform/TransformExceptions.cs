using SamCompiler.Model;
using SamCompiler.Text;

namespace SamCompiler.Transform;

/// <summary>
/// Aborts the transform of one resource, event or the template, as samtranslator's exceptions do. It never leaves
/// the transform: <see cref="SamTranslator"/> turns each one into a diagnostic at the resource boundary.
/// </summary>
public abstract class TransformException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected TransformException(string message, SourceSpan span)
        : base(message) => Span = span;

    /// <summary>The SAM text the error is about (unknown spans fall back to the resource's).</summary>
    public SourceSpan Span { get; set; }

    /// <summary>The message as the reference words it, with its prefix.</summary>
    public abstract string FullMessage { get; }
}

/// <summary>samtranslator's InvalidTemplateException: the template as a whole is wrong.</summary>
public sealed class TemplateException(string message, SourceSpan span = default) : TransformException(message, span)
{
    /// <inheritdoc />
    public override string FullMessage => ModelError.Prefix(ModelErrorKind.Template, null, Message);
}

/// <summary>samtranslator's InvalidResourceException.</summary>
public sealed class ResourceException(string logicalId, string message, SourceSpan span = default) : TransformException(message, span)
{
    /// <summary>The resource.</summary>
    public string LogicalId { get; } = logicalId;

    /// <inheritdoc />
    public override string FullMessage => ModelError.Prefix(ModelErrorKind.Resource, LogicalId, Message);
}

/// <summary>samtranslator's InvalidEventException.</summary>
public sealed class EventException(string eventId, string message, SourceSpan span = default) : TransformException(message, span)
{
    /// <summary>The event.</summary>
    public string EventId { get; } = eventId;

    /// <inheritdoc />
    public override string FullMessage => ModelError.Prefix(ModelErrorKind.Event, EventId, Message);
}
