namespace SamCompiler.Transform.Api;

/// <summary>AWS::Serverless::HttpApi to API Gateway V2 (SamHttpApi and HttpApiGenerator).</summary>
public sealed partial class HttpApiTransformer : IResourceTransformer
{
    /// <inheritdoc />
    public string ResourceType => ApiTypes.HttpApi;

    /// <inheritdoc />
    public int Order => 2;
}
