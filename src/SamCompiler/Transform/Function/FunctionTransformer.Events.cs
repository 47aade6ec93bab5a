using SamCompiler.Syntax;

namespace SamCompiler.Transform.Function;

/// <summary>The Events of a function (samtranslator SamFunction._generate_event_resources and friends).</summary>
public sealed partial class FunctionTransformer
{
    /// <summary>
    /// Generates the resources of the function's <c>Events</c> (SamFunction._generate_event_resources): called
    /// after the function, its role, version and alias are built. <paramref name="lambdaAlias"/> is null without
    /// AutoPublishAlias. Returns the generated resources in the reference's order.
    /// </summary>
    internal static IReadOnlyList<CfnResource> GenerateEventResources(
        SamResource function,
        CfnResource lambdaFunction,
        CfnResource? executionRole,
        CfnResource? lambdaAlias,
        TranslationContext context) => [];

    /// <summary>
    /// Managed policy ARNs that the function's pull event sources (SQS, Kinesis, DynamoDB, MSK, MQ, ...) add to the
    /// generated role (samtranslator: each PullEventSource's get_policy_arn / get_policy_statements, as used in
    /// SamFunction._construct_role). Returns (managed ARNs, inline policy documents).
    /// </summary>
    internal static (IReadOnlyList<Node> ManagedPolicyArns, IReadOnlyList<Node> PolicyDocuments) EventSourceRolePolicies(
        SamResource function,
        TranslationContext context) => ([], []);
}
