using System.Text;

namespace SamCompiler.Emit.Pulumi;

/// <summary>Name conversions: CloudFormation names to Pulumi property names and program identifiers.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
        "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
        "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
        "boolean", "constructor", "declare", "get", "module", "require", "number", "set", "string", "symbol", "type",
        "from", "of", "await", "async", "undefined", "NaN", "Infinity", "eval", "arguments", "Object", "String",
        "Number", "Boolean", "Array", "JSON", "Buffer", "Error", "Promise", "Math", "Date", "console", "process",
        "exports",
    };

    /// <summary>
    /// Pulumi's camel case of a CloudFormation name: the leading run of capitals is lowered, except the last one when
    /// a lower-case letter follows (VpcConfig → vpcConfig, SSESpecification → sseSpecification, URL → url).
    /// </summary>
    public static string Camel(string name)
    {
        if (name.Length == 0)
        {
            return name;
        }

        var run = 0;
        while (run < name.Length && char.IsUpper(name[run]))
        {
            run++;
        }

        if (run == 0)
        {
            return name;
        }

        if (run == name.Length)
        {
            return name.ToLowerInvariant();
        }

        var lower = run == 1 ? 1 : (char.IsLower(name[run]) ? run - 1 : run);
        return name[..lower].ToLowerInvariant() + name[lower..];
    }

    /// <summary>A valid identifier from a logical id: camel case, other characters dropped.</summary>
    public static string Identifier(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
        }

        var text = Camel(builder.ToString());
        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text = "r" + text;
        }

        return Reserved.Contains(text) ? text + "Value" : text;
    }

    /// <summary>True when <paramref name="key"/> can be written without quotes in a TypeScript object literal.</summary>
    public static bool IsPlainKey(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_' || key[0] == '$') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$');
}

/// <summary>Hands out unique program identifiers.</summary>
internal sealed class NameTable
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Marks a name as taken.</summary>
    public void Reserve(string name) => _used.Add(name);

    /// <summary>A unique camel-case identifier for <paramref name="name"/>.</summary>
    public string Take(string name) => Unique(Naming.Identifier(name));

    /// <summary>A unique identifier for an export, keeping the output's name when it is one.</summary>
    public string TakeExport(string name) => Unique(Naming.IsPlainKey(name) && !char.IsAsciiLetterLower(name[0]) ? name : Naming.Identifier(name) + "Output");

    private string Unique(string candidate)
    {
        var name = candidate;
        for (var i = 2; !_used.Add(name); i++)
        {
            name = candidate + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
