using static SamCompiler.Transform.PropertyTypes;

namespace SamCompiler.Transform.StateMachine;

/// <summary>
/// Property tables of AWS::Serverless::StateMachine and of its event sources, as the reference declares them
/// (SamStateMachine.property_types in model/sam_resources.py, model/stepfunctions/events.py and
/// model/eventsources/scheduler.py). Validation reports the first failure in table order.
/// </summary>
internal static class StateMachineProperties
{
    /// <summary>SamStateMachine.property_types.</summary>
    public static readonly PropertySpec[] StateMachine =
    [
        Typed("Definition", IsDict),
        Typed("DefinitionUri", OneOf(IsStr, IsDict)),
        Typed("Logging", IsDict),
        Typed("Role", IsStr),
        PropertySpec.PassThrough("RolePath"),
        Typed("DefinitionSubstitutions", IsDict),
        Typed("Events", DictOf(IsDict)),
        Typed("Name", IsStr),
        Typed("Type", IsStr),
        Typed("Tags", IsDict),
        Typed("PropagateTags", IsBool),
        Typed("Policies", OneOf(IsStr, ListOf(OneOf(IsStr, IsDict, IsDict)))),
        Typed("Tracing", IsDict),
        Typed("PermissionsBoundary", IsStr),
        PropertySpec.PassThrough("AutoPublishAlias"),
        PropertySpec.PassThrough("DeploymentPreference"),
        Strict("UseAliasAsEventTarget", IsBool),
    ];

    /// <summary>stepfunctions.events.Schedule.property_types.</summary>
    public static readonly PropertySpec[] Schedule =
    [
        Typed("Schedule", IsStr, required: true),
        Typed("Input", IsStr),
        Typed("Enabled", IsBool),
        Typed("State", IsStr),
        Typed("Name", IsStr),
        Typed("Description", IsStr),
        Typed("DeadLetterConfig", IsDict),
        Typed("RetryPolicy", IsDict),
        Strict("Target", IsDict),
        Strict("RoleArn", IsStr),
    ];

    /// <summary>stepfunctions.events.CloudWatchEvent.property_types (EventBridgeRule shares them).</summary>
    public static readonly PropertySpec[] CloudWatchEvent =
    [
        Typed("EventBusName", IsStr),
        Typed("RuleName", IsStr),
        Typed("Pattern", IsDict),
        Typed("Input", IsStr),
        Typed("InputPath", IsStr),
        Typed("DeadLetterConfig", IsDict),
        Typed("RetryPolicy", IsDict),
        Typed("State", IsStr),
        Strict("Target", IsDict),
        Typed("InputTransformer", IsDict),
    ];

    /// <summary>stepfunctions.events.Api.property_types.</summary>
    public static readonly PropertySpec[] Api =
    [
        Typed("Path", IsStr, required: true),
        Typed("Method", IsStr, required: true),
        Typed("RestApiId", IsStr, required: true),
        Typed("Stage", IsStr),
        Typed("Auth", IsDict),
        Strict("UnescapeMappingTemplate", IsBool),
    ];

    /// <summary>eventsources.scheduler.SchedulerEventSource.property_types (ScheduleV2).</summary>
    public static readonly PropertySpec[] ScheduleV2 =
    [
        Typed("PermissionsBoundary", IsStr),
        Typed("ScheduleExpression", IsStr, required: true),
        Typed("FlexibleTimeWindow", IsDict),
        Typed("Name", IsStr),
        Typed("State", IsStr),
        Typed("Description", IsStr),
        Typed("StartDate", IsStr),
        Typed("EndDate", IsStr),
        Typed("ScheduleExpressionTimezone", IsStr),
        Typed("GroupName", IsStr),
        Typed("KmsKeyArn", IsStr),
        Typed("Input", IsStr),
        Typed("RoleArn", IsStr),
        Typed("DeadLetterConfig", IsDict),
        Typed("RetryPolicy", IsDict),
        Strict("OmitName", IsBool),
    ];

    /// <summary>PropertyType(required, validator): intrinsics allowed; IS_DICT and IS_STR name their type in errors.</summary>
    private static PropertySpec Typed(string name, PropertyValidator validate, bool required = false) =>
        new(name, required, validate, true, ExpectedType(validate));

    /// <summary>Property(required, validator): no intrinsics, but the expected type is named as for PropertyType.</summary>
    private static PropertySpec Strict(string name, PropertyValidator validate, bool required = false) =>
        new(name, required, validate, false, ExpectedType(validate));

    private static string? ExpectedType(PropertyValidator validate) =>
        ReferenceEquals(validate, IsDict) ? "map" : ReferenceEquals(validate, IsStr) ? "string" : null;
}
