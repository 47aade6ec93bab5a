using System.Globalization;
using System.Text;
using SamCompiler.Schemas;
using SamCompiler.Syntax;

namespace SamCompiler.Diff;

/// <summary>
/// Compares two CloudFormation templates resource by resource: added and removed resources, and for resources in
/// both, every changed attribute and property with its path. Whether a change replaces the resource comes from the
/// type's provider schema (<see cref="ResourceSchemas"/>, createOnlyProperties); lists the schema marks
/// <c>insertionOrder: false</c> are compared as sets. IAM changes that widen permissions come from
/// <see cref="IamDiffer"/>. Values are compared as written: an intrinsic function is a value like any other.
/// </summary>
public static class TemplateDiffer
{
    private static readonly string[] Sections = ["Parameters", "Conditions", "Mappings", "Outputs"];

    /// <summary>The difference from <paramref name="oldTemplate"/> to <paramref name="newTemplate"/>.</summary>
    public static TemplateDifference Compare(MapNode oldTemplate, MapNode newTemplate)
    {
        var oldResources = oldTemplate["Resources"] as MapNode ?? new MapNode();
        var newResources = newTemplate["Resources"] as MapNode ?? new MapNode();
        var resources = new List<ResourceDifference>();
        foreach (var id in oldResources.Keys.Union(newResources.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var before = oldResources[id] as MapNode;
            var after = newResources[id] as MapNode;
            if (before is null && after is null)
            {
                continue;
            }

            if (before is null)
            {
                resources.Add(new ResourceDifference(id, ChangeKind.Added, TypeOf(after), null, Replacement.None, [], newResources.KeySpan(id)));
            }
            else if (after is null)
            {
                resources.Add(new ResourceDifference(id, ChangeKind.Removed, TypeOf(before), null, Replacement.None, [], oldResources.KeySpan(id)));
            }
            else if (!Node.DeepEquals(before, after) && CompareResource(id, before, after, newResources.KeySpan(id)) is { Changes.Count: > 0 } changed)
            {
                // (lists the schema marks as unordered may differ only in order: no change)
                resources.Add(changed);
            }
        }

        var entries = new List<EntryDifference>();
        foreach (var section in Sections)
        {
            var before = oldTemplate[section] as MapNode ?? new MapNode();
            var after = newTemplate[section] as MapNode ?? new MapNode();
            foreach (var name in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var (b, a) = (before[name], after[name]);
                if (b is null)
                {
                    entries.Add(new EntryDifference(section, name, ChangeKind.Added));
                }
                else if (a is null)
                {
                    entries.Add(new EntryDifference(section, name, ChangeKind.Removed));
                }
                else if (!Node.DeepEquals(b, a))
                {
                    entries.Add(new EntryDifference(section, name, ChangeKind.Modified));
                }
            }
        }

        return new TemplateDifference(resources, entries, IamDiffer.Compare(oldResources, newResources));
    }

    private static string TypeOf(MapNode? resource) => resource?["Type"].AsString() ?? string.Empty;

    private static ResourceDifference CompareResource(string id, MapNode before, MapNode after, Text.SourceSpan span)
    {
        var oldType = TypeOf(before);
        var type = TypeOf(after);
        var changes = new List<PropertyChange>();
        ResourceSchema? schema = null;
        var known = type.Length > 0 && ResourceSchemas.TryGet(type, out schema);
        if (oldType != type)
        {
            changes.Add(new PropertyChange("Type", ChangeKind.Modified, before["Type"], after["Type"], Replacement.Always));
        }

        foreach (var key in before.Keys.Union(after.Keys, StringComparer.Ordinal))
        {
            if (key == "Type")
            {
                continue;
            }

            if (key == "Properties")
            {
                Walk(before["Properties"] ?? new MapNode(), after["Properties"] ?? new MapNode(), "Properties", [], changes, known ? schema : null, properties: true);
            }
            else
            {
                Walk(before[key], after[key], key, [], changes, null, properties: false);
            }
        }

        var replacement = oldType != type ? Replacement.Always
            : changes.Any(c => c.Replacement == Replacement.Always) ? Replacement.Always
            : changes.Any(c => c.Replacement == Replacement.Conditional) ? Replacement.Conditional
            : !known && changes.Any(c => c.Path.StartsWith("Properties", StringComparison.Ordinal)) ? Replacement.Unknown
            : Replacement.None;
        return new ResourceDifference(id, ChangeKind.Modified, type, oldType == type ? null : oldType, replacement, changes, span);
    }

    private static void Walk(Node? before, Node? after, string path, List<string> schemaPath, List<PropertyChange> changes, ResourceSchema? schema, bool properties)
    {
        if (Node.DeepEquals(before, after))
        {
            return;
        }

        if (before is MapNode { IsIntrinsic: false } mb && after is MapNode { IsIntrinsic: false } ma)
        {
            foreach (var key in mb.Keys.Union(ma.Keys, StringComparer.Ordinal))
            {
                schemaPath.Add(key);
                Walk(mb[key], ma[key], path + "." + key, schemaPath, changes, schema, properties);
                schemaPath.RemoveAt(schemaPath.Count - 1);
            }

            return;
        }

        if (before is ListNode lb && after is ListNode la && schemaPath.Count > 0)
        {
            if (properties && schema?.PropertyAt(schemaPath)?.InsertionOrder == false)
            {
                // a set: report the items only one side has (by value), at their index on that side
                var unmatched = la.Select(Canonical).ToList();
                var removed = new List<int>();
                for (var i = 0; i < lb.Count; i++)
                {
                    var at = unmatched.IndexOf(Canonical(lb[i]));
                    if (at >= 0)
                    {
                        unmatched[at] = null!;
                    }
                    else
                    {
                        removed.Add(i);
                    }
                }

                foreach (var i in removed)
                {
                    schemaPath.Add(i.ToString(CultureInfo.InvariantCulture));
                    changes.Add(Change($"{path}[{i}]", ChangeKind.Removed, lb[i], null, schemaPath, schema, properties));
                    schemaPath.RemoveAt(schemaPath.Count - 1);
                }

                for (var j = 0; j < la.Count; j++)
                {
                    if (unmatched[j] is not null)
                    {
                        schemaPath.Add(j.ToString(CultureInfo.InvariantCulture));
                        changes.Add(Change($"{path}[{j}]", ChangeKind.Added, null, la[j], schemaPath, schema, properties));
                        schemaPath.RemoveAt(schemaPath.Count - 1);
                    }
                }

                return;
            }

            var common = Math.Min(lb.Count, la.Count);
            for (var i = 0; i <= Math.Max(lb.Count, la.Count) - 1; i++)
            {
                schemaPath.Add(i.ToString(CultureInfo.InvariantCulture));
                var itemPath = $"{path}[{i}]";
                if (i < common)
                {
                    Walk(lb[i], la[i], itemPath, schemaPath, changes, schema, properties);
                }
                else
                {
                    changes.Add(Change(itemPath, i < lb.Count ? ChangeKind.Removed : ChangeKind.Added, i < lb.Count ? lb[i] : null, i < la.Count ? la[i] : null, schemaPath, schema, properties));
                }

                schemaPath.RemoveAt(schemaPath.Count - 1);
            }

            return;
        }

        var kind = before is null ? ChangeKind.Added : after is null ? ChangeKind.Removed : ChangeKind.Modified;
        changes.Add(Change(path, kind, before, after, schemaPath, schema, properties));
    }

    private static PropertyChange Change(string path, ChangeKind kind, Node? before, Node? after, List<string> schemaPath, ResourceSchema? schema, bool properties)
    {
        Replacement replacement;
        if (!properties)
        {
            replacement = Replacement.None;
        }
        else if (schema is null)
        {
            replacement = Replacement.Unknown;
        }
        else
        {
            replacement = schema.UpdateBehaviorOf(schemaPath) switch
            {
                UpdateBehavior.Replacement => Replacement.Always,
                UpdateBehavior.ConditionalReplacement => Replacement.Conditional,
                _ => Replacement.None,
            };
        }

        return new PropertyChange(path, kind, before, after, replacement);
    }

    /// <summary>A value as canonical JSON (keys sorted), for set comparisons and messages.</summary>
    public static string Canonical(Node? node)
    {
        var sb = new StringBuilder();
        WriteCanonical(sb, node);
        return sb.ToString();
    }

    private static void WriteCanonical(StringBuilder sb, Node? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case ScalarNode { Kind: ScalarKind.String } s:
                PyJson.WriteString(sb, s.Text, ensureAscii: false);
                break;
            case ScalarNode s:
                sb.Append(s.Text);
                break;
            case MapNode m:
                sb.Append('{');
                var first = true;
                foreach (var key in m.Keys.Order(StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    PyJson.WriteString(sb, key, ensureAscii: false);
                    sb.Append(':');
                    WriteCanonical(sb, m[key]);
                }

                sb.Append('}');
                break;
            case ListNode l:
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteCanonical(sb, l[i]);
                }

                sb.Append(']');
                break;
        }
    }
}
