using SamCompiler.Model;

namespace SamCompiler.Local.Model;

/// <summary>What samc needs to run one function locally, read from the template's model (Globals merged, intrinsics evaluated).</summary>
public sealed record LocalFunction
{
    /// <summary>The logical id (also AWS_LAMBDA_FUNCTION_NAME, as SAM CLI sets it).</summary>
    public required string LogicalId { get; init; }

    /// <summary>The FunctionName property when it is a plain string.</summary>
    public string? FunctionName { get; init; }

    /// <summary>The Runtime, e.g. python3.12.</summary>
    public required string Runtime { get; init; }

    /// <summary>The Handler (empty for provided runtimes without one).</summary>
    public required string Handler { get; init; }

    /// <summary>The absolute code folder (CodeUri resolved against the template folder).</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>Timeout in seconds.</summary>
    public double Timeout { get; init; } = FunctionResource.DefaultTimeout;

    /// <summary>MemorySize in MB.</summary>
    public int MemorySize { get; init; } = FunctionResource.DefaultMemorySize;

    /// <summary>The template's Environment.Variables, resolved to strings, in template order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Absolute layer content folders, in template order (later layers win).</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>x86_64 or arm64.</summary>
    public string Architecture { get; init; } = "x86_64";
}
