using SamCompiler.Diagnostics;
using SamCompiler.Model.Aws;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// Logical ids (Resources, Parameters, Outputs, Conditions, Mappings) must be alphanumeric (A-Za-z0-9) and at most 255
/// characters; generated resource ids of the transformed template are checked for length too and reported at the SAM
/// resource that made them.
/// </summary>
public sealed class LogicalIdRule : RuleBase
{
    private static readonly string[] Sections = ["Resources", "Parameters", "Outputs", "Conditions", "Mappings"];

    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.LogicalId;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        var max = Quotas.LogicalIdLength.Value;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in Sections)
        {
            if (template.Root[section] is not MapNode map)
            {
                continue;
            }

            foreach (var id in map.Keys)
            {
                var owner = section == "Resources" ? id : null;
                if (id.Length == 0 || !id.All(char.IsAsciiLetterOrDigit))
                {
                    context.Report(map.KeySpan(id), $"The logical id \"{id}\" in {section} must be alphanumeric (A-Z, a-z, 0-9).", owner);
                    reported.Add(id);
                }
                else if (id.Length > max)
                {
                    context.Report(map.KeySpan(id), $"The logical id \"{id[..20]}...\" in {section} is {id.Length} characters; CloudFormation allows at most {max}.", owner);
                    reported.Add(id);
                }
            }
        }

        if (template.Translation.Document?["Resources"] is MapNode generated && !ReferenceEquals(generated, template.Root["Resources"]))
        {
            foreach (var id in generated.Keys.Where(k => k.Length > max && !reported.Contains(k)))
            {
                var owner = template.Model.Resources.FirstOrDefault(r => r.KeySpan == generated.KeySpan(id))?.LogicalId;
                context.Report(generated.KeySpan(id), $"The transform generates the logical id \"{id[..20]}...\" of {id.Length} characters; CloudFormation allows at most {max}. Shorten the SAM logical id.", owner);
            }
        }
    }
}
