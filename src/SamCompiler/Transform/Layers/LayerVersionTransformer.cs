namespace SamCompiler.Transform.Layers;

/// <summary>AWS::Serverless::LayerVersion to AWS::Lambda::LayerVersion (SamLayerVersion in sam_resources.py).</summary>
public sealed class LayerVersionTransformer : IResourceTransformer
{
    /// <inheritdoc />
    public string ResourceType => "AWS::Serverless::LayerVersion";

    /// <inheritdoc />
    public int Order => 3;

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context) => [];
}
