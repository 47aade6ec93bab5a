namespace SamCompiler.Transform;

/// <summary>
/// The resource transformers and template plugins, registered explicitly (no reflection). Plugin order is the
/// reference's (translator.py, prepare_plugins): default definition body, implicit REST API, implicit HTTP API,
/// Globals, policy templates.
/// </summary>
public static class TransformRegistry
{
    private static readonly Dictionary<string, IResourceTransformer> ByType = BuildTransformers();

    /// <summary>Template plugins in the order they run.</summary>
    public static IReadOnlyList<ITemplatePlugin> Plugins { get; } =
    [
        new Api.DefaultDefinitionBodyPlugin(),
        new Api.ImplicitRestApiPlugin(),
        new Api.ImplicitHttpApiPlugin(),
        new Globals.GlobalsPlugin(),
        new Policies.PolicyTemplatesPlugin(),
        new Function.DeploymentPreferencesPlugin(),
    ];

    /// <summary>Every transformer.</summary>
    public static IEnumerable<IResourceTransformer> Transformers => ByType.Values;

    /// <summary>The transformer of a SAM type, or null for types passed through unchanged.</summary>
    public static IResourceTransformer? Transformer(string type) => ByType.GetValueOrDefault(type);

    private static Dictionary<string, IResourceTransformer> BuildTransformers()
    {
        IResourceTransformer[] all =
        [
            new Function.FunctionTransformer(),
            new StateMachine.StateMachineTransformer(),
            new Layers.LayerVersionTransformer(),
            new Api.ApiTransformer(),
            new Api.HttpApiTransformer(),
            new Api.SimpleTableTransformer(),
            new Application.ApplicationTransformer(),
        ];
        return all.ToDictionary(t => t.ResourceType, StringComparer.Ordinal);
    }
}
