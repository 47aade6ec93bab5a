namespace SamCompiler.Transform;

/// <summary>Turns one SAM resource type into CloudFormation resources (a samtranslator resource macro).</summary>
public interface IResourceTransformer
{
    /// <summary>The SAM type handled, e.g. AWS::Serverless::Function.</summary>
    string ResourceType { get; }

    /// <summary>Processing order: 0 functions, 1 state machines, 2 APIs, 3 others, 4 connectors (the reference's order).</summary>
    int Order { get; }

    /// <summary>Generates the resources. Throws <see cref="TransformException"/> for invalid input.</summary>
    IReadOnlyList<CfnResource> Transform(SamResource resource, TranslationContext context);
}

/// <summary>A template-wide step before or after the resources are transformed (a samtranslator plugin).</summary>
public interface ITemplatePlugin
{
    /// <summary>Runs on the input template before any resource is transformed.</summary>
    void BeforeTransform(TranslationContext context)
    {
    }

    /// <summary>Runs on each SAM resource just before its transform (samtranslator's before_transform_resource).</summary>
    void BeforeTransformResource(SamResource resource, TranslationContext context)
    {
    }

    /// <summary>Runs on the output template after every resource is transformed.</summary>
    void AfterTransform(TranslationContext context)
    {
    }
}
