namespace SamCompiler.Diagnostics;

/// <summary>The Pulumi emitter's diagnostics (SAM5001–SAM5099).</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM5001: a resource type with no classic or aws-native Pulumi class that can express it.</summary>
    public static DiagnosticDescriptor PulumiUnmappedResource => PulumiIds.PulumiUnmappedResource;

    /// <summary>SAM5002: an intrinsic function the Pulumi program cannot express.</summary>
    public static DiagnosticDescriptor PulumiUnsupportedIntrinsic => PulumiIds.PulumiUnsupportedIntrinsic;

    /// <summary>SAM5003: a condition that depends on a value known only at deployment.</summary>
    public static DiagnosticDescriptor PulumiDeployTimeCondition => PulumiIds.PulumiDeployTimeCondition;

    /// <summary>SAM5004: a construct the Pulumi YAML language cannot express.</summary>
    public static DiagnosticDescriptor PulumiYamlUnsupported => PulumiIds.PulumiYamlUnsupported;

    /// <summary>SAM5005: resources that reference each other in a cycle.</summary>
    public static DiagnosticDescriptor PulumiReferenceCycle => PulumiIds.PulumiReferenceCycle;

    /// <summary>SAM5006: a resource emitted with @pulumi/aws-native because the classic provider cannot express it.</summary>
    public static DiagnosticDescriptor PulumiNativeFallback => PulumiIds.PulumiNativeFallback;

    /// <summary>SAM5007: a Ref or Fn::GetAtt the Pulumi class has no output for.</summary>
    public static DiagnosticDescriptor PulumiUnknownAttribute => PulumiIds.PulumiUnknownAttribute;

    /// <summary>SAM5008: the output folder holds files samc did not write.</summary>
    public static DiagnosticDescriptor PulumiOutputFolderInUse => PulumiIds.PulumiOutputFolderInUse;

    /// <summary>The descriptors, in a nested class so they exist before <see cref="All"/> collects them.</summary>
    private static class PulumiIds
    {
        public static readonly DiagnosticDescriptor PulumiUnmappedResource = new("SAM5001", "pulumi-unmapped-resource", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "A resource cannot be expressed in the Pulumi program.");

        public static readonly DiagnosticDescriptor PulumiUnsupportedIntrinsic = new("SAM5002", "pulumi-unsupported-intrinsic", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "An intrinsic function cannot be expressed in the Pulumi program.");

        public static readonly DiagnosticDescriptor PulumiDeployTimeCondition = new("SAM5003", "pulumi-deploy-time-condition", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "A condition depends on a value Pulumi knows only at deployment.");

        public static readonly DiagnosticDescriptor PulumiYamlUnsupported = new("SAM5004", "pulumi-yaml-unsupported", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "Pulumi YAML cannot express this; use --target pulumi-typescript.");

        public static readonly DiagnosticDescriptor PulumiReferenceCycle = new("SAM5005", "pulumi-reference-cycle", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "Resources reference each other in a cycle.");

        public static readonly DiagnosticDescriptor PulumiNativeFallback = new("SAM5006", "pulumi-native-fallback", DiagnosticCategory.Emit, DiagnosticSeverity.Info, "A resource uses @pulumi/aws-native instead of the classic @pulumi/aws provider.");

        public static readonly DiagnosticDescriptor PulumiUnknownAttribute = new("SAM5007", "pulumi-unknown-attribute", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "A referenced attribute has no Pulumi output.");

        public static readonly DiagnosticDescriptor PulumiOutputFolderInUse = new("SAM5008", "pulumi-output-folder-in-use", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "The output folder is not empty and was not written by samc.");
    }

    static partial void AddPulumiDescriptors(List<DiagnosticDescriptor> list) => list.AddRange(
    [
        PulumiUnmappedResource, PulumiUnsupportedIntrinsic, PulumiDeployTimeCondition, PulumiYamlUnsupported,
        PulumiReferenceCycle, PulumiNativeFallback, PulumiUnknownAttribute, PulumiOutputFolderInUse,
    ]);
}
