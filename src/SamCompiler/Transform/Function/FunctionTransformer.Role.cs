using SamCompiler.Syntax;
using static SamCompiler.Transform.Intrinsics;

namespace SamCompiler.Transform.Function;

/// <summary>The execution role (SamFunction._construct_role and role_constructor.construct_role_for_resource).</summary>
public sealed partial class FunctionTransformer
{
    private static CfnResource ConstructRole(FunctionModel f, List<Node> eventInvokePolicies, TranslationContext context)
    {
        var assumeRole = f["AssumeRolePolicyDocument"]?.Clone() ?? LambdaAssumeRolePolicy();
        var managedArns = new List<Node>
        {
            ManagedArn(context, Truthy(f["DurableConfig"]) ? "service-role/AWSLambdaBasicDurableExecutionRolePolicy" : "service-role/AWSLambdaBasicExecutionRole"),
        };
        var tracing = f["Tracing"] is { } t ? context.Intrinsics.ResolveParameterRefs(t.Clone()) : null;
        if (Truthy(f["Tracing"]) && tracing.AsString() != TracingDisabled)
        {
            managedArns.Add(ManagedArn(context, context.Partition == "aws" ? "AWSXrayWriteOnlyAccess" : "AWSXRayDaemonWriteAccess"));
        }

        if (Truthy(f["VpcConfig"]))
        {
            managedArns.Add(ManagedArn(context, "service-role/AWSLambdaVPCAccessExecutionRole"));
        }

        var policyDocuments = new List<Node>();
        if (Truthy(f["DeadLetterQueue"]))
        {
            var dlq = (MapNode)f["DeadLetterQueue"]!;
            var action = dlq["Type"].AsString() == "SQS" ? "sqs:SendMessage" : "sns:Publish";
            policyDocuments.Add(new MapNode
            {
                ["PolicyName"] = "DeadLetterQueuePolicy",
                ["PolicyDocument"] = new MapNode
                {
                    ["Version"] = "2012-10-17",
                    ["Statement"] = new ListNode([new MapNode { ["Action"] = action, ["Resource"] = dlq["TargetArn"]!.Clone(), ["Effect"] = "Allow" }]),
                },
            });
        }

        if (Truthy(f["EventInvokeConfig"]))
        {
            policyDocuments.AddRange(eventInvokePolicies);
        }

        var roleId = f.LogicalId + "Role";
        var role = new CfnResource(roleId, "AWS::IAM::Role", f.Resource.KeySpan).PassThrough(f.Resource.PassThrough());
        role.Properties["AssumeRolePolicyDocument"] = assumeRole;
        var index = 0;
        foreach (var policy in PolicyEntries(f["Policies"]))
        {
            switch (PolicyType(policy))
            {
                case PolicyKind.Statement:
                    if (IsIf(policy))
                    {
                        var copy = (MapNode)policy.Clone();
                        var items = (ListNode)copy["Fn::If"]!;
                        var i = index;
                        for (var k = 1; k <= 2; k++)
                        {
                            if (!IsNoValue(items[k]))
                            {
                                items[k] = new MapNode { ["PolicyName"] = $"{roleId}Policy{i}", ["PolicyDocument"] = items[k] };
                            }
                        }

                        policyDocuments.Add(copy);
                    }
                    else
                    {
                        policyDocuments.Add(new MapNode { ["PolicyName"] = $"{roleId}Policy{index}", ["PolicyDocument"] = policy.Clone() });
                    }

                    break;
                case PolicyKind.Managed:
                    Node arn = policy.Clone();
                    if (arn.AsString() is { } name)
                    {
                        arn = ResolveManagedPolicy(name, context);
                    }
                    else if (IsIf(arn))
                    {
                        var items = (ListNode)arn.Get("Fn::If")!;
                        for (var k = 1; k <= 2; k++)
                        {
                            if (!IsNoValue(items[k]) && items[k].AsString() is { } n)
                            {
                                items[k] = ResolveManagedPolicy(n, context);
                            }
                        }
                    }

                    if (!managedArns.Any(a => Node.DeepEquals(a, arn)))
                    {
                        managedArns.Add(arn);
                    }

                    break;
                default:
                    throw f.Error($"Policy at index {index} in the 'Policies' property is not valid", "Policies");
            }

            index++;
        }

        role.Properties["ManagedPolicyArns"] = new ListNode(managedArns);
        if (policyDocuments.Count > 0)
        {
            role.Properties["Policies"] = new ListNode(policyDocuments);
        }

        role.Set("Path", f.Copy("RolePath"));
        role.Set("PermissionsBoundary", f.Copy("PermissionsBoundary"));
        role.Properties["Tags"] = Tags.ConstructTagList(f.Resource, f["Tags"]);
        return role;
    }

    private static MapNode LambdaAssumeRolePolicy() => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new ListNode(
        [
            new MapNode
            {
                ["Action"] = new ListNode(["sts:AssumeRole"]),
                ["Effect"] = "Allow",
                ["Principal"] = new MapNode { ["Service"] = new ListNode(["lambda.amazonaws.com"]) },
            },
        ]),
    };

    private static ScalarNode ManagedArn(TranslationContext context, string name) =>
        ScalarNode.String($"arn:{context.Partition}:iam::aws:policy/{name}");

    private static ScalarNode ResolveManagedPolicy(string name, TranslationContext context) =>
        ScalarNode.String(Policies.ManagedPolicyNames.Resolve(name, context.Partition));

    private static IEnumerable<Node> PolicyEntries(Node? policies)
    {
        if (!Truthy(policies))
        {
            return [];
        }

        return policies is ListNode l ? l : [policies!];
    }

    private enum PolicyKind
    {
        Managed,
        Statement,
        Template,
        Unknown,
    }

    private static PolicyKind PolicyType(Node policy)
    {
        if (policy.AsString() is not null)
        {
            return PolicyKind.Managed;
        }

        if (IsIf(policy))
        {
            var items = policy.Get("Fn::If");
            if (ValidateIfItems(items) is { } error)
            {
                throw new TemplateException(error, policy.Span);
            }

            var list = (ListNode)items!;
            var thenType = PolicyType(list[1]);
            var elseType = PolicyType(list[2]);
            if (thenType == elseType)
            {
                return thenType;
            }

            if (IsNoValue(list[1]))
            {
                return elseType;
            }

            if (IsNoValue(list[2]))
            {
                return thenType;
            }

            throw new TemplateException("Different policy types within the same Fn::If statement is unsupported. Separate different policy types into different Fn::If statements", policy.Span);
        }

        if (policy.IsIntrinsic)
        {
            return PolicyKind.Managed;
        }

        return policy is MapNode m && m.ContainsKey("Statement") ? PolicyKind.Statement : PolicyKind.Unknown;
    }
}
