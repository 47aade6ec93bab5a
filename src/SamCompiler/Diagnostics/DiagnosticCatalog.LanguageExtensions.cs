namespace SamCompiler.Diagnostics;

/// <summary>
/// The AWS::LanguageExtensions transform's diagnostics (SAM1010–SAM1019 structure, SAM2013–SAM2019 values and
/// references, SAM5013–SAM5019 what samc cannot do at compile time).
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM1010: an Fn::ForEach whose value is not [identifier, collection, fragment].</summary>
    public static DiagnosticDescriptor ForEachLayout => LanguageExtensionsIds.ForEachLayout;

    /// <summary>SAM1011: a function of the transform (Fn::Length, Fn::ToJsonString, Fn::FindInMap ...) with a value of the wrong shape.</summary>
    public static DiagnosticDescriptor IntrinsicLayout => LanguageExtensionsIds.IntrinsicLayout;

    /// <summary>SAM1012: a key Fn::ForEach makes that is not alphanumeric or that already exists.</summary>
    public static DiagnosticDescriptor ForEachKeyInvalid => LanguageExtensionsIds.ForEachKeyInvalid;

    /// <summary>SAM1013: Fn::ForEach loops nested deeper than CloudFormation allows.</summary>
    public static DiagnosticDescriptor ForEachNestingDepth => LanguageExtensionsIds.ForEachNestingDepth;

    /// <summary>SAM1014: a loop name or identifier that clashes with a parameter, a logical id or another loop.</summary>
    public static DiagnosticDescriptor ForEachNameConflict => LanguageExtensionsIds.ForEachNameConflict;

    /// <summary>SAM2013: a value the transform must compute is known only at deployment (or a parameter has no value).</summary>
    public static DiagnosticDescriptor LanguageExtensionsValueUnknown => LanguageExtensionsIds.ValueUnknown;

    /// <summary>SAM2014: Fn::FindInMap names a map or key that does not exist, and has no DefaultValue.</summary>
    public static DiagnosticDescriptor FindInMapNotFound => LanguageExtensionsIds.FindInMapNotFound;

    /// <summary>SAM2015: a condition that does not exist, or conditions that refer to each other in a circle.</summary>
    public static DiagnosticDescriptor ConditionReferenceInvalid => LanguageExtensionsIds.ConditionReferenceInvalid;

    /// <summary>SAM2016: DeletionPolicy or UpdateReplacePolicy does not resolve to one policy name.</summary>
    public static DiagnosticDescriptor PolicyAttributeInvalid => LanguageExtensionsIds.PolicyAttributeInvalid;

    /// <summary>SAM2017: a value the transform cannot accept (AWS::NoValue as an output, an unsupported function inside Fn::ToJsonString ...).</summary>
    public static DiagnosticDescriptor LanguageExtensionsValueInvalid => LanguageExtensionsIds.ValueInvalid;

    /// <summary>SAM5013: Fn::ForEach in a place samc does not expand it.</summary>
    public static DiagnosticDescriptor ForEachPositionUnsupported => LanguageExtensionsIds.ForEachPositionUnsupported;

    /// <summary>SAM5014: Fn::ToJsonString over values known only at deployment, written as an Fn::Sub.</summary>
    public static DiagnosticDescriptor ToJsonStringDeployTime => LanguageExtensionsIds.ToJsonStringDeployTime;

    static partial void AddLanguageExtensionsDescriptors(List<DiagnosticDescriptor> list) =>
        list.AddRange([
            ForEachLayout, IntrinsicLayout, ForEachKeyInvalid, ForEachNestingDepth, ForEachNameConflict,
            LanguageExtensionsValueUnknown, FindInMapNotFound, ConditionReferenceInvalid, PolicyAttributeInvalid, LanguageExtensionsValueInvalid,
            ForEachPositionUnsupported, ToJsonStringDeployTime,
        ]);

    /// <summary>The instances, in a class of their own so that they exist before <see cref="All"/> collects them.</summary>
    private static class LanguageExtensionsIds
    {
        public static readonly DiagnosticDescriptor ForEachLayout = new("SAM1010", "foreach-layout", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "An Fn::ForEach does not have the layout [identifier, collection, fragment].");

        public static readonly DiagnosticDescriptor IntrinsicLayout = new("SAM1011", "intrinsic-layout", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "An intrinsic function has a value of the wrong shape.");

        public static readonly DiagnosticDescriptor ForEachKeyInvalid = new("SAM1012", "foreach-key-invalid", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "A key made by Fn::ForEach is invalid or already exists.");

        public static readonly DiagnosticDescriptor ForEachNestingDepth = new("SAM1013", "foreach-nesting-depth", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "Fn::ForEach loops nest deeper than CloudFormation allows.");

        public static readonly DiagnosticDescriptor ForEachNameConflict = new("SAM1014", "foreach-name-conflict", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "An Fn::ForEach loop name or identifier is already in use.");

        public static readonly DiagnosticDescriptor ValueUnknown = new("SAM2013", "langext-value-unknown", DiagnosticCategory.Model, DiagnosticSeverity.Error, "A value AWS::LanguageExtensions must compute is not known at compile time.");

        public static readonly DiagnosticDescriptor FindInMapNotFound = new("SAM2014", "find-in-map-not-found", DiagnosticCategory.Model, DiagnosticSeverity.Error, "Fn::FindInMap names a map or key that does not exist.");

        public static readonly DiagnosticDescriptor ConditionReferenceInvalid = new("SAM2015", "condition-reference-invalid", DiagnosticCategory.Model, DiagnosticSeverity.Error, "A condition does not exist or refers to itself.");

        public static readonly DiagnosticDescriptor PolicyAttributeInvalid = new("SAM2016", "policy-attribute-invalid", DiagnosticCategory.Model, DiagnosticSeverity.Error, "DeletionPolicy or UpdateReplacePolicy does not resolve to a policy name.");

        public static readonly DiagnosticDescriptor ValueInvalid = new("SAM2017", "langext-value-invalid", DiagnosticCategory.Model, DiagnosticSeverity.Error, "A value is not allowed where AWS::LanguageExtensions finds it.");

        public static readonly DiagnosticDescriptor ForEachPositionUnsupported = new("SAM5013", "foreach-position-unsupported", DiagnosticCategory.Emit, DiagnosticSeverity.Error, "Fn::ForEach is in a place samc does not expand.");

        public static readonly DiagnosticDescriptor ToJsonStringDeployTime = new("SAM5014", "tojsonstring-deploy-time", DiagnosticCategory.Emit, DiagnosticSeverity.Info, "Fn::ToJsonString over values known only at deployment is written as Fn::Sub.");
    }
}
