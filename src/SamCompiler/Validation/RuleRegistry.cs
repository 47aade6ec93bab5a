using SamCompiler.Validation.Rules;

namespace SamCompiler.Validation;

/// <summary>Every lint rule, listed explicitly in id order (no reflection at run time; a test checks none is missing).</summary>
public static class RuleRegistry
{
    /// <summary>The rules, in id order.</summary>
    public static IReadOnlyList<RuleBase> All { get; } =
    [
        new FunctionMemorySizeRule(),
        new FunctionTimeoutRule(),
        new FunctionEphemeralStorageRule(),
        new FunctionLayerCountRule(),
        new FunctionEnvironmentSizeRule(),
        new FunctionEnvironmentKeyRule(),
        new FunctionNameRule(),
        new FunctionHandlerRule(),
        new FunctionDescriptionLengthRule(),
        new FunctionAliasNameRule(),
        new RuntimeDeprecatedRule(),
        new RuntimeBlockedRule(),
        new AccountConcurrencyRule(),
        new ProvisionedConcurrencyRule(),
        new EventInvokeConfigRangeRule(),
        new PackageUnzippedSizeRule(),
        new PackageZippedSizeRule(),
        new EventBatchSizeRule(),
        new EventBatchingWindowRule(),
        new SqsVisibilityTimeoutRule(),
        new ApiIntegrationTimeoutRule(),
        new TemplateResourceCountRule(),
        new TemplateParameterCountRule(),
        new TemplateOutputCountRule(),
        new TemplateMappingCountRule(),
        new TemplateBodySizeRule(),
        new TemplateBodyDirectSizeRule(),
        new LogicalIdRule(),
        new EventStreamSettingsRule(),
        new SqsMessageSizeRule(),
        new ApiCompressionSizeRule(),
        new PackageLocationRule(),
        new PackageMeasureBudgetRule(),
        new PlaintextSecretRule(),
        new WildcardPolicyRule(),
        new FunctionUrlAuthNoneRule(),
        new AsyncFailureDestinationRule(),
        new MissingReservedConcurrencyRule(),
        new SqsVisibilityTimeoutAdviceRule(),
        new FailureQueueMessageSizeRule(),
        new StepFunctionsDefinitionRule(),
        new StepFunctionsMissingStateRule(),
        new StepFunctionsUnreachableStateRule(),
        new StepFunctionsTransitionRule(),
        new StepFunctionsPathRule(),
        new StepFunctionsJsonataRule(),
        new StepFunctionsRetryCatchRule(),
        new StepFunctionsUnknownFunctionRule(),
        new StepFunctionsBranchRule(),
        new StepFunctionsDefinitionFileRule(),
    ];
}
