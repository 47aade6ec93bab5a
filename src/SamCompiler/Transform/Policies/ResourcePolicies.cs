using SamCompiler.Syntax;

namespace SamCompiler.Transform.Policies;

/// <summary>The kinds of entries of a Policies property (samtranslator/model/resource_policies.py, PolicyTypes).</summary>
public enum PolicyTypes
{
    /// <summary>A managed policy name or ARN, or an intrinsic function (other than Fn::If) giving one.</summary>
    ManagedPolicy,

    /// <summary>An IAM policy document (a mapping with a Statement key).</summary>
    PolicyStatement,

    /// <summary>A policy template: a one-key mapping whose key is a known template name.</summary>
    PolicyTemplate,

    /// <summary>Anything else.</summary>
    Unknown,
}

/// <summary>One entry of a Policies property with its kind (the reference's PolicyEntry namedtuple).</summary>
/// <param name="Data">The entry as written (the same node as in the resource's properties, not a copy).</param>
/// <param name="Type">Its kind.</param>
public sealed record PolicyEntry(Node Data, PolicyTypes Type);

/// <summary>
/// The Policies property of a SAM resource split into typed entries (ResourcePolicies in
/// samtranslator/model/resource_policies.py). A single value is treated as a one-entry list; a missing or empty
/// (falsy) value gives no entries. With a <see cref="PolicyTemplatesProcessor"/>, one-key mappings naming a known
/// template are recognised as policy templates; without one (the Function's "core" role construction) they are
/// <see cref="PolicyTypes.Unknown"/>.
/// </summary>
public sealed class ResourcePolicies
{
    /// <summary>The property name (POLICIES_PROPERTY_NAME).</summary>
    public const string PoliciesPropertyName = "Policies";

    private readonly PolicyTemplatesProcessor? _policyTemplateProcessor;

    /// <summary>
    /// Reads the Policies of <paramref name="resourceProperties"/> (a Properties mapping; null or a non-mapping gives
    /// no entries).
    /// </summary>
    /// <exception cref="TemplateException">An Fn::If entry does not have 3 arguments, or its branches are of
    /// different policy types (neither being <c>Ref: AWS::NoValue</c>).</exception>
    public ResourcePolicies(Node? resourceProperties, PolicyTemplatesProcessor? policyTemplateProcessor = null)
    {
        _policyTemplateProcessor = policyTemplateProcessor;
        Policies = GetPolicies(resourceProperties);
    }

    /// <summary>The entries, in the order written.</summary>
    public IReadOnlyList<PolicyEntry> Policies { get; }

    /// <summary>The number of entries (__len__).</summary>
    public int Count => Policies.Count;

    /// <summary>
    /// Reads a Policies value directly, as the Function does with <c>ResourcePolicies({"Policies": self.Policies})</c>.
    /// </summary>
    public static ResourcePolicies FromPolicies(Node? policies, PolicyTemplatesProcessor? policyTemplateProcessor = null)
    {
        var properties = new MapNode();
        if (policies is not null)
        {
            properties[PoliciesPropertyName] = policies;
        }

        return new ResourcePolicies(properties, policyTemplateProcessor);
    }

    /// <summary>The entries (get()).</summary>
    public IEnumerable<PolicyEntry> Get() => Policies;

    /// <summary>Python truthiness of a loaded value: null, "", 0, 0.0, false, {} and [] are false.</summary>
    public static bool IsTruthy(Node? value) => Intrinsics.Truthy(value);

    /// <summary>is_intrinsic_no_value: <c>{"Ref": "AWS::NoValue"}</c>.</summary>
    public static bool IsIntrinsicNoValue(Node? value) => Intrinsics.IsNoValue(value);

    /// <summary>is_intrinsic_if: a one-key mapping whose key is Fn::If.</summary>
    public static bool IsIntrinsicIf(Node? value) => Intrinsics.IsIf(value);

    /// <summary>
    /// validate_intrinsic_if_items: the value of Fn::If must be a list of 3 items, else
    /// <see cref="TemplateException"/> "Fn::If requires 3 arguments".
    /// </summary>
    public static ListNode ValidateIntrinsicIfItems(Node? items, Node? spanOf = null) =>
        items is ListNode { Count: 3 } list
            ? list
            : throw new TemplateException("Fn::If requires 3 arguments", (items ?? spanOf)?.Span ?? default);

    private List<PolicyEntry> GetPolicies(Node? resourceProperties)
    {
        Node? policies = null;
        if (resourceProperties is MapNode props && props.ContainsKey(PoliciesPropertyName))
        {
            policies = props[PoliciesPropertyName];
        }

        if (!IsTruthy(policies))
        {
            return [];
        }

        IEnumerable<Node> items = policies is ListNode list ? list : [policies!];
        var result = new List<PolicyEntry>();
        foreach (var policy in items)
        {
            result.Add(new PolicyEntry(policy, GetPolicyType(policy)));
        }

        return result;
    }

    private PolicyTypes GetPolicyType(Node policy)
    {
        if (policy is ScalarNode { Kind: ScalarKind.String })
        {
            return PolicyTypes.ManagedPolicy;
        }

        if (IsIntrinsicIf(policy))
        {
            return GetTypeFromIntrinsicIf((MapNode)policy);
        }

        if (policy.IsIntrinsic)
        {
            return PolicyTypes.ManagedPolicy;
        }

        if (policy is MapNode m && m.ContainsKey("Statement"))
        {
            return PolicyTypes.PolicyStatement;
        }

        if (IsPolicyTemplate(policy))
        {
            return PolicyTypes.PolicyTemplate;
        }

        return PolicyTypes.Unknown;
    }

    private bool IsPolicyTemplate(Node policy) =>
        _policyTemplateProcessor is not null
        && policy is MapNode { Count: 1 } m
        && _policyTemplateProcessor.Has(m.KeyAt(0));

    private PolicyTypes GetTypeFromIntrinsicIf(MapNode policy)
    {
        var items = ValidateIntrinsicIfItems(policy["Fn::If"], policy);
        var ifData = items[1];
        var elseData = items[2];
        var ifType = GetPolicyType(ifData);
        var elseType = GetPolicyType(elseData);
        if (ifType == elseType)
        {
            return ifType;
        }

        if (IsIntrinsicNoValue(ifData))
        {
            return elseType;
        }

        if (IsIntrinsicNoValue(elseData))
        {
            return ifType;
        }

        throw new TemplateException(
            "Different policy types within the same Fn::If statement is unsupported. Separate different policy types into different Fn::If statements",
            policy.Span);
    }
}
