namespace SamCompiler.Transform.Api;

/// <summary>The HTTP API generator.</summary>
public sealed partial class HttpApiTransformer
{
    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context) => [];
}
