using SamCompiler.Syntax;

namespace SamCompiler.Model;

/// <summary>What a <see cref="SamTemplate"/> is bound with: the region, parameter values and pseudo-parameter values.</summary>
public sealed record ModelOptions
{
    /// <summary>The region (AWS::Region); the partition and AWS::URLSuffix follow from it.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>
    /// Parameter values given by the caller (--parameter-overrides). They win over the Parameters defaults, and a
    /// value given for a pseudo parameter (AWS::Region, AWS::AccountId, ...) wins over the computed one, as in the
    /// reference translator and SAM CLI.
    /// </summary>
    public IReadOnlyDictionary<string, Node> ParameterOverrides { get; init; } = new Dictionary<string, Node>(StringComparer.Ordinal);

    /// <summary>
    /// The value of AWS::AccountId, or null when it is known only at deployment (compile and lint: the translator
    /// leaves <c>{"Ref": "AWS::AccountId"}</c> in its output). Local runs use SAM CLI's placeholder 123456789012.
    /// </summary>
    public string? AccountId { get; init; }

    /// <summary>The value of AWS::StackName, or null when it is known only at deployment. Local runs use "local".</summary>
    public string? StackName { get; init; }

    /// <summary>
    /// True to evaluate a <c>Ref</c> (or <c>${Id}</c> in Fn::Sub) to a resource of the template as its logical id,
    /// as SAM CLI does for local runs; false (the default) leaves it a deploy-time value.
    /// </summary>
    public bool ResourceRefsAsLogicalIds { get; init; }

    /// <summary>The options local runs use: SAM CLI's account and stack placeholders, resource refs as logical ids.</summary>
    public static ModelOptions ForLocal(string region, IReadOnlyDictionary<string, Node> parameterOverrides) => new()
    {
        Region = region,
        ParameterOverrides = parameterOverrides,
        AccountId = LocalAccountId,
        StackName = LocalStackName,
        ResourceRefsAsLogicalIds = true,
    };

    /// <summary>SAM CLI's account id for local runs.</summary>
    public const string LocalAccountId = "123456789012";

    /// <summary>SAM CLI's stack name for local runs.</summary>
    public const string LocalStackName = "local";
}
