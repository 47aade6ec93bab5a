using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>A template parameter as Pulumi config.</summary>
/// <param name="Name">The config key (the parameter name).</param>
/// <param name="Variable">The program variable.</param>
/// <param name="Kind">string, number, list or ssm (an SSM parameter name resolved at deployment).</param>
/// <param name="Default">The default value, if any.</param>
/// <param name="Allowed">The allowed values, if any.</param>
/// <param name="Description">The description, if any.</param>
/// <param name="Secret">NoEcho.</param>
internal sealed record PulumiParameter(string Name, string Variable, string Kind, ScalarNode? Default, IReadOnlyList<ScalarNode>? Allowed, string? Description, bool Secret);

/// <summary>A template condition as a boolean.</summary>
internal sealed record PulumiCondition(string Name, string Variable, PValue Value);

/// <summary>A template mapping as a constant.</summary>
internal sealed record PulumiMapping(string Name, string Variable, MapNode Value);

/// <summary>One Pulumi resource statement.</summary>
/// <param name="LogicalId">The CloudFormation logical id it comes from.</param>
/// <param name="Name">The Pulumi resource name.</param>
/// <param name="Variable">The program variable.</param>
/// <param name="CfnType">The CloudFormation type it comes from.</param>
/// <param name="Class">The Pulumi class.</param>
/// <param name="Args">The inputs.</param>
/// <param name="Condition">The guarding condition variable, if any.</param>
/// <param name="DependsOn">Variables of resources it must be created after (DependsOn).</param>
/// <param name="Retain">DeletionPolicy Retain.</param>
internal sealed record PulumiResource(
    string LogicalId,
    string Name,
    string Variable,
    string CfnType,
    PulumiClass Class,
    IReadOnlyList<KeyValuePair<string, PValue>> Args,
    string? Condition,
    IReadOnlyList<(string Variable, string Name, bool Conditional)> DependsOn,
    bool Retain);

/// <summary>A stack output.</summary>
internal sealed record PulumiOutput(string Name, string Variable, PValue Value, string? Condition, string? Description);

/// <summary>The language-independent program the writers render.</summary>
internal sealed class PulumiProgram
{
    /// <summary>The template description.</summary>
    public string? Description { get; set; }

    /// <summary>Parameters.</summary>
    public List<PulumiParameter> Parameters { get; } = [];

    /// <summary>Mappings.</summary>
    public List<PulumiMapping> Mappings { get; } = [];

    /// <summary>Mappings looked up with keys known only when the program runs (the others are resolved by samc).</summary>
    public HashSet<string> UsedMappings { get; } = new(StringComparer.Ordinal);

    /// <summary>Conditions, in dependency order.</summary>
    public List<PulumiCondition> Conditions { get; } = [];

    /// <summary>Resources, in dependency order.</summary>
    public List<PulumiResource> Resources { get; } = [];

    /// <summary>Outputs.</summary>
    public List<PulumiOutput> Outputs { get; } = [];

    /// <summary>Pseudo-parameter lookups used: region, callerIdentity, partition.</summary>
    public SortedSet<string> Lookups { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Lookups a condition needs before any resource is declared (the account id, the partition): the program is
    /// then an async function that awaits them.
    /// </summary>
    public SortedSet<string> AwaitedLookups { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the program uses Fn::Cidr (it then declares a cidr helper).</summary>
    public bool UsesCidr { get; set; }

    /// <summary>True when a resource uses @pulumi/aws-native.</summary>
    public bool UsesNative => Resources.Any(r => r.Class.IsNative);
}
