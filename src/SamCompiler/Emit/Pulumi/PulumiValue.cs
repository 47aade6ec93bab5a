using SamCompiler.Syntax;

namespace SamCompiler.Emit.Pulumi;

/// <summary>What a value is at program run time, as far as the emitter knows.</summary>
internal enum ValueType
{
    /// <summary>Not known (free-form JSON, mapping values).</summary>
    Unknown,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A list.</summary>
    List,

    /// <summary>An object.</summary>
    Object,
}

/// <summary>
/// A value of the emitted program, independent of the language: the TypeScript and YAML writers both render it.
/// <see cref="IsOutput"/> is true when the value is only known at deployment (a Pulumi Output).
/// </summary>
internal abstract record PValue
{
    /// <summary>True for a Pulumi Output (or a value containing one).</summary>
    public abstract bool IsOutput { get; }

    /// <summary>The run-time type.</summary>
    public abstract ValueType Type { get; }
}

/// <summary>A literal scalar.</summary>
internal sealed record PLiteral(ScalarNode Scalar) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => false;

    /// <inheritdoc />
    public override ValueType Type => Scalar.Kind switch
    {
        ScalarKind.String => ValueType.String,
        ScalarKind.Integer or ScalarKind.Float => ValueType.Number,
        ScalarKind.Boolean => ValueType.Boolean,
        _ => ValueType.Unknown,
    };

    /// <summary>A string literal.</summary>
    public static PLiteral Of(string text) => new(ScalarNode.String(text));
}

/// <summary>A list literal.</summary>
internal sealed record PList(IReadOnlyList<PValue> Items) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Items.Any(i => i.IsOutput);

    /// <inheritdoc />
    public override ValueType Type => ValueType.List;
}

/// <summary>An object literal; keys are written as given.</summary>
internal sealed record PObject(IReadOnlyList<KeyValuePair<string, PValue>> Entries) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Entries.Any(e => e.Value.IsOutput);

    /// <inheritdoc />
    public override ValueType Type => ValueType.Object;
}

/// <summary>A named value of the program: a config value, a resource output, a pseudo parameter.</summary>
/// <param name="TypeScript">The TypeScript expression.</param>
/// <param name="Yaml">The Pulumi YAML expression (without <c>${}</c>), or null when YAML cannot express it.</param>
/// <param name="Output">True for an Output.</param>
/// <param name="ValueType">The run-time type.</param>
internal sealed record PRef(string TypeScript, string? Yaml, bool Output, ValueType ValueType) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Output;

    /// <inheritdoc />
    public override ValueType Type => ValueType;
}

/// <summary>A string built from literal text and values (Fn::Sub).</summary>
internal sealed record PInterpolate(IReadOnlyList<object> Parts) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Parts.OfType<PValue>().Any(p => p.IsOutput);

    /// <inheritdoc />
    public override ValueType Type => ValueType.String;
}

/// <summary>Fn::Join.</summary>
internal sealed record PJoin(string Separator, PValue List) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => List.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.String;
}

/// <summary>Fn::Select.</summary>
internal sealed record PSelect(int Index, PValue List) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => List.IsOutput || (List is PList l && Index < l.Items.Count && l.Items[Index].IsOutput);

    /// <inheritdoc />
    public override ValueType Type => List is PList l && Index < l.Items.Count ? l.Items[Index].Type : ValueType.Unknown;
}

/// <summary>Fn::Split.</summary>
internal sealed record PSplit(string Separator, PValue Source) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Source.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.List;
}

/// <summary>Fn::If on a condition variable.</summary>
internal sealed record PIf(string Condition, PValue Then, PValue Else) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Then.IsOutput || Else.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => Then is PNoValue ? Else.Type : Then.Type;
}

/// <summary>AWS::NoValue: the property is left out.</summary>
internal sealed record PNoValue : PValue
{
    /// <summary>The one instance.</summary>
    public static PNoValue Instance { get; } = new();

    /// <inheritdoc />
    public override bool IsOutput => false;

    /// <inheritdoc />
    public override ValueType Type => ValueType.Unknown;
}

/// <summary>A value serialized to a JSON string (a property that is a JSON document in the provider).</summary>
internal sealed record PJson(PValue Inner) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Inner.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.String;
}

/// <summary>Fn::Cidr: <paramref name="Count"/> consecutive blocks with <paramref name="Bits"/> host bits each, from the start of <paramref name="Block"/>.</summary>
internal sealed record PCidr(PValue Block, PValue Count, PValue Bits) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Block.IsOutput || Count.IsOutput || Bits.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.List;
}

/// <summary>Fn::Base64.</summary>
internal sealed record PBase64(PValue Inner) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Inner.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.String;
}

/// <summary>A conversion to the type a property needs (CloudFormation is loose about "128" and 128).</summary>
internal sealed record PConvert(PValue Inner, ValueType To) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Inner.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => To;
}

/// <summary>Fn::FindInMap on a mapping constant.</summary>
internal sealed record PFindInMap(string Mapping, string MappingName, PValue TopKey, PValue SecondKey) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => TopKey.IsOutput || SecondKey.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.Unknown;
}

/// <summary>A local folder or file deployed as a zip archive.</summary>
internal sealed record PFileArchive(string Path) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => false;

    /// <inheritdoc />
    public override ValueType Type => ValueType.Object;
}

/// <summary>Inline code (ZipFile / InlineCode) as an archive holding one file.</summary>
internal sealed record PInlineArchive(string FileName, PValue Code) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Code.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.Object;
}

/// <summary>Fn::Equals (conditions only).</summary>
internal sealed record PEquals(PValue Left, PValue Right) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Left.IsOutput || Right.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.Boolean;
}

/// <summary>Fn::Not, Fn::And, Fn::Or (conditions only).</summary>
internal sealed record PLogic(string Operator, IReadOnlyList<PValue> Operands) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Operands.Any(o => o.IsOutput);

    /// <inheritdoc />
    public override ValueType Type => ValueType.Boolean;
}

/// <summary>A string cast to a provider enum type (a computed value for an enum input).</summary>
internal sealed record PCast(PValue Inner) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => Inner.IsOutput;

    /// <inheritdoc />
    public override ValueType Type => ValueType.String;
}

/// <summary>Fn::ImportValue: the value of another stack's CloudFormation export.</summary>
internal sealed record PImport(PValue Name) : PValue
{
    /// <inheritdoc />
    public override bool IsOutput => true;

    /// <inheritdoc />
    public override ValueType Type => ValueType.String;
}
