using SamCompiler.Syntax;
using SamCompiler.Transform.Policies;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.Function;

/// <summary>The execution role (SamFunction._construct_role).</summary>
public sealed partial class FunctionTransformer
{
    private static CfnResource ConstructRole(FunctionModel f, List<Node> eventInvokePolicies, TranslationContext context)
    {
        var partition = context.Partition;
        var assumeRole = f["AssumeRolePolicyDocument"]?.Clone() ?? IamRolePolicies.LambdaAssumeRolePolicy();
        var managedArns = new List<Node>
        {
            ManagedPolicyMap.AwsManagedPolicyArn(partition, Truthy(f["DurableConfig"]) ? "service-role/AWSLambdaBasicDurableExecutionRolePolicy" : "service-role/AWSLambdaBasicExecutionRole"),
        };
        var tracing = f["Tracing"] is { } t ? context.Intrinsics.ResolveParameterRefs(t.Clone()) : null;
        if (Truthy(f["Tracing"]) && tracing.AsString() != TracingDisabled)
        {
            managedArns.Add(ManagedPolicyMap.AwsManagedPolicyArn(partition, ManagedPolicyMap.XrayManagedPolicyName(partition)));
        }

        if (Truthy(f["VpcConfig"]))
        {
            managedArns.Add(ManagedPolicyMap.AwsManagedPolicyArn(partition, "service-role/AWSLambdaVPCAccessExecutionRole"));
        }

        var policyDocuments = new List<Node>();
        if (Truthy(f["DeadLetterQueue"]))
        {
            var dlq = (MapNode)f["DeadLetterQueue"]!;
            var action = IamRolePolicies.DeadLetterQueuePolicyActions[dlq["Type"].AsString()!];
            policyDocuments.Add(IamRolePolicies.DeadLetterQueuePolicy(action, dlq["TargetArn"]!.Clone()));
        }

        if (Truthy(f["EventInvokeConfig"]))
        {
            policyDocuments.AddRange(eventInvokePolicies);
        }

        // The reference rewrites Fn::If entries of Policies in place; work on a copy so the input stays as written.
        return RoleConstructor.ConstructRoleForResource(
            f.LogicalId,
            f.Resource.PassThrough(),
            null,
            assumeRole,
            ResourcePolicies.FromPolicies(f["Policies"]?.Clone()),
            managedArns,
            policyDocuments,
            f.Copy("RolePath"),
            f.Copy("PermissionsBoundary"),
            Tags.ConstructTagList(f.Resource, f["Tags"]),
            ManagedPolicyMap.HarnessLoader(partition),
            partition,
            f.Resource.KeySpan);
    }
}
