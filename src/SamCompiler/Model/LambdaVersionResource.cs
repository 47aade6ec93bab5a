using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An AWS::Lambda::Version.</summary>
public sealed class LambdaVersionResource : TemplateResource
{
    /// <summary>Wraps the entry.</summary>
    public LambdaVersionResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>The function of this template it versions (FunctionName's Ref or GetAtt), or null.</summary>
    public FunctionResource? Function => Template.Referenced(Properties["FunctionName"]) as FunctionResource;

    /// <summary>FunctionName, evaluated.</summary>
    public ModelValue FunctionName => Value("FunctionName");

    /// <summary>ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions.</summary>
    public ModelValue ProvisionedConcurrentExecutions => Value("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions");
}
