using static SamCompiler.Transform.PropertyTypes;

namespace SamCompiler.Transform.Function;

/// <summary>The properties of AWS::Serverless::Function as the reference declares them (SamFunction.property_types).</summary>
internal static class FunctionProperties
{
    /// <summary>The table, in the reference's order (validation reports the first failure in this order).</summary>
    public static readonly PropertySpec[] Specs =
    [
        PropertySpec.Typed("FunctionName", OneOf(IsStr, IsDict)),
        PropertySpec.PassThrough("Handler"),
        PropertySpec.PassThrough("Runtime"),
        PropertySpec.PassThrough("CodeUri"),
        PropertySpec.PassThrough("ImageUri"),
        PropertySpec.PassThrough("PackageType"),
        PropertySpec.PassThrough("InlineCode"),
        PropertySpec.Typed("DeadLetterQueue", IsDict),
        PropertySpec.PassThrough("Description"),
        PropertySpec.PassThrough("MemorySize"),
        PropertySpec.PassThrough("Timeout"),
        PropertySpec.PassThrough("VpcConfig"),
        PropertySpec.Typed("Role", IsStr),
        PropertySpec.Typed("AssumeRolePolicyDocument", IsDict),
        PropertySpec.Typed("Policies", OneOf(IsStr, IsDict, ListOf(OneOf(IsStr, IsDict)))),
        PropertySpec.PassThrough("RolePath"),
        PropertySpec.Typed("PermissionsBoundary", IsStr),
        PropertySpec.Typed("Environment", DictOf(IsDict)),
        PropertySpec.Typed("Events", DictOf(IsDict)),
        PropertySpec.Typed("Tags", IsDict),
        PropertySpec.Typed("PropagateTags", IsBool),
        PropertySpec.Typed("Tracing", OneOf(IsDict, IsStr)),
        PropertySpec.PassThrough("KmsKeyArn"),
        PropertySpec.Typed("DeploymentPreference", IsDict),
        PropertySpec.PassThrough("ReservedConcurrentExecutions"),
        PropertySpec.Typed("Layers", ListOf(OneOf(IsStr, IsDict))),
        PropertySpec.Typed("EventInvokeConfig", IsDict),
        PropertySpec.PassThrough("EphemeralStorage"),
        PropertySpec.Typed("AutoPublishAlias", OneOf(IsStr)),
        PropertySpec.Typed("AutoPublishCodeSha256", OneOf(IsStr)),
        PropertySpec.Strict("AutoPublishAliasAllProperties", IsBool),
        PropertySpec.PassThrough("VersionDescription"),
        PropertySpec.PassThrough("ProvisionedConcurrencyConfig"),
        PropertySpec.PassThrough("FileSystemConfigs"),
        PropertySpec.PassThrough("ImageConfig"),
        PropertySpec.PassThrough("CodeSigningConfigArn"),
        PropertySpec.PassThrough("Architectures"),
        PropertySpec.Typed("SnapStart", IsDict),
        PropertySpec.Typed("FunctionUrlConfig", IsDict),
        PropertySpec.PassThrough("RuntimeManagementConfig"),
        PropertySpec.PassThrough("LoggingConfig"),
        PropertySpec.PassThrough("RecursiveLoop"),
        PropertySpec.PassThrough("SourceKMSKeyArn"),
        PropertySpec.Typed("CapacityProviderConfig", IsDict),
        PropertySpec.Typed("FunctionScalingConfig", IsDict),
        new PropertySpec("VersionDeletionPolicy", false, StrEnum("Delete", "Retain"), true, null),
        PropertySpec.PassThrough("PublishToLatestPublished"),
        PropertySpec.PassThrough("TenancyConfig"),
        PropertySpec.Typed("DurableConfig", IsDict),
    ];

    /// <summary>Mutually exclusive pairs (SamFunction.__validation_rules__).</summary>
    public static readonly (string A, string B)[] MutuallyExclusive =
    [
        ("CapacityProviderConfig", "ProvisionedConcurrencyConfig"),
        ("CapacityProviderConfig", "VpcConfig"),
    ];

    /// <summary>The first property requires the second (SamFunction.__validation_rules__).</summary>
    public static readonly (string Property, string Requires)[] ConditionalRequirements =
    [
        ("FunctionScalingConfig", "CapacityProviderConfig"),
        ("VersionDeletionPolicy", "AutoPublishAlias"),
    ];

    /// <summary>Lambda Function properties copied from the SAM property of the same name, in the reference's order.</summary>
    public static readonly string[] PassThroughToLambda =
    [
        "Handler", "Runtime", "Description", "MemorySize", "Timeout", "VpcConfig", "Role", "Environment",
    ];
}
