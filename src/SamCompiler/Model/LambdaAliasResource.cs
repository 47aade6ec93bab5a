using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An AWS::Lambda::Alias.</summary>
public sealed class LambdaAliasResource : TemplateResource
{
    /// <summary>Wraps the entry.</summary>
    public LambdaAliasResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>Name.</summary>
    public ModelValue Name => Value("Name");

    /// <summary>The function of this template it points at (FunctionName's Ref or GetAtt), or null.</summary>
    public FunctionResource? Function => Template.Referenced(Properties["FunctionName"]) as FunctionResource;

    /// <summary>FunctionVersion as written (a version string, or a Ref/GetAtt of an AWS::Lambda::Version).</summary>
    public Node? FunctionVersion => Properties["FunctionVersion"];

    /// <summary>The AWS::Lambda::Version of this template FunctionVersion names, or null.</summary>
    public LambdaVersionResource? Version => Template.Referenced(Properties["FunctionVersion"]) as LambdaVersionResource;

    /// <summary>RoutingConfig as written, or null.</summary>
    public Node? RoutingConfig => Properties["RoutingConfig"];

    /// <summary>ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions.</summary>
    public ModelValue ProvisionedConcurrentExecutions => Value("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions");
}
