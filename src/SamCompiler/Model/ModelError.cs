using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>What a <see cref="ModelError"/> is about, which decides the reference's message prefix.</summary>
public enum ModelErrorKind
{
    /// <summary>The template as a whole (samtranslator's InvalidTemplateException / InvalidDocumentException).</summary>
    Template,

    /// <summary>One resource (InvalidResourceException).</summary>
    Resource,

    /// <summary>One event of a resource (InvalidEventException).</summary>
    Event,
}

/// <summary>
/// A template error found while building the model, worded as the reference translator words it (the translator
/// raises the same error from the same code, so lint and compile report it once, identically).
/// </summary>
/// <param name="Kind">Template, resource or event.</param>
/// <param name="Id">The logical id of the resource or event (null for template errors).</param>
/// <param name="Message">The message without the reference's prefix.</param>
/// <param name="Span">Where in the template.</param>
public sealed record ModelError(ModelErrorKind Kind, string? Id, string Message, SourceSpan Span)
{
    /// <summary>The message with the reference's prefix ("Structure of the SAM template is invalid. ...").</summary>
    public string FullMessage => Prefix(Kind, Id, Message);

    /// <summary>The reference's wording of an error: its prefix, then the message.</summary>
    public static string Prefix(ModelErrorKind kind, string? id, string message) => kind switch
    {
        ModelErrorKind.Resource => $"Resource with id [{id}] is invalid. {message}",
        ModelErrorKind.Event => $"Event with id [{id}] is invalid. {message}",
        _ => $"Structure of the SAM template is invalid. {message}",
    };

    /// <summary>The diagnostic the translator reports for this error (SAM2001-SAM2003), in the file at <paramref name="path"/>.</summary>
    public Diagnostic ToDiagnostic(string path)
    {
        var descriptor = Kind switch
        {
            ModelErrorKind.Resource => DiagnosticCatalog.InvalidResource,
            ModelErrorKind.Event => DiagnosticCatalog.InvalidEvent,
            _ => DiagnosticCatalog.InvalidDocument,
        };
        var message = FullMessage;
        message = message.EndsWith('.') || message.EndsWith('?') ? message : message + ".";
        return Diagnostic.Create(descriptor, Span.IsKnown ? Span : SourceSpan.DocumentStart(path), message);
    }
}
