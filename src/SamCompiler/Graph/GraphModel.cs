using System.Text;

namespace SamCompiler.Graph;

/// <summary>The picture formats samc draws.</summary>
public enum GraphFormat
{
    /// <summary>Mermaid flowchart (GitHub renders it in Markdown).</summary>
    Mermaid,

    /// <summary>Graphviz DOT.</summary>
    Dot,
}

/// <summary>How a node is drawn.</summary>
public enum NodeShape
{
    /// <summary>A rectangle.</summary>
    Box,

    /// <summary>A rounded rectangle.</summary>
    Rounded,

    /// <summary>A diamond (decisions).</summary>
    Diamond,

    /// <summary>A circle (start and end).</summary>
    Circle,

    /// <summary>A cylinder (queues, tables, buckets).</summary>
    Cylinder,

    /// <summary>A parallelogram-like shape for event sources.</summary>
    Event,
}

/// <summary>A node: id (made safe for both formats), label lines, shape, style class and the group it is drawn in.</summary>
public sealed record GraphNode(string Id, string Label, NodeShape Shape, string? Class = null, string? Group = null);

/// <summary>An edge; dashed for error paths, bold for edges an execution took.</summary>
public sealed record GraphEdge(string From, string To, string? Label = null, bool Dashed = false, bool Bold = false);

/// <summary>A group (a Parallel branch, a Map processor) drawn as a subgraph or cluster.</summary>
public sealed record GraphGroup(string Id, string Label, string? Parent = null);

/// <summary>A format-neutral picture: nodes, edges and groups, written as Mermaid or DOT (deterministic text).</summary>
public sealed class GraphDocument
{
    /// <summary>Style classes: name → (fill, stroke).</summary>
    public static readonly IReadOnlyDictionary<string, (string Fill, string Stroke)> Classes = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["succeeded"] = ("#d4edda", "#28a745"),
        ["failed"] = ("#f8d7da", "#dc3545"),
        ["recovered"] = ("#fff3cd", "#e0a800"),
        ["notrun"] = ("#f4f4f4", "#bbbbbb"),
        ["function"] = ("#ffe8cc", "#ff9900"),
        ["statemachine"] = ("#e8dcf7", "#7b42bc"),
        ["source"] = ("#dbeafe", "#2563eb"),
    };

    /// <summary>The nodes, in drawing order.</summary>
    public List<GraphNode> Nodes { get; } = [];

    /// <summary>The edges, in drawing order.</summary>
    public List<GraphEdge> Edges { get; } = [];

    /// <summary>The groups.</summary>
    public List<GraphGroup> Groups { get; } = [];

    /// <summary>The title (a comment in the output).</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Writes the picture.</summary>
    public string Write(GraphFormat format) => format == GraphFormat.Mermaid ? WriteMermaid() : WriteDot();

    private string WriteMermaid()
    {
        var sb = new StringBuilder();
        sb.Append("%% ").Append(Title).Append('\n');
        sb.Append("flowchart TD\n");
        WriteMermaidNodes(sb, null, "  ");
        var bold = new List<int>();
        for (var i = 0; i < Edges.Count; i++)
        {
            var e = Edges[i];
            var arrow = e.Dashed ? "-.->" : e.Bold ? "==>" : "-->";
            sb.Append("  ").Append(e.From).Append(' ').Append(arrow);
            if (e.Label is not null)
            {
                sb.Append("|\"").Append(MermaidText(e.Label)).Append("\"|");
            }

            sb.Append(' ').Append(e.To).Append('\n');
            if (e.Bold)
            {
                bold.Add(i);
            }
        }

        foreach (var (name, (fill, stroke)) in Classes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (Nodes.Any(n => n.Class == name))
            {
                sb.Append("  classDef ").Append(name).Append(" fill:").Append(fill).Append(",stroke:").Append(stroke).Append('\n');
                sb.Append("  class ").Append(string.Join(',', Nodes.Where(n => n.Class == name).Select(n => n.Id))).Append(' ').Append(name).Append('\n');
            }
        }

        return sb.ToString();
    }

    private void WriteMermaidNodes(StringBuilder sb, string? group, string indent)
    {
        foreach (var n in Nodes.Where(n => n.Group == group))
        {
            var text = "\"" + MermaidText(n.Label) + "\"";
            sb.Append(indent).Append(n.Id).Append(n.Shape switch
            {
                NodeShape.Rounded => "(" + text + ")",
                NodeShape.Diamond => "{" + text + "}",
                NodeShape.Circle => "((" + text + "))",
                NodeShape.Cylinder => "[(" + text + ")]",
                NodeShape.Event => "[/" + text + "/]",
                _ => "[" + text + "]",
            }).Append('\n');
        }

        foreach (var g in Groups.Where(g => g.Parent == group))
        {
            sb.Append(indent).Append("subgraph ").Append(g.Id).Append(" [\"").Append(MermaidText(g.Label)).Append("\"]\n");
            WriteMermaidNodes(sb, g.Id, indent + "  ");
            sb.Append(indent).Append("end\n");
        }
    }

    private string WriteDot()
    {
        var sb = new StringBuilder();
        sb.Append("// ").Append(Title).Append('\n');
        sb.Append("digraph G {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
        WriteDotNodes(sb, null, "  ");
        foreach (var e in Edges)
        {
            sb.Append("  ").Append(e.From).Append(" -> ").Append(e.To);
            var attributes = new List<string>();
            if (e.Label is not null)
            {
                attributes.Add("label=" + DotText(e.Label));
            }

            if (e.Dashed)
            {
                attributes.Add("style=dashed");
            }

            if (e.Bold)
            {
                attributes.Add("penwidth=3");
            }

            if (attributes.Count > 0)
            {
                sb.Append(" [").Append(string.Join(", ", attributes)).Append(']');
            }

            sb.Append(";\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private void WriteDotNodes(StringBuilder sb, string? group, string indent)
    {
        foreach (var n in Nodes.Where(n => n.Group == group))
        {
            var shape = n.Shape switch
            {
                NodeShape.Rounded => "box, style=\"rounded,filled\"",
                NodeShape.Diamond => "diamond, style=filled",
                NodeShape.Circle => "circle, style=filled",
                NodeShape.Cylinder => "cylinder, style=filled",
                NodeShape.Event => "parallelogram, style=filled",
                _ => "box, style=filled",
            };
            var (fill, stroke) = n.Class is not null && Classes.TryGetValue(n.Class, out var c) ? c : ("#ffffff", "#333333");
            sb.Append(indent).Append(n.Id).Append(" [label=").Append(DotText(n.Label)).Append(", shape=").Append(shape)
                .Append(", fillcolor=\"").Append(fill).Append("\", color=\"").Append(stroke).Append("\"];\n");
        }

        foreach (var g in Groups.Where(g => g.Parent == group))
        {
            sb.Append(indent).Append("subgraph cluster_").Append(g.Id).Append(" {\n");
            sb.Append(indent).Append("  label=").Append(DotText(g.Label)).Append(";\n  ").Append(indent).Append("style=dashed;\n");
            WriteDotNodes(sb, g.Id, indent + "  ");
            sb.Append(indent).Append("}\n");
        }
    }

    private static string MermaidText(string s) => s.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("\n", "<br/>", StringComparison.Ordinal);

    private static string DotText(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
