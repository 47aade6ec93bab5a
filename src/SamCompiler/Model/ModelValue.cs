using System.Globalization;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Model;

/// <summary>What <see cref="IntrinsicEvaluator"/> could say about a value before deployment.</summary>
public enum ValueKind
{
    /// <summary>Not written, or <c>{"Ref": "AWS::NoValue"}</c> (also through a Fn::If branch).</summary>
    Absent,

    /// <summary>A plain value, known now (<see cref="ModelValue.Value"/>).</summary>
    Known,

    /// <summary>Known only when CloudFormation deploys the stack (<see cref="ModelValue.Pending"/> says why).</summary>
    DeployTime,

    /// <summary>An intrinsic function CloudFormation would reject (wrong arguments, an unknown name).</summary>
    Invalid,
}

/// <summary>Why a value is known only at deployment.</summary>
public enum PendingKind
{
    /// <summary>A <c>Ref</c> to a resource of the template (its physical id).</summary>
    ResourceRef,

    /// <summary>A <c>Fn::GetAtt</c> of a resource of the template.</summary>
    Attribute,

    /// <summary>A parameter with no Default and no override.</summary>
    Parameter,

    /// <summary>A pseudo parameter samc was not given (AWS::AccountId, AWS::StackName, AWS::NotificationARNs).</summary>
    Pseudo,

    /// <summary>A Fn::If whose condition depends on deploy-time values.</summary>
    Condition,

    /// <summary>A function CloudFormation evaluates (Fn::GetAZs, Fn::ImportValue, Fn::Cidr, ...).</summary>
    Function,
}

/// <summary>A deploy-time value: what it depends on.</summary>
/// <param name="Kind">Why it is not known now.</param>
/// <param name="Name">The logical id, parameter, pseudo parameter, condition or function name.</param>
/// <param name="Attribute">The attribute of a Fn::GetAtt, else null.</param>
public sealed record PendingValue(PendingKind Kind, string Name, string? Attribute = null);

/// <summary>
/// A property value as the model evaluates it: the node as written (so diagnostics point at the text) and what it
/// stands for before deployment: a plain value, nothing (absent or AWS::NoValue), or a deploy-time value.
/// </summary>
public sealed class ModelValue
{
    private static readonly ModelValue AbsentValue = new(null, ValueKind.Absent, null, null, null);

    private ModelValue(Node? source, ValueKind kind, Node? value, PendingValue? pending, string? parameter)
    {
        Source = source;
        Kind = kind;
        Value = value;
        Pending = pending;
        Parameter = parameter;
    }

    /// <summary>The node as written in the template (null when absent).</summary>
    public Node? Source { get; }

    /// <summary>What is known.</summary>
    public ValueKind Kind { get; }

    /// <summary>The plain value when <see cref="Kind"/> is Known (the written node itself when it is not an intrinsic).</summary>
    public Node? Value { get; }

    /// <summary>What a deploy-time value depends on.</summary>
    public PendingValue? Pending { get; }

    /// <summary>The parameter the value came from, when <see cref="Source"/> is a <c>Ref</c> to a parameter.</summary>
    public string? Parameter { get; }

    /// <summary>The span of the written node (<see cref="SourceSpan.None"/> when absent).</summary>
    public SourceSpan Span => Source?.Span ?? SourceSpan.None;

    /// <summary>True when written (even as a deploy-time value); false when absent or AWS::NoValue.</summary>
    public bool IsPresent => Kind != ValueKind.Absent;

    /// <summary>True when the value is known now.</summary>
    public bool IsKnown => Kind == ValueKind.Known;

    /// <summary>The absent value.</summary>
    public static ModelValue Absent(Node? source = null) => source is null ? AbsentValue : new(source, ValueKind.Absent, null, null, null);

    /// <summary>A known value.</summary>
    public static ModelValue Known(Node? source, Node value, string? parameter = null) => new(source, ValueKind.Known, value, null, parameter);

    /// <summary>A deploy-time value.</summary>
    public static ModelValue DeployTime(Node? source, PendingValue pending, string? parameter = null) => new(source, ValueKind.DeployTime, null, pending, parameter);

    /// <summary>An invalid intrinsic.</summary>
    public static ModelValue Invalid(Node? source) => new(source, ValueKind.Invalid, null, null, null);

    /// <summary>The same value seen through another written node (keeps what is known, takes the node's span).</summary>
    public ModelValue WithSource(Node? source, string? parameter = null) => new(source, Kind, Value, Pending, parameter ?? Parameter);

    /// <summary>
    /// The value as text: a string as is, a number or boolean as CloudFormation turns it into a string (true, 512,
    /// 0.5); null for nulls, maps, lists and values not known now.
    /// </summary>
    public string? AsString() => Text(Value);

    /// <summary>The value as a number (numbers and numeric strings), or null.</summary>
    public double? AsNumber() => Value switch
    {
        ScalarNode { IsNumber: true } n => n.NumberValue,
        ScalarNode { Kind: ScalarKind.String } s when double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    /// <summary>The value as an integer (whole numbers and their strings), or null.</summary>
    public long? AsInteger() => AsNumber() is { } d && d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue ? (long)d : null;

    /// <summary>The value as a boolean (true/false, and the strings "true"/"false" in any case), or null.</summary>
    public bool? AsBoolean() => Value switch
    {
        ScalarNode { Kind: ScalarKind.Boolean } b => b.IsTrue,
        ScalarNode { Kind: ScalarKind.String } s when bool.TryParse(s.Text, out var v) => v,
        _ => null,
    };

    /// <summary>The value when it is a list, or null.</summary>
    public ListNode? AsList() => Value as ListNode;

    /// <summary>The value when it is a mapping (not an intrinsic), or null.</summary>
    public MapNode? AsMap() => Value as MapNode;

    /// <summary>The text of a scalar as <see cref="AsString"/> gives it.</summary>
    public static string? Text(Node? node) => node is ScalarNode { Kind: not ScalarKind.Null } s ? s.Text : null;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ValueKind.Known => AsString() ?? Value?.GetType().Name ?? "?",
        ValueKind.DeployTime => $"<deploy-time {Pending?.Kind} {Pending?.Name}{(Pending?.Attribute is { } a ? "." + a : string.Empty)}>",
        _ => $"<{Kind}>",
    };
}
