using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.Policies;

/// <summary>The execution role of a resource (samtranslator/model/role_utils/role_constructor.py).</summary>
public static class RoleConstructor
{
    /// <summary>The CloudFormation type of the role (IAMRole.resource_type).</summary>
    public const string IamRoleType = "AWS::IAM::Role";

    /// <summary>
    /// construct_role_for_resource: the AWS::IAM::Role <c>&lt;resourceLogicalId&gt;Role</c>.
    /// <list type="bullet">
    /// <item>Properties are set in IAMRole's order: AssumeRolePolicyDocument, ManagedPolicyArns (always, possibly
    /// empty), Path, Policies (only when not empty), PermissionsBoundary, Tags (null values are skipped).</item>
    /// <item>Each policy statement entry at index <c>i</c> of <paramref name="resourcePolicies"/> is appended to
    /// <paramref name="policyDocuments"/> as <c>{"PolicyName": "&lt;Id&gt;RolePolicy&lt;i&gt;", "PolicyDocument": ...}</c>;
    /// in an Fn::If, each branch that is not <c>Ref: AWS::NoValue</c> is wrapped that way and the Fn::If appended.</item>
    /// <item>Each managed policy entry is resolved with <see cref="ManagedPolicyMap.GetManagedPolicyArn"/> (string
    /// branches of an Fn::If too; other intrinsics are kept) and appended to <paramref name="managedPolicyArns"/>
    /// unless an equal value is already there.</item>
    /// </list>
    /// Like the reference, Fn::If entries of the Policies are rewritten in place and the lists passed in are
    /// appended to.
    /// </summary>
    /// <param name="resourceLogicalId">The SAM resource's logical id.</param>
    /// <param name="attributes">Resource attributes for the role (the SAM resource's pass-through attributes:
    /// Condition, DeletionPolicy, UpdateReplacePolicy), or null.</param>
    /// <param name="managedPolicyMap">The caller's managed policy map, consulted first (null in the reference's
    /// transform()).</param>
    /// <param name="assumeRolePolicyDocument">The trust policy.</param>
    /// <param name="resourcePolicies">The Policies of the resource, read without a template processor.</param>
    /// <param name="managedPolicyArns">Managed policy ARNs added by SAM before the user's (e.g.
    /// AWSLambdaBasicExecutionRole), or null.</param>
    /// <param name="policyDocuments">Inline policies added by SAM before the user's (dead-letter queue, event
    /// destinations), or null.</param>
    /// <param name="rolePath">Path, or null.</param>
    /// <param name="permissionsBoundary">PermissionsBoundary, or null.</param>
    /// <param name="tags">Tags (the list of Key/Value mappings), or null.</param>
    /// <param name="getManagedPolicyMap">The fallback loader, called for names neither bundled nor ARNs (see
    /// <see cref="ManagedPolicyMap.HarnessLoader"/>), or null.</param>
    /// <param name="partition">The partition whose bundled managed policy map is used.</param>
    /// <param name="span">The SAM text the role comes from (the resource's logical id), for diagnostics.</param>
    /// <exception cref="ResourceException">An entry is neither a managed policy nor a policy statement: "Policy at
    /// index N in the 'Policies' property is not valid".</exception>
    public static CfnResource ConstructRoleForResource(
        string resourceLogicalId,
        MapNode? attributes,
        IReadOnlyDictionary<string, string>? managedPolicyMap,
        Node assumeRolePolicyDocument,
        ResourcePolicies resourcePolicies,
        IList<Node>? managedPolicyArns = null,
        IList<Node>? policyDocuments = null,
        Node? rolePath = null,
        Node? permissionsBoundary = null,
        Node? tags = null,
        Func<IReadOnlyDictionary<string, string>?>? getManagedPolicyMap = null,
        string partition = "aws",
        SourceSpan span = default)
    {
        var roleLogicalId = resourceLogicalId + "Role";
        var executionRole = new CfnResource(roleLogicalId, IamRoleType, span);
        if (attributes is not null)
        {
            executionRole.PassThrough(attributes);
        }

        managedPolicyArns ??= [];
        policyDocuments ??= [];

        var index = 0;
        foreach (var entry in resourcePolicies.Get())
        {
            var policyName = roleLogicalId + "Policy" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (entry.Type)
            {
                case PolicyTypes.PolicyStatement:
                    if (ResourcePolicies.IsIntrinsicIf(entry.Data))
                    {
                        policyDocuments.Add(ConvertIntrinsicIfValues(
                            (MapNode)entry.Data,
                            value => !ResourcePolicies.IsIntrinsicNoValue(value),
                            value => NamedPolicy(policyName, value)));
                    }
                    else
                    {
                        policyDocuments.Add(NamedPolicy(policyName, entry.Data));
                    }

                    break;
                case PolicyTypes.ManagedPolicy:
                    {
                        var policyArn = entry.Data;
                        if (policyArn is ScalarNode { Kind: ScalarKind.String } name)
                        {
                            policyArn = ScalarNode.String(
                                ManagedPolicyMap.GetManagedPolicyArn(name.Text, managedPolicyMap, getManagedPolicyMap, partition),
                                name.Span);
                        }
                        else if (ResourcePolicies.IsIntrinsicIf(policyArn))
                        {
                            policyArn = ConvertIntrinsicIfValues(
                                (MapNode)policyArn,
                                value => !ResourcePolicies.IsIntrinsicNoValue(value) && value is ScalarNode { Kind: ScalarKind.String },
                                value => ScalarNode.String(
                                    ManagedPolicyMap.GetManagedPolicyArn(((ScalarNode)value).Text, managedPolicyMap, getManagedPolicyMap, partition),
                                    value.Span));
                        }

                        // De-duplicate: a policy SAM already added (AWSLambdaBasicExecutionRole) is not added twice.
                        if (!managedPolicyArns.Any(existing => Node.DeepEquals(existing, policyArn)))
                        {
                            managedPolicyArns.Add(policyArn);
                        }

                        break;
                    }

                default:
                    throw new ResourceException(
                        resourceLogicalId,
                        $"Policy at index {index} in the '{ResourcePolicies.PoliciesPropertyName}' property is not valid",
                        entry.Data.Span);
            }

            index++;
        }

        executionRole.Set("AssumeRolePolicyDocument", assumeRolePolicyDocument);
        executionRole.Set("ManagedPolicyArns", new ListNode(managedPolicyArns));
        executionRole.Set("Path", rolePath);
        executionRole.Set("Policies", policyDocuments.Count > 0 ? new ListNode(policyDocuments) : null);
        executionRole.Set("PermissionsBoundary", permissionsBoundary);
        executionRole.Set("Tags", tags);
        return executionRole;
    }

    /// <summary>
    /// _convert_intrinsic_if_values: converts (in place) the true and false values of an Fn::If for which
    /// <paramref name="isConvertible"/> holds, and returns the same Fn::If.
    /// </summary>
    public static MapNode ConvertIntrinsicIfValues(MapNode intrinsicIf, Func<Node, bool> isConvertible, Func<Node, Node> convert)
    {
        var items = (ListNode)intrinsicIf["Fn::If"]!;
        var valueIfTrue = items[1];
        var valueIfFalse = items[2];
        if (isConvertible(valueIfTrue))
        {
            items[1] = convert(valueIfTrue);
        }

        if (isConvertible(valueIfFalse))
        {
            items[2] = convert(valueIfFalse);
        }

        return intrinsicIf;
    }

    private static MapNode NamedPolicy(string policyName, Node document) =>
        new() { Span = document.Span, ["PolicyName"] = policyName, ["PolicyDocument"] = document };
}
