using SamCompiler.Syntax;

namespace SamCompiler.Transform.Api;

/// <summary>Edits an OpenAPI 3 document of an HTTP API in place (samtranslator/open_api/open_api.py).</summary>
internal sealed partial class OpenApiEditor : IPathEditor
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>The $default path.</summary>
    public const string DefaultPath = "$default";

    /// <summary>Wraps a document; throws when it is not an OpenAPI 3 document.</summary>
    public OpenApiEditor(Node? doc)
    {
        if (doc is not MapNode m || !IsValid(m))
        {
            throw new TemplateException("Invalid OpenApi document. Invalid values or missing keys for 'openapi' or 'paths' in 'DefinitionBody'.");
        }

        Doc = m;
        Paths = (MapNode)m["paths"]!;
        Py27.BeginSession(Doc);
    }

    /// <summary>The document (edited in place).</summary>
    public MapNode Doc { get; }

    /// <summary>The paths object.</summary>
    public MapNode Paths { get; }

    /// <summary>True for an OpenAPI 3 document with paths.</summary>
    public static bool IsValid(Node? data) =>
        data is MapNode { Count: > 0 } m && m["paths"] is MapNode && SwaggerEditor.Truthy(m["openapi"]) && SwaggerEditor.IsOpenApi3(m["openapi"]);

    /// <summary>An empty OpenAPI 3.0.1 document.</summary>
    public static MapNode Skeleton()
    {
        var info = new MapNode();
        info.SetP("version", Py27.S("1.0"));
        info.SetP("title", Py27.PlainDeep(Intrinsics.Ref("AWS::StackName")));
        var skeleton = new MapNode();
        skeleton.SetP("openapi", Py27.S("3.0.1"));
        skeleton.SetP("info", info);
        skeleton.SetP("paths", new MapNode());
        return skeleton;
    }

    /// <summary>Adds path/method when absent.</summary>
    public void AddPath(string path, string method)
    {
        method = SwaggerEditor.NormalizeMethod(method);
        if (!Paths.TryGetValue(path, out var pathDict))
        {
            pathDict = new MapNode();
            Paths[path] = pathDict;
        }

        if (pathDict is not MapNode)
        {
            throw new TemplateException($"Value of '{path}' path must be a dictionary according to Swagger spec.");
        }

        _touched.Add(path);
        foreach (var item in SwaggerEditor.ConditionalContents(pathDict))
        {
            if (item is MapNode m && !m.ContainsKey(method))
            {
                m[method] = new MapNode();
                if (method == SwaggerEditor.AnyMethod)
                {
                    Py27.MarkKeyPlain(m, method);
                }
            }
        }
    }

    /// <summary>Wraps a whole path in Fn::If.</summary>
    public void MakePathConditional(string path, string condition, bool plainCondition = false) =>
        Paths[path] = SwaggerEditor.MakeConditional(condition, Paths[path]!, plainCondition);

    /// <summary>Ends an editing session (the reference's .openapi copy).</summary>
    public void Finish()
    {
        Py27.EndSession(Doc, _touched.Where(Paths.ContainsKey).Select(p => Paths[p]!));
        _touched.Clear();
    }
}
