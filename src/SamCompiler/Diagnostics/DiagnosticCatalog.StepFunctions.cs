namespace SamCompiler.Diagnostics;

/// <summary>
/// Step Functions: SAM2030–SAM2049 (ASL definitions, checked by lint), SAM6020–SAM6039 (running state machines
/// locally) and SAM0085–SAM0089 (graph and execute tool errors).
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM2030: the definition is not valid ASL (a field is missing or has the wrong type).</summary>
    public static DiagnosticDescriptor AslInvalidDefinition => StepFunctionsIds.AslInvalidDefinition;

    /// <summary>SAM2031: StartAt, Next, Default or a Catch names a state that does not exist.</summary>
    public static DiagnosticDescriptor AslMissingState => StepFunctionsIds.AslMissingState;

    /// <summary>SAM2032: a state cannot be reached from StartAt.</summary>
    public static DiagnosticDescriptor AslUnreachableState => StepFunctionsIds.AslUnreachableState;

    /// <summary>SAM2033: Next/End missing, doubled, or on a terminal state.</summary>
    public static DiagnosticDescriptor AslTransition => StepFunctionsIds.AslTransition;

    /// <summary>SAM2034: an invalid JSONPath, reference path or intrinsic function.</summary>
    public static DiagnosticDescriptor AslInvalidPath => StepFunctionsIds.AslInvalidPath;

    /// <summary>SAM2035: an invalid JSONata expression or a field of the other query language.</summary>
    public static DiagnosticDescriptor AslInvalidJsonata => StepFunctionsIds.AslInvalidJsonata;

    /// <summary>SAM2036: a malformed Retry or Catch.</summary>
    public static DiagnosticDescriptor AslRetryCatch => StepFunctionsIds.AslRetryCatch;

    /// <summary>SAM2037: a Task names a Lambda function that is not in the template.</summary>
    public static DiagnosticDescriptor AslUnknownFunction => StepFunctionsIds.AslUnknownFunction;

    /// <summary>SAM2038: a Map or Parallel state's branches are missing or malformed.</summary>
    public static DiagnosticDescriptor AslBranch => StepFunctionsIds.AslBranch;

    /// <summary>SAM2039: the definition file (DefinitionUri) is missing or not JSON/YAML.</summary>
    public static DiagnosticDescriptor AslDefinitionUnreadable => StepFunctionsIds.AslDefinitionUnreadable;

    /// <summary>SAM6020: the state machine named on the command line is not in the template.</summary>
    public static DiagnosticDescriptor LocalStateMachineNotFound => StepFunctionsIds.LocalStateMachineNotFound;

    /// <summary>SAM6021: a state machine's definition cannot be read or resolved for a local run.</summary>
    public static DiagnosticDescriptor LocalStateMachineDefinitionInvalid => StepFunctionsIds.LocalStateMachineDefinitionInvalid;

    /// <summary>SAM6022: the mock config file is unreadable, malformed, or lacks the test case.</summary>
    public static DiagnosticDescriptor LocalMockConfigInvalid => StepFunctionsIds.LocalMockConfigInvalid;

    /// <summary>SAM6023: the execution input is unreadable or not JSON.</summary>
    public static DiagnosticDescriptor LocalExecutionInputInvalid => StepFunctionsIds.LocalExecutionInputInvalid;

    /// <summary>SAM0085: the resource to draw is not in the template.</summary>
    public static DiagnosticDescriptor GraphResourceNotFound => StepFunctionsIds.GraphResourceNotFound;

    /// <summary>SAM0086: the picture file cannot be written.</summary>
    public static DiagnosticDescriptor GraphOutputUnwritable => StepFunctionsIds.GraphOutputUnwritable;

    static partial void AddStepFunctionsDescriptors(List<DiagnosticDescriptor> list) =>
        list.AddRange([
            AslInvalidDefinition, AslMissingState, AslUnreachableState, AslTransition, AslInvalidPath, AslInvalidJsonata,
            AslRetryCatch, AslUnknownFunction, AslBranch, AslDefinitionUnreadable,
            LocalStateMachineNotFound, LocalStateMachineDefinitionInvalid, LocalMockConfigInvalid, LocalExecutionInputInvalid,
            GraphResourceNotFound, GraphOutputUnwritable,
        ]);

    /// <summary>The instances, in a class of their own so that they exist before <see cref="All"/> collects them.</summary>
    private static class StepFunctionsIds
    {
        public static readonly DiagnosticDescriptor AslInvalidDefinition = new("SAM2030", "asl-invalid-definition", DiagnosticCategory.Model, DiagnosticSeverity.Error, "The state machine definition is not valid Amazon States Language.");

        public static readonly DiagnosticDescriptor AslMissingState = new("SAM2031", "asl-missing-state", DiagnosticCategory.Model, DiagnosticSeverity.Error, "A transition names a state that does not exist.");

        public static readonly DiagnosticDescriptor AslUnreachableState = new("SAM2032", "asl-unreachable-state", DiagnosticCategory.Model, DiagnosticSeverity.Warning, "A state cannot be reached from StartAt.");

        public static readonly DiagnosticDescriptor AslTransition = new("SAM2033", "asl-next-end", DiagnosticCategory.Model, DiagnosticSeverity.Error, "A state's Next/End is missing, doubled or not allowed.");

        public static readonly DiagnosticDescriptor AslInvalidPath = new("SAM2034", "asl-invalid-path", DiagnosticCategory.Model, DiagnosticSeverity.Error, "An invalid JSONPath, reference path or intrinsic function.");

        public static readonly DiagnosticDescriptor AslInvalidJsonata = new("SAM2035", "asl-invalid-jsonata", DiagnosticCategory.Model, DiagnosticSeverity.Error, "An invalid JSONata expression, or a field of the other query language.");

        public static readonly DiagnosticDescriptor AslRetryCatch = new("SAM2036", "asl-retry-catch", DiagnosticCategory.Model, DiagnosticSeverity.Error, "A Retry or Catch is malformed.");

        public static readonly DiagnosticDescriptor AslUnknownFunction = new("SAM2037", "asl-unknown-function", DiagnosticCategory.Model, DiagnosticSeverity.Warning, "A Task calls a Lambda function that is not in the template.");

        public static readonly DiagnosticDescriptor AslBranch = new("SAM2038", "asl-branch", DiagnosticCategory.Model, DiagnosticSeverity.Error, "A Map or Parallel state's branches are missing or malformed.");

        public static readonly DiagnosticDescriptor AslDefinitionUnreadable = new("SAM2039", "asl-definition-unreadable", DiagnosticCategory.Model, DiagnosticSeverity.Error, "The state machine's definition file cannot be read.");

        public static readonly DiagnosticDescriptor LocalStateMachineNotFound = new("SAM6020", "local-state-machine-not-found", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The state machine is not in the template.");

        public static readonly DiagnosticDescriptor LocalStateMachineDefinitionInvalid = new("SAM6021", "local-state-machine-definition-invalid", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The state machine's definition cannot be run locally.");

        public static readonly DiagnosticDescriptor LocalMockConfigInvalid = new("SAM6022", "local-mock-config-invalid", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The Step Functions mock config file is invalid.");

        public static readonly DiagnosticDescriptor LocalExecutionInputInvalid = new("SAM6023", "local-execution-input-invalid", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The execution input is unreadable or not JSON.");

        public static readonly DiagnosticDescriptor GraphResourceNotFound = new("SAM0085", "graph-resource-not-found", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The resource to draw is not in the template.");

        public static readonly DiagnosticDescriptor GraphOutputUnwritable = new("SAM0086", "graph-output-unwritable", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The picture file cannot be written.");
    }
}
