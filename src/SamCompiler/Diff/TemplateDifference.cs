using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Diff;

/// <summary>What happened to a resource, property or template entry.</summary>
public enum ChangeKind
{
    /// <summary>Only in the new template.</summary>
    Added,

    /// <summary>Only in the old template.</summary>
    Removed,

    /// <summary>In both, with different values.</summary>
    Modified,
}

/// <summary>Whether CloudFormation replaces a resource to apply the change.</summary>
public enum Replacement
{
    /// <summary>Updated in place.</summary>
    None,

    /// <summary>Replaced: the type changed, or a create-only property changed.</summary>
    Always,

    /// <summary>May be replaced (a conditionally create-only property changed).</summary>
    Conditional,

    /// <summary>Unknown: the type has no provider schema in samc's data (custom resources, third-party types).</summary>
    Unknown,
}

/// <summary>A changed value at a path of a resource (<c>Properties.TableName</c>, <c>Properties.Tags[0].Value</c>, <c>DeletionPolicy</c>).</summary>
/// <param name="Path">The path, dotted, list items as [i].</param>
/// <param name="Kind">Added, removed or modified.</param>
/// <param name="Old">The old value (null when added).</param>
/// <param name="New">The new value (null when removed).</param>
/// <param name="Replacement">What the provider schema says changing it does.</param>
public sealed record PropertyChange(string Path, ChangeKind Kind, Node? Old, Node? New, Replacement Replacement);

/// <summary>An added, removed or modified resource.</summary>
/// <param name="LogicalId">The logical id.</param>
/// <param name="Kind">Added, removed or modified.</param>
/// <param name="Type">The resource type (the new one when both exist).</param>
/// <param name="OldType">The old type when it changed, else null.</param>
/// <param name="Replacement">For a modified resource, the strongest replacement of its changes.</param>
/// <param name="Changes">The changed paths of a modified resource.</param>
/// <param name="Span">Where the resource is in the new (or, when removed, the old) template.</param>
public sealed record ResourceDifference(string LogicalId, ChangeKind Kind, string Type, string? OldType, Replacement Replacement, IReadOnlyList<PropertyChange> Changes, SourceSpan Span);

/// <summary>An added, removed or modified entry of Parameters, Conditions, Mappings or Outputs.</summary>
/// <param name="Section">The section.</param>
/// <param name="Name">The entry's key.</param>
/// <param name="Kind">Added, removed or modified.</param>
public sealed record EntryDifference(string Section, string Name, ChangeKind Kind);

/// <summary>The kinds of IAM change <see cref="IamWidening"/> reports.</summary>
public enum IamWideningKind
{
    /// <summary>An Allow statement grants an action the old policy did not.</summary>
    NewAction,

    /// <summary>A newly granted action is a wildcard (<c>*</c> or <c>service:*</c>, <c>s3:Get*</c>).</summary>
    WildcardAction,

    /// <summary>An action is now allowed on every resource (<c>Resource: "*"</c>).</summary>
    WildcardResource,

    /// <summary>An action is allowed on a resource it was not allowed on before.</summary>
    NewResource,

    /// <summary>A principal (account, service, role, <c>*</c>) is trusted or granted that was not before.</summary>
    NewPrincipal,

    /// <summary>A new Allow statement uses NotAction, NotResource or NotPrincipal (allow everything except).</summary>
    NegatedGrant,

    /// <summary>A statement kept its Sid but lost its Condition.</summary>
    ConditionRemoved,

    /// <summary>A Deny statement's action is no longer denied.</summary>
    DenyRemoved,

    /// <summary>A managed policy is attached that was not before.</summary>
    ManagedPolicyAdded,
}

/// <summary>One IAM change that widens permissions.</summary>
/// <param name="LogicalId">The resource that holds the policy.</param>
/// <param name="Type">Its type.</param>
/// <param name="Path">Where the policy is (<c>Properties.Policies[MyPolicy].PolicyDocument</c>).</param>
/// <param name="Kind">What widened.</param>
/// <param name="Detail">The action, resource, principal or ARN concerned.</param>
public sealed record IamWidening(string LogicalId, string Type, string Path, IamWideningKind Kind, string Detail);

/// <summary>The difference between two CloudFormation templates.</summary>
/// <param name="Resources">Changed resources, by logical id (ordinal order).</param>
/// <param name="Entries">Changed Parameters, Conditions, Mappings and Outputs entries.</param>
/// <param name="IamWidenings">IAM changes that widen permissions.</param>
public sealed record TemplateDifference(IReadOnlyList<ResourceDifference> Resources, IReadOnlyList<EntryDifference> Entries, IReadOnlyList<IamWidening> IamWidenings)
{
    /// <summary>True when the templates differ in anything this compares.</summary>
    public bool HasDifferences => Resources.Count > 0 || Entries.Count > 0;

    /// <summary>True when a resource would be replaced (or may be).</summary>
    public bool HasReplacements => Resources.Any(r => r.Kind == ChangeKind.Modified && r.Replacement is Replacement.Always or Replacement.Conditional);
}
