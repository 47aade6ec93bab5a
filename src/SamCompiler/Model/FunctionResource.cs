using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>An environment variable of a function.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="KeySpan">The span of the name.</param>
/// <param name="Value">The value, evaluated.</param>
public sealed record EnvironmentVariable(string Name, SourceSpan KeySpan, ModelValue Value);

/// <summary>A layer a function names: the value, and the layer of this template it is, if any.</summary>
/// <param name="Node">The list item as written.</param>
/// <param name="Value">The item, evaluated (an ARN when it is a string).</param>
/// <param name="Layer">The layer resource of this template it names with Ref, or null.</param>
public sealed record LayerReference(Node Node, ModelValue Value, LayerResource? Layer);

/// <summary>
/// What AWS::Serverless::Function and AWS::Lambda::Function share (their property names match for these), with the
/// Globals merged into Serverless functions.
/// </summary>
public abstract class FunctionResource : TemplateResource
{
    /// <summary>Lambda's MemorySize when none is set (MB).</summary>
    public const int DefaultMemorySize = 128;

    /// <summary>Lambda's Timeout when none is set (seconds).</summary>
    public const int DefaultTimeout = 3;

    /// <summary>Wraps a function entry.</summary>
    protected FunctionResource(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>Runtime.</summary>
    public ModelValue Runtime => Value("Runtime");

    /// <summary>Handler.</summary>
    public ModelValue Handler => Value("Handler");

    /// <summary>MemorySize (MB).</summary>
    public ModelValue MemorySize => Value("MemorySize");

    /// <summary>Timeout (seconds).</summary>
    public ModelValue Timeout => Value("Timeout");

    /// <summary>The Timeout in seconds, Lambda's default 3 when unset, null when it is not known before deployment.</summary>
    public double? TimeoutSeconds => Timeout.Kind == ValueKind.Absent ? DefaultTimeout : Timeout.AsNumber();

    /// <summary>Description.</summary>
    public ModelValue Description => Value("Description");

    /// <summary>FunctionName.</summary>
    public ModelValue FunctionName => Value("FunctionName");

    /// <summary>PackageType (Zip or Image).</summary>
    public ModelValue PackageType => Value("PackageType");

    /// <summary>True when the function is a container image.</summary>
    public bool IsImage => PackageType.AsString() == "Image";

    /// <summary>Role.</summary>
    public ModelValue Role => Value("Role");

    /// <summary>ReservedConcurrentExecutions.</summary>
    public ModelValue ReservedConcurrentExecutions => Value("ReservedConcurrentExecutions");

    /// <summary>EphemeralStorage.Size (MB).</summary>
    public ModelValue EphemeralStorageSize => Value("EphemeralStorage", "Size");

    /// <summary>Architectures as written.</summary>
    public Node? Architectures => Properties["Architectures"];

    /// <summary>The first architecture, Lambda's x86_64 when unset or not known.</summary>
    public string Architecture => Architectures is ListNode { Count: > 0 } a && Template.Evaluator.Evaluate(a[0]).AsString() is { } arch ? arch : "x86_64";

    /// <summary>VpcConfig as written.</summary>
    public Node? VpcConfig => Properties["VpcConfig"];

    /// <summary>SnapStart as written.</summary>
    public Node? SnapStart => Properties["SnapStart"];

    /// <summary>Environment.Variables as written (after the Globals merge), or null.</summary>
    public Node? EnvironmentVariablesNode => Properties["Environment"].Get("Variables");

    /// <summary>The environment variables in template order (empty when Variables is not a plain mapping).</summary>
    public IReadOnlyList<EnvironmentVariable> EnvironmentVariables
    {
        get
        {
            if (EnvironmentVariablesNode is not MapNode variables || variables.IsIntrinsic)
            {
                return [];
            }

            var result = new List<EnvironmentVariable>(variables.Count);
            foreach (var (name, value) in variables)
            {
                result.Add(new EnvironmentVariable(name, variables.KeySpan(name), Template.Evaluator.Evaluate(value)));
            }

            return result;
        }
    }

    /// <summary>Layers as written (after the Globals merge: global layers first), or null.</summary>
    public Node? LayersNode => Properties["Layers"];

    /// <summary>The layers in order, with the layer resource of this template each names, if any.</summary>
    public IReadOnlyList<LayerReference> Layers => LayersNode is ListNode list
        ? [.. list.Select(item => new LayerReference(item, Template.Evaluator.Evaluate(item), Template.Referenced(item) as LayerResource))]
        : [];

    /// <summary>Where the function's code is (CodeUri, InlineCode or ImageUri; Code for AWS::Lambda::Function).</summary>
    public abstract ArtifactLocation Code { get; }

    /// <summary>The ARN of the dead-letter target (DeadLetterQueue.TargetArn or DeadLetterConfig.TargetArn) as written, or null.</summary>
    public abstract Node? DeadLetterTarget { get; }
}

/// <summary>An AWS::Lambda::Function.</summary>
public sealed class LambdaFunction : FunctionResource
{
    /// <summary>Wraps the entry.</summary>
    public LambdaFunction(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>Code: a map (S3Bucket/S3Key, ZipFile, ImageUri) or, before packaging, a local path.</summary>
    public override ArtifactLocation Code => Artifacts.Classify("Code", Properties["Code"], Template.Evaluator);

    /// <inheritdoc />
    public override Node? DeadLetterTarget => Properties["DeadLetterConfig"].Get("TargetArn");
}

/// <summary>An AWS::Serverless::Function, with the Globals merged into its properties.</summary>
public sealed class ServerlessFunction : FunctionResource
{
    private IReadOnlyList<FunctionEvent>? _events;

    /// <summary>Wraps the entry.</summary>
    public ServerlessFunction(SamTemplate template, string logicalId, SourceSpan keySpan, MapNode definition, MapNode properties)
        : base(template, logicalId, keySpan, definition, properties)
    {
    }

    /// <summary>ImageUri for image functions, else InlineCode when given, else CodeUri (absent when none is written).</summary>
    public override ArtifactLocation Code =>
        IsImage ? Artifacts.Classify("ImageUri", Properties["ImageUri"], Template.Evaluator)
        : Properties["InlineCode"] is { } inline && Properties["CodeUri"] is null ? Artifacts.Classify("InlineCode", inline, Template.Evaluator)
        : Artifacts.Classify("CodeUri", Properties["CodeUri"], Template.Evaluator);

    /// <inheritdoc />
    public override Node? DeadLetterTarget => Properties["DeadLetterQueue"].Get("TargetArn");

    /// <summary>DeadLetterQueue.Type (SQS or SNS).</summary>
    public ModelValue DeadLetterQueueType => Value("DeadLetterQueue", "Type");

    /// <summary>AutoPublishAlias.</summary>
    public ModelValue AutoPublishAlias => Value("AutoPublishAlias");

    /// <summary>AutoPublishAliasAllProperties.</summary>
    public ModelValue AutoPublishAliasAllProperties => Value("AutoPublishAliasAllProperties");

    /// <summary>DeploymentPreference as written.</summary>
    public Node? DeploymentPreference => Properties["DeploymentPreference"];

    /// <summary>ProvisionedConcurrencyConfig as written.</summary>
    public Node? ProvisionedConcurrencyConfig => Properties["ProvisionedConcurrencyConfig"];

    /// <summary>ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions.</summary>
    public ModelValue ProvisionedConcurrentExecutions => Value("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions");

    /// <summary>FunctionUrlConfig as written.</summary>
    public Node? FunctionUrlConfig => Properties["FunctionUrlConfig"];

    /// <summary>FunctionUrlConfig.AuthType.</summary>
    public ModelValue FunctionUrlAuthType => Value("FunctionUrlConfig", "AuthType");

    /// <summary>EventInvokeConfig as written.</summary>
    public MapNode? EventInvokeConfig => Properties["EventInvokeConfig"] as MapNode;

    /// <summary>EventInvokeConfig.MaximumRetryAttempts.</summary>
    public ModelValue MaximumRetryAttempts => Value("EventInvokeConfig", "MaximumRetryAttempts");

    /// <summary>EventInvokeConfig.MaximumEventAgeInSeconds.</summary>
    public ModelValue MaximumEventAgeInSeconds => Value("EventInvokeConfig", "MaximumEventAgeInSeconds");

    /// <summary>EventInvokeConfig.DestinationConfig.OnSuccess as written, or null.</summary>
    public MapNode? OnSuccess => EventInvokeConfig.Get("DestinationConfig").Get("OnSuccess") as MapNode;

    /// <summary>EventInvokeConfig.DestinationConfig.OnFailure as written, or null.</summary>
    public MapNode? OnFailure => EventInvokeConfig.Get("DestinationConfig").Get("OnFailure") as MapNode;

    /// <summary>Policies as written (a name, a document, or a list of them), or null.</summary>
    public Node? Policies => Properties["Policies"];

    /// <summary>Metadata.BuildMethod (how sam build builds the function), e.g. esbuild, makefile.</summary>
    public ModelValue BuildMethod => Template.Evaluator.Evaluate(Metadata?["BuildMethod"]);

    /// <summary>Metadata.BuildProperties as written, or null.</summary>
    public MapNode? BuildProperties => Metadata?["BuildProperties"] as MapNode;

    /// <summary>The Events mapping as written, or null.</summary>
    public MapNode? EventsNode => Properties["Events"] as MapNode;

    /// <summary>The events, typed by their Type, in template order (entries that are not mappings with a Type are left out).</summary>
    public IReadOnlyList<FunctionEvent> Events => _events ??= FunctionEvent.Read(this);
}
