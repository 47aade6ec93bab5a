using SamCompiler.Syntax;

namespace SamCompiler.Diff;

/// <summary>
/// Finds IAM changes that widen permissions between two templates' resources. A policy document is any mapping with
/// a <c>Statement</c> under a resource's Properties (identity policies, trust policies, resource policies of S3, SQS,
/// SNS, KMS ...); documents are matched by resource and path, list items that have a PolicyName by that name. For
/// each document it compares what the Allow statements grant (actions, the resources per action, principals) and
/// what the Deny statements deny; it also reports managed policies newly attached (ManagedPolicyArns) and new
/// principals of Lambda permissions. A resource or document that is new grants everything it holds. Values that are
/// intrinsic functions are compared as written.
/// </summary>
public static class IamDiffer
{
    private const string Any = "*";
    private static readonly string[] PermissionTypes = ["AWS::Lambda::Permission", "AWS::Lambda::LayerVersionPermission"];

    /// <summary>The widening changes from <paramref name="oldResources"/> to <paramref name="newResources"/>, in logical-id order.</summary>
    public static IReadOnlyList<IamWidening> Compare(MapNode oldResources, MapNode newResources)
    {
        var findings = new List<IamWidening>();
        foreach (var id in newResources.Keys.Order(StringComparer.Ordinal))
        {
            if (newResources[id] is not MapNode after)
            {
                continue;
            }

            var type = after["Type"].AsString() ?? string.Empty;
            var before = oldResources[id] as MapNode;
            var oldProperties = before is not null && before["Type"].AsString() == type ? before["Properties"] as MapNode : null;
            var newProperties = after["Properties"] as MapNode ?? new MapNode();

            var oldDocs = Documents(oldProperties);
            foreach (var (path, document) in Documents(newProperties))
            {
                var grantsBefore = Grants.Of(oldDocs.GetValueOrDefault(path));
                var grantsAfter = Grants.Of(document);
                foreach (var (kind, detail) in grantsAfter.WideningsFrom(grantsBefore))
                {
                    findings.Add(new IamWidening(id, type, path, kind, detail));
                }
            }

            var arnsBefore = Strings(oldProperties?["ManagedPolicyArns"]);
            foreach (var arn in Strings(newProperties["ManagedPolicyArns"]).Where(a => !arnsBefore.Contains(a)))
            {
                findings.Add(new IamWidening(id, type, "Properties.ManagedPolicyArns", IamWideningKind.ManagedPolicyAdded, arn));
            }

            if (PermissionTypes.Contains(type))
            {
                var principalBefore = oldProperties is null ? null : TemplateDiffer.Canonical(oldProperties["Principal"]);
                if (newProperties["Principal"] is { } principal && TemplateDiffer.Canonical(principal) != principalBefore)
                {
                    findings.Add(new IamWidening(id, type, "Properties.Principal", IamWideningKind.NewPrincipal, Display(principal)));
                }
            }
        }

        return findings;
    }

    /// <summary>The policy documents under <paramref name="properties"/>, by path.</summary>
    private static Dictionary<string, MapNode> Documents(MapNode? properties)
    {
        var result = new Dictionary<string, MapNode>(StringComparer.Ordinal);
        if (properties is not null)
        {
            Find(properties, "Properties", result);
        }

        return result;
    }

    private static void Find(Node node, string path, Dictionary<string, MapNode> result)
    {
        switch (node)
        {
            case MapNode m when m.ContainsKey("Statement"):
                result[path] = m;
                break;
            case MapNode { IsIntrinsic: false } m:
                foreach (var (key, value) in m)
                {
                    Find(value, path + "." + key, result);
                }

                break;
            case ListNode l:
                for (var i = 0; i < l.Count; i++)
                {
                    var label = l[i].Get("PolicyName").AsString() is { } name ? name : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Find(l[i], $"{path}[{label}]", result);
                }

                break;
        }
    }

    private static HashSet<string> Strings(Node? node) => node switch
    {
        ListNode l => [.. l.Select(Display)],
        null => [],
        _ => [Display(node)],
    };

    /// <summary>A value as text: strings as they are, anything else as canonical JSON.</summary>
    internal static string Display(Node? node) => node is ScalarNode { Kind: ScalarKind.String } s ? s.Text : TemplateDiffer.Canonical(node);

    /// <summary>What the statements of one policy document allow and deny.</summary>
    private sealed class Grants
    {
        private static readonly Grants Empty = new();

        private readonly HashSet<string> _actions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);
        private readonly HashSet<(string Action, string Resource)> _pairs = [];
        private readonly HashSet<string> _principals = new(StringComparer.Ordinal);
        private readonly HashSet<string> _negated = new(StringComparer.Ordinal);
        private readonly HashSet<string> _denied = new(StringComparer.Ordinal);
        private readonly HashSet<string> _conditionedSids = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sids = new(StringComparer.Ordinal);

        public static Grants Of(MapNode? document)
        {
            if (document is null)
            {
                return Empty;
            }

            var g = new Grants();
            foreach (var statement in Statements(document["Statement"]))
            {
                g.Add(statement);
            }

            return g;
        }

        public IEnumerable<(IamWideningKind, string)> WideningsFrom(Grants before)
        {
            foreach (var action in _actions.Where(a => !before._actions.Contains(a)).Order(StringComparer.Ordinal))
            {
                yield return (action.Contains('*', StringComparison.Ordinal) ? IamWideningKind.WildcardAction : IamWideningKind.NewAction, Written(action));
            }

            foreach (var (action, resource) in _pairs.Where(p => !before._pairs.Contains(p)).OrderBy(p => p.Action, StringComparer.Ordinal).ThenBy(p => p.Resource, StringComparer.Ordinal))
            {
                if (resource == Any)
                {
                    yield return (IamWideningKind.WildcardResource, $"{Written(action)} on *");
                }
                else if (before._actions.Contains(action) && resource.Length > 0)
                {
                    yield return (IamWideningKind.NewResource, $"{Written(action)} on {resource}");
                }
            }

            foreach (var principal in _principals.Where(p => !before._principals.Contains(p)).Order(StringComparer.Ordinal))
            {
                yield return (IamWideningKind.NewPrincipal, principal);
            }

            foreach (var negated in _negated.Where(n => !before._negated.Contains(n)).Order(StringComparer.Ordinal))
            {
                yield return (IamWideningKind.NegatedGrant, negated);
            }

            foreach (var sid in before._conditionedSids.Where(s => _sids.Contains(s) && !_conditionedSids.Contains(s)).Order(StringComparer.Ordinal))
            {
                yield return (IamWideningKind.ConditionRemoved, sid);
            }

            foreach (var action in before._denied.Where(a => !_denied.Contains(a)).Order(StringComparer.Ordinal))
            {
                yield return (IamWideningKind.DenyRemoved, before.Written(action));
            }
        }

        /// <summary>The statements, with both branches of an Fn::If (either may apply at deployment).</summary>
        private static IEnumerable<MapNode> Statements(Node? node)
        {
            switch (node)
            {
                case MapNode { Count: 1 } f when f.KeyAt(0) == "Fn::If" && f.ValueAt(0) is ListNode { Count: 3 } branches:
                    foreach (var s in Statements(branches[1]).Concat(Statements(branches[2])))
                    {
                        yield return s;
                    }

                    break;
                case MapNode { IsIntrinsic: false } m:
                    yield return m;
                    break;
                case ListNode l:
                    foreach (var s in l.SelectMany(Statements))
                    {
                        yield return s;
                    }

                    break;
            }
        }

        /// <summary>An action as the template wrote it (IAM compares actions without case, so they are kept lower-cased).</summary>
        private string Written(string action) => _written.GetValueOrDefault(action, action);

        private void Add(MapNode statement)
        {
            var deny = statement["Effect"].AsString() == "Deny";
            var written = Values(statement["Action"]);
            var actions = written.Select(a => a.ToLowerInvariant()).ToList();
            for (var i = 0; i < actions.Count; i++)
            {
                _written.TryAdd(actions[i], written[i]);
            }

            if (deny)
            {
                _denied.UnionWith(actions);
                return;
            }

            if (statement["Sid"].AsString() is { } sid)
            {
                _sids.Add(sid);
                if (statement.ContainsKey("Condition"))
                {
                    _conditionedSids.Add(sid);
                }
            }

            _actions.UnionWith(actions);
            var resources = statement.ContainsKey("Resource") ? Values(statement["Resource"]) : [string.Empty];
            foreach (var action in actions)
            {
                foreach (var resource in resources)
                {
                    _pairs.Add((action, resource));
                }
            }

            _principals.UnionWith(Principals(statement["Principal"]));
            foreach (var key in new[] { "NotAction", "NotResource", "NotPrincipal" })
            {
                if (statement[key] is { } value)
                {
                    _negated.Add($"{key}: {string.Join(", ", key == "NotPrincipal" ? Principals(value) : Values(value))}");
                }
            }
        }

        private static List<string> Values(Node? node) => node switch
        {
            null => [],
            ListNode l => [.. l.Select(Display)],
            _ => [Display(node)],
        };

        private static IEnumerable<string> Principals(Node? node)
        {
            switch (node)
            {
                case null:
                    yield break;
                case MapNode { IsIntrinsic: false } m:
                    foreach (var (kind, value) in m)
                    {
                        foreach (var v in Values(value))
                        {
                            yield return $"{kind}: {v}";
                        }
                    }

                    break;
                default:
                    foreach (var v in Values(node))
                    {
                        yield return v;
                    }

                    break;
            }
        }
    }
}
