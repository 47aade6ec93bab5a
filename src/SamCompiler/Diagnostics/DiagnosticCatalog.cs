namespace SamCompiler.Diagnostics;

/// <summary>
/// Every diagnostic id samc can report. Ids are never reused. Each area of the code owns a partial file of this
/// class (DiagnosticCatalog.&lt;Area&gt;.cs) and a range of ids inside its block; <see cref="All"/> lists them all.
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>SAM0001: a bug in samc.</summary>
    public static DiagnosticDescriptor InternalError { get; } = new("SAM0001", "internal-error", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "Internal error in samc (a bug; please report it).");

    /// <summary>SAM0002: the input file cannot be read.</summary>
    public static DiagnosticDescriptor FileUnreadable { get; } = new("SAM0002", "file-unreadable", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The template file is missing or cannot be read.");

    /// <summary>SAM0003: the input file is larger than samc reads.</summary>
    public static DiagnosticDescriptor FileTooLarge { get; } = new("SAM0003", "file-too-large", DiagnosticCategory.Tool, DiagnosticSeverity.Error, "The template file is larger than samc reads.");

    /// <summary>SAM1001: YAML or JSON syntax error.</summary>
    public static DiagnosticDescriptor SyntaxError { get; } = new("SAM1001", "syntax-error", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "The template is not valid YAML or JSON.");

    /// <summary>SAM1002: a tab where YAML needs spaces.</summary>
    public static DiagnosticDescriptor TabIndentation { get; } = new("SAM1002", "tab-indentation", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "YAML indentation must use spaces, not tabs.");

    /// <summary>
    /// SAM1003: a key given twice in one mapping. A warning: the reference translator (PyYAML) keeps the last value,
    /// and compile does the same so its output matches; <c>--warnaserror</c> makes it fail.
    /// </summary>
    public static DiagnosticDescriptor DuplicateKey { get; } = new("SAM1003", "duplicate-key", DiagnosticCategory.Syntax, DiagnosticSeverity.Warning, "A mapping has the same key twice.");

    /// <summary>SAM1004: a tag that is not a CloudFormation intrinsic or a standard YAML tag.</summary>
    public static DiagnosticDescriptor UnknownTag { get; } = new("SAM1004", "unknown-tag", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "Unknown YAML tag.");

    /// <summary>SAM1005: aliases expand past the bound (a "billion laughs" document).</summary>
    public static DiagnosticDescriptor AliasExpansionLimit { get; } = new("SAM1005", "alias-expansion-limit", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "YAML aliases expand to more nodes than samc allows.");

    /// <summary>SAM1006: nesting deeper than samc allows.</summary>
    public static DiagnosticDescriptor NestingTooDeep { get; } = new("SAM1006", "nesting-too-deep", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "The document nests deeper than samc allows.");

    /// <summary>SAM1007: the document is not a mapping.</summary>
    public static DiagnosticDescriptor TemplateNotMapping { get; } = new("SAM1007", "template-not-mapping", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "A template must be a mapping at the top level.");

    /// <summary>SAM1008: an intrinsic tag with a value of the wrong shape, or a scalar that YAML cannot type.</summary>
    public static DiagnosticDescriptor InvalidTagValue { get; } = new("SAM1008", "invalid-tag-value", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "A tagged value has the wrong shape.");

    /// <summary>SAM1009: more than one YAML document in the file.</summary>
    public static DiagnosticDescriptor MultipleDocuments { get; } = new("SAM1009", "multiple-documents", DiagnosticCategory.Syntax, DiagnosticSeverity.Error, "A template file must hold exactly one YAML document.");

    /// <summary>SAM2001: the reference translator rejects this resource.</summary>
    public static DiagnosticDescriptor InvalidResource { get; } = new("SAM2001", "invalid-resource", DiagnosticCategory.Model, DiagnosticSeverity.Error, "The SAM resource is invalid.");

    /// <summary>SAM2002: the reference translator rejects the template as a whole.</summary>
    public static DiagnosticDescriptor InvalidDocument { get; } = new("SAM2002", "invalid-document", DiagnosticCategory.Model, DiagnosticSeverity.Error, "The SAM template is invalid.");

    /// <summary>SAM2003: the reference translator rejects an event source.</summary>
    public static DiagnosticDescriptor InvalidEvent { get; } = new("SAM2003", "invalid-event", DiagnosticCategory.Model, DiagnosticSeverity.Error, "The function event is invalid.");

    /// <summary>SAM2004: a Globals section the reference rejects.</summary>
    public static DiagnosticDescriptor InvalidGlobals { get; } = new("SAM2004", "invalid-globals", DiagnosticCategory.Model, DiagnosticSeverity.Error, "The Globals section is invalid.");

    /// <summary>
    /// Every descriptor, in id order. Built on first use: the areas' descriptors live in other partial files, whose
    /// static initializers C# does not order relative to this one.
    /// </summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors.Value;

    private static readonly Lazy<DiagnosticDescriptor[]> AllDescriptors = new(Collect);

    private static DiagnosticDescriptor[] Collect()
    {
        DiagnosticDescriptor[] all = [.. CoreDescriptors(), .. AreaDescriptors()];
        Array.Sort(all, (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return all;
    }

    private static IEnumerable<DiagnosticDescriptor> CoreDescriptors() =>
    [
        InternalError, FileUnreadable, FileTooLarge,
        SyntaxError, TabIndentation, DuplicateKey, UnknownTag, AliasExpansionLimit, NestingTooDeep, TemplateNotMapping, InvalidTagValue, MultipleDocuments,
        InvalidResource, InvalidDocument, InvalidEvent, InvalidGlobals,
    ];

    /// <summary>Descriptors declared by the areas' partial files; each area adds its list here.</summary>
    private static IEnumerable<DiagnosticDescriptor> AreaDescriptors()
    {
        var list = new List<DiagnosticDescriptor>();
        AddTransformDescriptors(list);
        AddEventDescriptors(list);
        AddApiDescriptors(list);
        AddLintDescriptors(list);
        AddPulumiDescriptors(list);
        AddLocalDescriptors(list);
        AddReliabilityDescriptors(list);
        AddLanguageExtensionsDescriptors(list);
        AddStepFunctionsDescriptors(list);
        AddDeployDescriptors(list);
        return list;
    }

    static partial void AddTransformDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddEventDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddApiDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddLintDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddPulumiDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddLocalDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddReliabilityDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddLanguageExtensionsDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddStepFunctionsDescriptors(List<DiagnosticDescriptor> list);

    static partial void AddDeployDescriptors(List<DiagnosticDescriptor> list);
}
