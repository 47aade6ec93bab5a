using System.Text;
using System.Text.RegularExpressions;
using SamCompiler.Tests.Infrastructure;

namespace SamCompiler.Tests.Architecture;

/// <summary>One C# source file of src/, with its code stripped of comments and string literals (so only code is searched).</summary>
internal sealed partial record SourceFile(string Project, string RelativePath, string Namespace, string Code, string Text)
{
    /// <summary>Every .cs file under src/ (bin and obj excluded), by project folder name.</summary>
    public static IReadOnlyList<SourceFile> All { get; } = Load();

    /// <summary>The namespaces the code names: using directives (plain, static, alias) and qualified names in code.</summary>
    public IReadOnlySet<string> ReferencedNamespaces
    {
        get
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in UsingDirective().Matches(Code))
            {
                result.Add(m.Groups["ns"].Value);
            }

            var code = NamespaceDeclaration().Replace(Code, string.Empty);
            foreach (Match m in QualifiedName().Matches(code))
            {
                result.Add(m.Groups["ns"].Value);
            }

            // Inside namespace SamCompiler.X, a sibling namespace can be named relatively ("Api.Foo", "Emit.Pulumi.Bar").
            if (Namespace.StartsWith("SamCompiler", StringComparison.Ordinal))
            {
                foreach (Match m in RelativeName().Matches(code))
                {
                    result.Add("SamCompiler." + m.Groups["ns"].Value);
                }
            }

            return result;
        }
    }

    private static List<SourceFile> Load()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        var files = new List<SourceFile>();
        foreach (var path in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(src, path).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            var code = StripCommentsAndStrings(text);
            var ns = NamespaceDeclaration().Match(code) is { Success: true } m ? m.Groups["ns"].Value : string.Empty;
            files.Add(new SourceFile(relative.Split('/')[0], relative, ns, code, text));
        }

        return files;
    }

    /// <summary>The code with comments removed and string and character literals emptied (line structure kept).</summary>
    internal static string StripCommentsAndStrings(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
                sb.Append(' ');
            }
            else if (c == '"' && string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
            {
                // Raw string literal: as many quotes close it as opened it.
                var quotes = 0;
                while (i < text.Length && text[i] == '"')
                {
                    quotes++;
                    i++;
                }

                var close = text.IndexOf(new string('"', quotes), i, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + quotes;
                sb.Append("\"\"");
            }
            else if (c == '"' || (c == '@' && next == '"') || (c == '$' && (next == '"' || next == '@')))
            {
                var verbatim = c == '@' || (c == '$' && next == '@') || (i + 2 < text.Length && text[i + 1] == '@');
                while (text[i] != '"')
                {
                    i++;
                }

                i++;
                while (i < text.Length)
                {
                    if (!verbatim && text[i] == '\\')
                    {
                        i += 2;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        if (verbatim && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    i++;
                }

                sb.Append("\"\"");
            }
            else if (c == '\'' && i + 2 < text.Length && (text[i + 2] == '\'' || (text[i + 1] == '\\' && i + 3 < text.Length)))
            {
                var end = text.IndexOf('\'', text[i + 1] == '\\' ? i + 3 : i + 2);
                i = end < 0 ? text.Length : end + 1;
                sb.Append("' '");
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<ns>SamCompiler(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?(?<ns>SamCompiler(?:\.[A-Z]\w*)+)\.")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])(?<ns>(?:Text|Diagnostics|Syntax|Model|Transform|Emit|Validation|StepFunctions)(?:\.[A-Z]\w*)*)\.[A-Z]")]
    private static partial Regex RelativeName();
}
