using SamCompiler.Diagnostics;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform.LanguageExtensions;

/// <summary>The result of the AWS::LanguageExtensions transform: the processed template (null on errors) and diagnostics.</summary>
/// <param name="Template">The processed template, a new tree (the input is not changed).</param>
/// <param name="Diagnostics">Errors (at most one: CloudFormation stops at the first) and notes.</param>
public sealed record LanguageExtensionsResult(MapNode? Template, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The <c>AWS::LanguageExtensions</c> transform, applied before the SAM transform as CloudFormation applies it
/// when a template lists both (<c>Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]</c>) or this one
/// alone: Fn::ForEach in Conditions, Resources (and resource Properties) and Outputs, then Fn::Length,
/// Fn::ToJsonString, Fn::FindInMap with DefaultValue, intrinsic functions in DeletionPolicy and
/// UpdateReplacePolicy, and the evaluation of the functions around them. Parameter values are the caller's
/// overrides, else each parameter's Default. Nodes keep the spans of the text they came from.
/// </summary>
/// <remarks>
/// Reference: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-languageextensions.html
/// and CloudFormation's own test templates for the transform (in aws-sam-cli, tests/unit/lib/cfn_language_extensions/compatibility).
/// </remarks>
public static class LanguageExtensionsTransform
{
    /// <summary>The transform's name.</summary>
    public const string TransformName = "AWS::LanguageExtensions";

    private static readonly string[] PolicyAttributes = ["DeletionPolicy", "UpdateReplacePolicy"];

    /// <summary>True when the template's Transform names AWS::LanguageExtensions (a string or an item of a list).</summary>
    public static bool IsDeclared(MapNode template) => template["Transform"] switch
    {
        ScalarNode { Kind: ScalarKind.String } s => s.Text == TransformName,
        ListNode l => l.Any(t => t.AsString() == TransformName),
        _ => false,
    };

    /// <summary>Applies the transform to <paramref name="input"/> (not modified). Never throws: a bug becomes SAM0001.</summary>
    public static LanguageExtensionsResult Apply(SourceText source, MapNode input, TranslateOptions options)
    {
        var template = (MapNode)input.Clone();
        var values = new TemplateValues(template, options);
        var evaluator = new IntrinsicEvaluator(values, source.Path);
        try
        {
            CheckStructure(template, source);
            var expander = new ForEachExpander(values, evaluator);
            expander.CheckLoops(template);
            ExpandSection(template, "Conditions", expander.ExpandSection);
            values.Conditions = template["Conditions"] as MapNode ?? new MapNode();
            if (template["Resources"] is MapNode resources)
            {
                template.Set("Resources", expander.ExpandResources(resources), template.KeySpan("Resources"));
            }

            ExpandSection(template, "Outputs", expander.ExpandSection);
            ForEachExpander.RejectLeftovers(template);

            ResolveConditions(template, values, evaluator);
            ResolveEntries(template, "Resources", values, evaluator);
            ResolveEntries(template, "Outputs", values, evaluator);
            RemoveFromTransform(template);
            return new LanguageExtensionsResult(template, evaluator.Notes);
        }
        catch (LanguageExtensionsException ex)
        {
            var span = ex.Span.IsKnown ? ex.Span : SourceSpan.DocumentStart(source.Path);
            var message = ex.Message.EndsWith('.') ? ex.Message : ex.Message + ".";
            return new LanguageExtensionsResult(null, [.. evaluator.Notes, Diagnostic.Create(ex.Descriptor, span, message)]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var bug = Diagnostic.Create(DiagnosticCatalog.InternalError, SourceSpan.DocumentStart(source.Path), $"Internal error in AWS::LanguageExtensions: {ex.GetType().Name}: {ex.Message} This is a bug in samc; please report it with the template.");
            return new LanguageExtensionsResult(null, [bug]);
        }
    }

    private static void CheckStructure(MapNode template, SourceText source)
    {
        switch (template["Resources"])
        {
            case null:
                throw new LanguageExtensionsException(DiagnosticCatalog.LanguageExtensionsValueInvalid, "The template has no Resources section.", SourceSpan.DocumentStart(source.Path));
            case MapNode resources:
                foreach (var (id, value) in resources)
                {
                    if (value is not MapNode && !(ForEachExpander.IsForEachKey(id) && value is ListNode))
                    {
                        throw new LanguageExtensionsException(DiagnosticCatalog.LanguageExtensionsValueInvalid, $"The resource \"{id}\" must be a mapping.", resources.KeySpan(id));
                    }
                }

                break;
            default:
                throw new LanguageExtensionsException(DiagnosticCatalog.LanguageExtensionsValueInvalid, "The Resources section must be a mapping.", template.KeySpan("Resources"));
        }

        if (template["Outputs"] is MapNode outputs)
        {
            foreach (var (id, value) in outputs)
            {
                if (value.IsNull)
                {
                    throw new LanguageExtensionsException(DiagnosticCatalog.LanguageExtensionsValueInvalid, $"The output \"{id}\" is null.", outputs.KeySpan(id));
                }
            }
        }
    }

    private static void ExpandSection(MapNode template, string name, Func<MapNode, MapNode> expand)
    {
        if (template[name] is not MapNode section)
        {
            return;
        }

        var expanded = expand(section);
        if (expanded.Count == 0)
        {
            template.Remove(name);
        }
        else
        {
            template.Set(name, expanded, template.KeySpan(name));
        }
    }

    /// <summary>Checks every condition (unknown names, circles) and writes its arguments' known values in.</summary>
    private static void ResolveConditions(MapNode template, TemplateValues values, IntrinsicEvaluator evaluator)
    {
        var conditions = values.Conditions;
        if (conditions.Count == 0)
        {
            return;
        }

        CheckConditionGraph(conditions);
        var resolved = new MapNode { Span = conditions.Span };
        foreach (var (name, definition) in conditions)
        {
            evaluator.Condition(name, required: false, conditions.KeySpan(name));
            resolved.Set(name, evaluator.Resolve(definition) ?? definition, conditions.KeySpan(name));
        }

        template.Set("Conditions", resolved, template.KeySpan("Conditions"));
    }

    /// <summary>
    /// Evaluates each resource or output. One whose Condition is false is evaluated leniently (CloudFormation does
    /// not validate what it will not create): where evaluation fails, it is kept as written.
    /// </summary>
    private static void ResolveEntries(MapNode template, string section, TemplateValues values, IntrinsicEvaluator evaluator)
    {
        if (template[section] is not MapNode entries)
        {
            return;
        }

        var resolved = new MapNode { Span = entries.Span };
        foreach (var (id, value) in entries)
        {
            var keySpan = entries.KeySpan(id);
            if (value is not MapNode entry || entry.IsIntrinsic)
            {
                var what = section == "Resources" ? "resource" : "output";
                throw new LanguageExtensionsException(DiagnosticCatalog.LanguageExtensionsValueInvalid, $"The {what} \"{id}\" must be a mapping (after Fn::ForEach expansion, a loop's fragment must be {{LogicalId: {{...}}}}).", keySpan);
            }

            bool? active = true;
            if (entry["Condition"] is ScalarNode { Kind: ScalarKind.String } condition)
            {
                active = evaluator.Condition(condition.Text, required: false, condition.Span.IsKnown ? condition.Span : keySpan);
            }

            MapNode result;
            if (active == false)
            {
                try
                {
                    result = (MapNode)evaluator.Resolve(entry)!;
                }
                catch (LanguageExtensionsException)
                {
                    result = entry;
                }
            }
            else
            {
                result = (MapNode)evaluator.Resolve(entry)!;
            }

            if (section == "Resources")
            {
                // CloudFormation's transform drops null values from resources (a null attribute or property is absent)
                result = (MapNode)WithoutNulls(result);
                foreach (var policy in PolicyAttributes)
                {
                    if (entry[policy] is { IsNull: false } written)
                    {
                        result.Set(policy, ResolvePolicy(id, policy, written, evaluator), entry.KeySpan(policy));
                    }
                }
            }
            else if (entry.ContainsKey("Value") && !result.ContainsKey("Value"))
            {
                throw new LanguageExtensionsException(DiagnosticCatalog.LanguageExtensionsValueInvalid, $"The Value of the output \"{id}\" resolves to AWS::NoValue; an output must have a value.", entry["Value"]!.Span.IsKnown ? entry["Value"]!.Span : keySpan);
            }

            resolved.Set(id, result, keySpan);
        }

        template.Set(section, resolved, template.KeySpan(section));
    }

    private static Node WithoutNulls(Node node)
    {
        switch (node)
        {
            case MapNode m:
                var map = new MapNode { Span = m.Span };
                foreach (var (k, v) in m)
                {
                    if (!v.IsNull)
                    {
                        map.Set(k, WithoutNulls(v), m.KeySpan(k));
                    }
                }

                return map;
            case ListNode l:
                return new ListNode(l.Where(i => !i.IsNull).Select(WithoutNulls)) { Span = l.Span };
            default:
                return node;
        }
    }

    /// <summary>Fails on condition references that name no condition or go round in a circle (checked on the whole graph, as CloudFormation does).</summary>
    private static void CheckConditionGraph(MapNode conditions)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in conditions.Keys)
        {
            Visit(name, conditions.KeySpan(name));
        }

        void Visit(string name, SourceSpan span)
        {
            if (!conditions.TryGetValue(name, out var definition))
            {
                throw new LanguageExtensionsException(DiagnosticCatalog.ConditionReferenceInvalid, $"The condition \"{name}\" is not defined in the Conditions section.", span);
            }

            switch (state.GetValueOrDefault(name))
            {
                case 1:
                    throw new LanguageExtensionsException(DiagnosticCatalog.ConditionReferenceInvalid, $"The condition \"{name}\" depends on itself (circular condition references).", span);
                case 2:
                    return;
            }

            state[name] = 1;
            foreach (var (reference, referenceSpan) in References(definition))
            {
                Visit(reference, referenceSpan);
            }

            state[name] = 2;
        }

        static IEnumerable<(string, SourceSpan)> References(Node node)
        {
            switch (node)
            {
                case MapNode { Count: 1 } m when m.KeyAt(0) == "Condition" && m.ValueAt(0) is ScalarNode { Kind: ScalarKind.String } s:
                    yield return (s.Text, s.Span.IsKnown ? s.Span : m.Span);
                    break;
                case MapNode m:
                    foreach (var v in m.Values)
                    {
                        foreach (var r in References(v))
                        {
                            yield return r;
                        }
                    }

                    break;
                case ListNode l:
                    foreach (var v in l)
                    {
                        foreach (var r in References(v))
                        {
                            yield return r;
                        }
                    }

                    break;
            }
        }
    }

    private static Node ResolvePolicy(string id, string policy, Node written, IntrinsicEvaluator evaluator)
    {
        var span = written.Span;
        switch (written)
        {
            case ScalarNode { Kind: ScalarKind.String }:
                return written;
            case MapNode { Count: 1 } m when m.KeyAt(0) == "Ref" && m.ValueAt(0).AsString() == "AWS::NoValue":
                throw new LanguageExtensionsException(DiagnosticCatalog.PolicyAttributeInvalid, $"{policy} of \"{id}\" is AWS::NoValue, which {policy} does not accept.", span);
            case MapNode m when m.IsIntrinsic:
                var value = evaluator.Require(m, $"{policy} of \"{id}\"");
                return value is ScalarNode { Kind: ScalarKind.String }
                    ? value
                    : throw new LanguageExtensionsException(DiagnosticCatalog.PolicyAttributeInvalid, $"{policy} of \"{id}\" must resolve to one policy name (Delete, Retain, RetainExceptOnCreate or Snapshot).", span);
            default:
                throw new LanguageExtensionsException(DiagnosticCatalog.PolicyAttributeInvalid, $"{policy} of \"{id}\" must be a policy name (Delete, Retain, RetainExceptOnCreate or Snapshot) or a Ref, Fn::If or Fn::FindInMap that gives one.", span);
        }
    }

    /// <summary>The transform has run: it leaves the Transform list (and the key, when nothing else is listed).</summary>
    private static void RemoveFromTransform(MapNode template)
    {
        switch (template["Transform"])
        {
            case ScalarNode:
                template.Remove("Transform");
                break;
            case ListNode l:
                var rest = new ListNode(l.Where(t => t.AsString() != TransformName)) { Span = l.Span };
                if (rest.Count == 0)
                {
                    template.Remove("Transform");
                }
                else
                {
                    template.Set("Transform", rest, template.KeySpan("Transform"));
                }

                break;
        }
    }
}
