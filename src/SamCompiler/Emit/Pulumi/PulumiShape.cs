namespace SamCompiler.Emit.Pulumi;

/// <summary>The kinds of a Pulumi input shape.</summary>
internal enum ShapeKind
{
    /// <summary>A string (or string enum).</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>Free-form JSON: keys are kept as in CloudFormation.</summary>
    Any,

    /// <summary>A list of <see cref="PulumiShape.Element"/>.</summary>
    List,

    /// <summary>A map with string keys and <see cref="PulumiShape.Element"/> values.</summary>
    Map,

    /// <summary>An object with named properties.</summary>
    Object,
}

/// <summary>The type of a Pulumi input property, as extracted from the SDK's .d.ts files.</summary>
internal sealed class PulumiShape
{
    private PulumiShape(ShapeKind kind, PulumiShape? element, Dictionary<string, PulumiShape>? properties, HashSet<string>? required = null)
    {
        Kind = kind;
        Element = element;
        Properties = properties ?? [];
        Required = required ?? [];
    }

    /// <summary>The values of a string enum (empty for a plain string).</summary>
    public IReadOnlyList<string> EnumValues { get; private init; } = [];

    /// <summary>The names of the required properties of an object.</summary>
    public HashSet<string> Required { get; }

    /// <summary>The kind.</summary>
    public ShapeKind Kind { get; }

    /// <summary>The element of a list or map.</summary>
    public PulumiShape? Element { get; }

    /// <summary>The properties of an object, by Pulumi name, in declaration order.</summary>
    public Dictionary<string, PulumiShape> Properties { get; }

    /// <summary>Free-form JSON.</summary>
    public static PulumiShape AnyShape { get; } = new(ShapeKind.Any, null, null);

    /// <summary>A string.</summary>
    public static PulumiShape StringShape { get; } = new(ShapeKind.String, null, null);

    /// <summary>A number.</summary>
    public static PulumiShape NumberShape { get; } = new(ShapeKind.Number, null, null);

    /// <summary>A boolean.</summary>
    public static PulumiShape BooleanShape { get; } = new(ShapeKind.Boolean, null, null);

    /// <summary>A list of strings.</summary>
    public static PulumiShape StringList { get; } = new(ShapeKind.List, StringShape, null);

    /// <summary>An object with the given properties.</summary>
    public static PulumiShape ObjectOf(Dictionary<string, PulumiShape> properties) => new(ShapeKind.Object, null, properties);

    /// <summary>Parses the compact notation of tests/pulumi/tools/extract-native-shapes.js.</summary>
    public static PulumiShape Parse(string text)
    {
        var position = 0;
        return Parse(text, ref position, []);
    }

    private static PulumiShape Parse(string text, ref int position, List<PulumiShape> enclosing)
    {
        var c = text[position++];
        switch (c)
        {
            case 's':
                return StringShape;
            case 'e':
            {
                var close = text.IndexOf(')', position);
                var values = text[(position + 1)..close].Split('|');
                position = close + 1;
                return new PulumiShape(ShapeKind.String, null, null) { EnumValues = values };
            }

            case 'n':
                return NumberShape;
            case 'b':
                return BooleanShape;
            case 'a':
                return AnyShape;
            case '[':
            {
                var element = Parse(text, ref position, enclosing);
                position++;
                return new PulumiShape(ShapeKind.List, element, null);
            }

            case '<':
            {
                var element = Parse(text, ref position, enclosing);
                position++;
                return new PulumiShape(ShapeKind.Map, element, null);
            }

            case '^':
            {
                // A recursive type: the k-th enclosing object, counted from the root.
                var end = position;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                var index = int.Parse(text[position..end], System.Globalization.CultureInfo.InvariantCulture);
                position = end;
                return enclosing[index];
            }

            case '{':
            {
                var properties = new Dictionary<string, PulumiShape>(StringComparer.Ordinal);
                var required = new HashSet<string>(StringComparer.Ordinal);
                var shape = new PulumiShape(ShapeKind.Object, null, properties, required);
                enclosing.Add(shape);
                while (text[position] != '}')
                {
                    var colon = text.IndexOf(':', position);
                    var name = text[position..colon];
                    if (name.EndsWith('!'))
                    {
                        name = name[..^1];
                        required.Add(name);
                    }

                    position = colon + 1;
                    properties[name] = Parse(text, ref position, enclosing);
                    if (text[position] == ',')
                    {
                        position++;
                    }
                }

                position++;
                enclosing.RemoveAt(enclosing.Count - 1);
                return shape;
            }

            default:
                throw new FormatException($"Bad shape character '{c}' at {position - 1}.");
        }
    }
}
