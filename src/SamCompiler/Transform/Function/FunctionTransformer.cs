namespace SamCompiler.Transform.Function;

/// <summary>
/// AWS::Serverless::Function to Lambda, IAM and friends (SamFunction in samtranslator/model/sam_resources.py).
/// The event sources live in FunctionTransformer.Events.cs.
/// </summary>
public sealed partial class FunctionTransformer : IResourceTransformer
{
    /// <inheritdoc />
    public string ResourceType => "AWS::Serverless::Function";

    /// <inheritdoc />
    public int Order => 0;

    /// <inheritdoc />
    public IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context) => [];
}
