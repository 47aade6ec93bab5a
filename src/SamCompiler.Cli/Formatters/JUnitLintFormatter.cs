using System.Globalization;
using System.Text;
using System.Xml;
using SamCompiler.Diagnostics;
using SamCompiler.Validation;

namespace SamCompiler.Cli.Formatters;

/// <summary>
/// <c>--format junit</c>: one testsuite per template and one testcase per lint rule (as cfn-lint does); each finding of
/// a rule is a failure of its testcase, rules that ran clean pass. Ids outside the lint rules (YAML and translator
/// errors) get a testcase of their own.
/// </summary>
public sealed class JUnitLintFormatter(IReadOnlySet<string> disabledRules) : ILintFormatter
{
    /// <inheritdoc />
    public void Write(LintReport report, TextWriter writer)
    {
        var all = report.Diagnostics;
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "samc lint");
            var failing = report.Files.Sum(f => all.Where(d => d.Span.Path == f).Select(d => d.Id).Distinct().Count());
            xml.WriteAttributeString("tests", report.Files.Sum(f => Cases(all, f).Count).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", failing.ToString(CultureInfo.InvariantCulture));
            foreach (var file in report.Files)
            {
                var mine = all.Where(d => d.Span.Path == file).ToList();
                var ids = Cases(all, file);
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", file);
                xml.WriteAttributeString("tests", ids.Count.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("failures", ids.Count(d => mine.Any(m => m.Id == d.Id)).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", ids.Count(d => disabledRules.Contains(d.Id)).ToString(CultureInfo.InvariantCulture));
                foreach (var descriptor in ids)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", file);
                    xml.WriteAttributeString("name", $"{descriptor.Id} {descriptor.Name}");
                    var found = mine.Where(m => m.Id == descriptor.Id).ToList();
                    if (found.Count > 0)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("type", Diagnostic.SeverityWord(found.Max(f => f.Severity)));
                        xml.WriteAttributeString("message", found[0].Message);
                        xml.WriteString(string.Join("\n", found.Select(f => f.ToString())));
                        xml.WriteEndElement();
                    }
                    else if (disabledRules.Contains(descriptor.Id))
                    {
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", "Rule disabled by configuration.");
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()));
        writer.Write('\n');
    }

    /// <summary>The testcases of a file: every lint rule, plus any other id reported for it.</summary>
    private static List<DiagnosticDescriptor> Cases(IReadOnlyList<Diagnostic> all, string file) =>
        [.. RuleRegistry.All.Select(r => r.Descriptor)
            .Concat(all.Where(d => d.Span.Path == file).Select(d => d.Descriptor))
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.Id, StringComparer.Ordinal)];
}
