namespace SamCompiler.Diagnostics;

/// <summary>SAM6001–SAM6099: checks of <c>samc local</c> (finding, preparing and running functions on this machine).</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM6001: the function named on the command line is not in the template.</summary>
    public static DiagnosticDescriptor LocalFunctionNotFound => LocalIds.LocalFunctionNotFound;

    /// <summary>SAM6002: the function's runtime or package type cannot run locally.</summary>
    public static DiagnosticDescriptor LocalRuntimeUnsupported => LocalIds.LocalRuntimeUnsupported;

    /// <summary>SAM6003: the function's code is not a local folder that exists.</summary>
    public static DiagnosticDescriptor LocalCodeNotFound => LocalIds.LocalCodeNotFound;

    /// <summary>SAM6004: a layer that is not a local LayerVersion of the template (it is skipped).</summary>
    public static DiagnosticDescriptor LocalLayerSkipped => LocalIds.LocalLayerSkipped;

    /// <summary>SAM6005: layers cannot be mounted on /opt; the language paths are used instead.</summary>
    public static DiagnosticDescriptor LocalOptFallback => LocalIds.LocalOptFallback;

    /// <summary>SAM6006: the event is unreadable or not JSON.</summary>
    public static DiagnosticDescriptor LocalEventInvalid => LocalIds.LocalEventInvalid;

    /// <summary>SAM6007: the --env-vars file is unreadable or has the wrong shape.</summary>
    public static DiagnosticDescriptor LocalEnvVarsInvalid => LocalIds.LocalEnvVarsInvalid;

    /// <summary>SAM6008: the language runtime (python3, node) or the bootstrap is not on this machine.</summary>
    public static DiagnosticDescriptor LocalRuntimeNotInstalled => LocalIds.LocalRuntimeNotInstalled;

    /// <summary>SAM6009: MemorySize cannot be enforced with a cgroup here (a weaker limit is used).</summary>
    public static DiagnosticDescriptor LocalMemoryNotEnforced => LocalIds.LocalMemoryNotEnforced;

    /// <summary>SAM6010: a function property samc needs locally has a value it cannot use.</summary>
    public static DiagnosticDescriptor LocalPropertyInvalid => LocalIds.LocalPropertyInvalid;

    static partial void AddLocalDescriptors(List<DiagnosticDescriptor> list) =>
        list.AddRange([
            LocalFunctionNotFound, LocalRuntimeUnsupported, LocalCodeNotFound, LocalLayerSkipped, LocalOptFallback,
            LocalEventInvalid, LocalEnvVarsInvalid, LocalRuntimeNotInstalled, LocalMemoryNotEnforced, LocalPropertyInvalid,
        ]);

    /// <summary>The instances, in a class of their own so that they exist before <see cref="All"/> collects them (static initialisers of partial files run in no defined order).</summary>
    private static class LocalIds
    {
        public static readonly DiagnosticDescriptor LocalFunctionNotFound = new("SAM6001", "local-function-not-found", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The function is not in the template.");

        public static readonly DiagnosticDescriptor LocalRuntimeUnsupported = new("SAM6002", "local-runtime-unsupported", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The function's runtime cannot run locally.");

        public static readonly DiagnosticDescriptor LocalCodeNotFound = new("SAM6003", "local-code-not-found", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The function code is not a local folder.");

        public static readonly DiagnosticDescriptor LocalLayerSkipped = new("SAM6004", "local-layer-skipped", DiagnosticCategory.Local, DiagnosticSeverity.Warning, "A layer cannot be laid out locally and is skipped.");

        public static readonly DiagnosticDescriptor LocalOptFallback = new("SAM6005", "local-opt-fallback", DiagnosticCategory.Local, DiagnosticSeverity.Warning, "Layers are not mounted on /opt.");

        public static readonly DiagnosticDescriptor LocalEventInvalid = new("SAM6006", "local-event-invalid", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The event is unreadable or not JSON.");

        public static readonly DiagnosticDescriptor LocalEnvVarsInvalid = new("SAM6007", "local-env-vars-invalid", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The environment variables file is invalid.");

        public static readonly DiagnosticDescriptor LocalRuntimeNotInstalled = new("SAM6008", "local-runtime-not-installed", DiagnosticCategory.Local, DiagnosticSeverity.Error, "The language runtime the function needs is not installed.");

        public static readonly DiagnosticDescriptor LocalMemoryNotEnforced = new("SAM6009", "local-memory-not-enforced", DiagnosticCategory.Local, DiagnosticSeverity.Info, "MemorySize is not enforced with a cgroup.");

        public static readonly DiagnosticDescriptor LocalPropertyInvalid = new("SAM6010", "local-property-invalid", DiagnosticCategory.Local, DiagnosticSeverity.Error, "A function property has a value samc cannot run.");
    }
}
