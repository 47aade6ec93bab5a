using System.Text.Json.Nodes;

namespace SamCompiler.StepFunctions;

/// <summary>What one state's run knows: its input, entry time, variables, retry count and context object.</summary>
internal sealed class StepContext(AslState state, JsonNode? input, DateTimeOffset entered, Variables variables, BranchThread thread)
{
    public AslState State { get; } = state;

    /// <summary>The raw state input.</summary>
    public JsonNode? Input { get; } = input;

    public DateTimeOffset Entered { get; } = entered;

    public Variables Variables { get; } = variables;

    public BranchThread Thread { get; } = thread;

    public bool IsJsonata => State.IsJsonata;

    public int RetryCount { get; set; }

    public string? TaskToken { get; set; }

    /// <summary>The execution-level part of the context object (set by the interpreter).</summary>
    public JsonObject? ExecutionContext { get; set; }

    /// <summary>The Map item ($$.Map.Item) while an ItemSelector is evaluated.</summary>
    public JsonObject? MapItem { get; set; }

    public Random Random { get; set; } = Random.Shared;

    /// <summary>Variables this state assigned (for the StateExited event).</summary>
    public Dictionary<string, JsonNode?>? Assigned { get; set; }

    /// <summary>The context object, <c>$$</c>.</summary>
    public JsonObject Context()
    {
        var context = ExecutionContext?.DeepClone().AsObject() ?? new JsonObject();
        context["State"] = new JsonObject
        {
            ["EnteredTime"] = Timestamps.Format(Entered),
            ["Name"] = State.Name,
            ["RetryCount"] = RetryCount,
        };
        if (TaskToken is not null)
        {
            context["Task"] = new JsonObject { ["Token"] = TaskToken };
        }

        if (MapItem is not null)
        {
            context["Map"] = new JsonObject { ["Item"] = MapItem.DeepClone() };
        }

        return context;
    }

    /// <summary>A JSONPath scope whose <c>$</c> is <paramref name="input"/>.</summary>
    public IPathScope Scope(JsonNode? input) => new PathScope(input, Context(), Variables, Random);

    /// <summary>JSONata bindings: <c>$states</c> and the variables.</summary>
    public Dictionary<string, JsonNode?> Bindings(JsonNode? result, JsonNode? errorOutput)
    {
        var bindings = Variables.All();
        var states = new JsonObject
        {
            ["input"] = AslJson.Clone(Input),
            ["context"] = Context(),
        };
        if (result is not null)
        {
            states["result"] = AslJson.Clone(result);
        }

        if (errorOutput is not null)
        {
            states["errorOutput"] = AslJson.Clone(errorOutput);
        }

        bindings["states"] = states;
        return bindings;
    }

    private sealed class PathScope(JsonNode? input, JsonNode? context, Variables variables, Random random) : IPathScope
    {
        public JsonNode? Input { get; } = input;

        public JsonNode? Context { get; } = context;

        public Random Random { get; } = random;

        public bool TryGetVariable(string name, out JsonNode? value)
        {
            var found = variables.TryGet(name, out var v);
            value = AslJson.Clone(v);
            return found;
        }
    }
}
