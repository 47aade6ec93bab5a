namespace SamCompiler.Model.Aws;

/// <summary>One AWS limit, with where it is documented.</summary>
/// <param name="Key">A stable dotted key, e.g. <c>lambda.memory-size.max</c>.</param>
/// <param name="Value">The limit.</param>
/// <param name="Unit">The unit of <paramref name="Value"/> (MB, seconds, bytes, count, characters).</param>
/// <param name="Description">What is limited.</param>
/// <param name="DocUrl">The AWS documentation page that states the limit.</param>
/// <param name="Adjustable">True when AWS raises the limit on request (Service Quotas).</param>
public sealed record Quota(string Key, long Value, string Unit, string Description, string DocUrl, bool Adjustable);
