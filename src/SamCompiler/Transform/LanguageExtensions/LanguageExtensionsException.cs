using SamCompiler.Diagnostics;
using SamCompiler.Text;

namespace SamCompiler.Transform.LanguageExtensions;

/// <summary>
/// Stops the AWS::LanguageExtensions transform, as CloudFormation stops it at the first error ("Transform
/// AWS::LanguageExtensions failed with: ..."). It never leaves <see cref="LanguageExtensionsTransform"/>, which turns
/// it into one diagnostic.
/// </summary>
internal sealed class LanguageExtensionsException(DiagnosticDescriptor descriptor, string message, SourceSpan span) : Exception(message)
{
    /// <summary>The diagnostic to report.</summary>
    public DiagnosticDescriptor Descriptor { get; } = descriptor;

    /// <summary>Where the error is (the SAM text, through the expansion).</summary>
    public SourceSpan Span { get; } = span;

    /// <summary>True once the message says which value had to be known (see <see cref="IntrinsicEvaluator.Require"/>).</summary>
    public bool Explained { get; init; }
}
