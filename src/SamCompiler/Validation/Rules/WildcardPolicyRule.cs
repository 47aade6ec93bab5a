using SamCompiler.Diagnostics;
using SamCompiler.Model;
using SamCompiler.Syntax;

namespace SamCompiler.Validation.Rules;

/// <summary>
/// Allow statements with Action "*" (or "service:*") or Resource "*" in inline policies: the Policies of SAM functions
/// and state machines (after Globals), and the PolicyDocument of AWS::IAM::Role policies, AWS::IAM::Policy and
/// AWS::IAM::ManagedPolicy.
/// </summary>
public sealed class WildcardPolicyRule : RuleBase
{
    /// <inheritdoc />
    public override DiagnosticDescriptor Descriptor => DiagnosticCatalog.WildcardPolicy;

    /// <inheritdoc />
    public override void Analyze(LintTemplate template, RuleContext context)
    {
        foreach (var resource in template.Model.Resources)
        {
            foreach (var document in Documents(resource))
            {
                foreach (var statement in Statements(document))
                {
                    if (template.Model.Evaluate(statement["Effect"]).AsString() != "Allow")
                    {
                        continue;
                    }

                    var action = Wildcard(statement["Action"], isAction: true);
                    var target = Wildcard(statement["Resource"], isAction: false);
                    if (action is not null)
                    {
                        context.Report(action, statement.Span, $"A policy statement of \"{resource.LogicalId}\" allows the action \"{action.AsString()}\"; grant the actions the code calls.", resource.LogicalId);
                    }

                    if (target is not null)
                    {
                        context.Report(target, statement.Span, $"A policy statement of \"{resource.LogicalId}\" allows Resource \"*\"; name the resources (some actions, such as xray:PutTraceSegments, need \"*\": suppress those).", resource.LogicalId);
                    }
                }
            }
        }
    }

    private static IEnumerable<MapNode> Documents(TemplateResource resource)
    {
        switch (resource.Type)
        {
            case "AWS::Serverless::Function" or "AWS::Serverless::StateMachine":
                var policies = resource["Policies"];
                if (policies is MapNode single && single["Statement"] is not null)
                {
                    yield return single;
                }
                else if (policies is ListNode list)
                {
                    foreach (var p in list.OfType<MapNode>().Where(p => p["Statement"] is not null))
                    {
                        yield return p;
                    }
                }

                break;
            case "AWS::IAM::Role":
                if (resource["Policies"] is ListNode rolePolicies)
                {
                    foreach (var p in rolePolicies.OfType<MapNode>())
                    {
                        if (p["PolicyDocument"] is MapNode d)
                        {
                            yield return d;
                        }
                    }
                }

                break;
            case "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" or "AWS::IAM::RolePolicy":
                if (resource["PolicyDocument"] is MapNode doc)
                {
                    yield return doc;
                }

                break;
        }
    }

    private static IEnumerable<MapNode> Statements(MapNode document) => document["Statement"] switch
    {
        MapNode one => [one],
        ListNode many => many.OfType<MapNode>(),
        _ => [],
    };

    private static Node? Wildcard(Node? value, bool isAction)
    {
        bool Is(Node n) => n.AsString() is { } s && (s == "*" || (isAction && s.EndsWith(":*", StringComparison.Ordinal)));
        return value switch
        {
            ScalarNode s when Is(s) => s,
            ListNode l => l.FirstOrDefault(Is),
            _ => null,
        };
    }
}
