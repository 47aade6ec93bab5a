namespace SamCompiler.Transform.Events;

/// <summary>The keyword arguments the reference passes to an event source's to_cloudformation.</summary>
internal sealed class EventSourceContext
{
    /// <summary>Creates the context.</summary>
    public EventSourceContext(
        SamResource samFunction, CfnResource lambdaFunction, EventTarget function, CfnResource? role, TranslationContext translation, object? linked)
    {
        SamFunction = samFunction;
        LambdaFunction = lambdaFunction;
        Function = function;
        Role = role;
        Translation = translation;
        Linked = linked;
    }

    /// <summary>The SAM function the event belongs to.</summary>
    public SamResource SamFunction { get; }

    /// <summary>The generated AWS::Lambda::Function (also when <see cref="Function"/> is its alias).</summary>
    public CfnResource LambdaFunction { get; }

    /// <summary>The function (or alias) the event invokes.</summary>
    public EventTarget Function { get; }

    /// <summary>The function's generated execution role, or null when the function names its own.</summary>
    public CfnResource? Role { get; }

    /// <summary>The translation.</summary>
    public TranslationContext Translation { get; }

    /// <summary>What <see cref="EventSource.ResourcesToLink"/> returned for this event.</summary>
    public object? Linked { get; }

    /// <summary>The partition of the region (ArnGenerator.get_partition_name()).</summary>
    public string Partition => Translation.Partition;

    /// <summary>A new resource with the function's pass-through attributes.</summary>
    public CfnResource NewResource(string logicalId, string type, FunctionEvent ev) =>
        new CfnResource(logicalId, type, ev.Span).PassThrough(Function.PassThrough);

    /// <summary>arn:PARTITION:iam::aws:policy/NAME (ArnGenerator.generate_aws_managed_policy_arn).</summary>
    public string ManagedPolicyArn(string name) => $"arn:{Partition}:iam::aws:policy/{name}";
}
