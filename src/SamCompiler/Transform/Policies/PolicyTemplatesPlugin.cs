using SamCompiler.Syntax;

namespace SamCompiler.Transform.Policies;

/// <summary>
/// Expands policy templates in the Policies of AWS::Serverless::Function and AWS::Serverless::StateMachine into
/// policy documents before the resource is transformed (PolicyTemplatesForResourcePlugin in
/// samtranslator/plugins/policies/policy_templates_plugin.py). It runs last among the plugins, after Globals.
/// </summary>
public sealed class PolicyTemplatesPlugin : ITemplatePlugin
{
    /// <summary>The resource types whose Policies are processed (SUPPORTED_RESOURCE_TYPE).</summary>
    public static readonly IReadOnlySet<string> SupportedResourceTypes =
        new HashSet<string>(StringComparer.Ordinal) { "AWS::Serverless::Function", "AWS::Serverless::StateMachine" };

    private readonly PolicyTemplatesProcessor? _given;

    /// <summary>A plugin over the bundled policy templates (read when a resource first has Policies).</summary>
    public PolicyTemplatesPlugin()
    {
    }

    /// <summary>A plugin over the given templates.</summary>
    public PolicyTemplatesPlugin(PolicyTemplatesProcessor policyTemplateProcessor) =>
        _given = policyTemplateProcessor;

    private PolicyTemplatesProcessor Processor => _given ?? PolicyTemplatesProcessor.Default;

    /// <summary>
    /// Replaces the resource's Policies (in place) by a list where every policy template, also inside the branches of
    /// an Fn::If, is converted into its policy document; other entries are kept as they are. A single (non-list)
    /// value becomes a one-entry list. A missing or empty Policies is left alone.
    /// </summary>
    /// <exception cref="ResourceException">A template lacks parameter values or its values are not a mapping.</exception>
    /// <exception cref="TemplateException">An Fn::If entry is malformed or mixes policy types.</exception>
    public void BeforeTransformResource(SamResource resource, TranslationContext context)
    {
        if (!SupportedResourceTypes.Contains(resource.Type))
        {
            return;
        }

        if (resource.Definition["Properties"] is not MapNode properties)
        {
            return;
        }

        if (!ResourcePolicies.IsTruthy(properties[ResourcePolicies.PoliciesPropertyName]))
        {
            return;
        }

        var functionPolicies = new ResourcePolicies(properties, Processor);
        if (functionPolicies.Count == 0)
        {
            return;
        }

        var original = properties[ResourcePolicies.PoliciesPropertyName]!;
        var result = new ListNode { Span = original.Span };
        foreach (var entry in functionPolicies.Get())
        {
            if (entry.Type != PolicyTypes.PolicyTemplate)
            {
                result.Add(entry.Data);
                continue;
            }

            if (ResourcePolicies.IsIntrinsicIf(entry.Data))
            {
                result.Add(ProcessIntrinsicIfPolicyTemplate(resource.LogicalId, (MapNode)entry.Data));
                continue;
            }

            result.Add(ProcessPolicyTemplate(resource.LogicalId, (MapNode)entry.Data));
        }

        properties.Set(ResourcePolicies.PoliciesPropertyName, result, properties.KeySpan(ResourcePolicies.PoliciesPropertyName));
    }

    private MapNode ProcessIntrinsicIfPolicyTemplate(string logicalId, MapNode intrinsicIf)
    {
        var items = (ListNode)intrinsicIf["Fn::If"]!;
        var thenStatement = items[1];
        var elseStatement = items[2];
        var processedThen = ResourcePolicies.IsIntrinsicNoValue(thenStatement)
            ? thenStatement
            : ProcessPolicyTemplate(logicalId, thenStatement);
        var processedElse = ResourcePolicies.IsIntrinsicNoValue(elseStatement)
            ? elseStatement
            : ProcessPolicyTemplate(logicalId, elseStatement);
        var list = new ListNode { Span = items.Span };
        list.Add(items[0]);
        list.Add(processedThen);
        list.Add(processedElse);
        var result = new MapNode { Span = intrinsicIf.Span };
        result.Set("Fn::If", list, intrinsicIf.KeySpan("Fn::If"));
        return result;
    }

    private Node ProcessPolicyTemplate(string logicalId, Node templateData)
    {
        // A policy template is {"TemplateName": {parameter values}}.
        var map = (MapNode)templateData;
        var templateName = map.KeyAt(0);
        var templateParameters = map.ValueAt(0);
        try
        {
            return Processor.Convert(templateName, templateParameters);
        }
        catch (InsufficientParameterValuesException ex)
        {
            throw new ResourceException(logicalId, ex.Message, templateParameters.Span.IsKnown ? templateParameters.Span : map.Span);
        }
        catch (PolicyTemplateNotFoundException ex)
        {
            // Only reachable with an Fn::If nested in an Fn::If branch; the reference fails there with an internal
            // error (an uncaught TemplateNotFoundException). Reject the resource instead.
            throw new ResourceException(logicalId, ex.Message, map.Span);
        }
        catch (InvalidParameterValuesException)
        {
            throw new ResourceException(
                logicalId,
                $"Must specify valid parameter values for policy template '{templateName}'",
                templateParameters.Span.IsKnown ? templateParameters.Span : map.Span);
        }
    }
}
