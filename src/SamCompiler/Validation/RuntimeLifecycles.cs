namespace SamCompiler.Validation;

/// <summary>The dates of one Lambda runtime's end of support.</summary>
/// <param name="Runtime">The runtime identifier, e.g. nodejs18.x.</param>
/// <param name="Deprecated">From this day the runtime gets no more patches.</param>
/// <param name="BlockCreate">From this day Lambda rejects new functions on it.</param>
/// <param name="BlockUpdate">From this day Lambda rejects updates of functions on it.</param>
/// <param name="Successor">The runtime to move to, when there is one.</param>
public sealed record RuntimeLifecycle(string Runtime, DateOnly Deprecated, DateOnly BlockCreate, DateOnly BlockUpdate, string? Successor);

/// <summary>
/// Runtime deprecation dates. Source: the AWS Lambda runtimes page (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
/// as tabulated in cfn-lint 1.51.0 (data/AdditionalSpecs/LmbdRuntimeLifecycle.json). Runtimes not listed have no announced date.
/// </summary>
public static class RuntimeLifecycles
{
    /// <summary>Every dated runtime, by name.</summary>
    public static IReadOnlyList<RuntimeLifecycle> All { get; } =
    [
        new("dotnet6", new(2024, 12, 20), new(2026, 6, 1), new(2026, 7, 1), "dotnet9"),
        new("dotnet8", new(2026, 11, 10), new(2026, 12, 10), new(2027, 1, 11), "dotnet9"),
        new("dotnetcore1.0", new(2019, 6, 27), new(2019, 6, 30), new(2019, 7, 30), "dotnet9"),
        new("dotnetcore2.0", new(2019, 5, 30), new(2019, 4, 30), new(2019, 5, 30), "dotnet9"),
        new("dotnetcore2.1", new(2022, 1, 5), new(2022, 1, 5), new(2022, 4, 13), "dotnet9"),
        new("dotnetcore3.1", new(2023, 4, 3), new(2023, 4, 3), new(2023, 5, 3), "dotnet9"),
        new("go1.x", new(2024, 1, 8), new(2024, 2, 8), new(2026, 7, 1), "provided.al2023"),
        new("java11", new(2026, 6, 30), new(2026, 7, 31), new(2026, 8, 31), "java25"),
        new("java17", new(2026, 6, 30), new(2026, 7, 31), new(2026, 8, 31), "java25"),
        new("java21", new(2029, 6, 30), new(2029, 7, 31), new(2029, 8, 31), "java25"),
        new("java25", new(2029, 6, 30), new(2029, 7, 31), new(2029, 8, 31), null),
        new("java8", new(2024, 1, 8), new(2024, 2, 8), new(2026, 7, 1), "java25"),
        new("java8.al2", new(2026, 6, 30), new(2026, 7, 31), new(2026, 8, 31), "java25"),
        new("nodejs", new(2016, 8, 30), new(2016, 9, 30), new(2016, 10, 31), "nodejs24.x"),
        new("nodejs10.x", new(2021, 7, 30), new(2021, 7, 30), new(2022, 2, 14), "nodejs24.x"),
        new("nodejs12.x", new(2023, 3, 31), new(2023, 3, 31), new(2023, 4, 30), "nodejs24.x"),
        new("nodejs14.x", new(2023, 12, 4), new(2024, 1, 9), new(2026, 7, 1), "nodejs24.x"),
        new("nodejs16.x", new(2024, 6, 12), new(2026, 6, 1), new(2026, 7, 1), "nodejs24.x"),
        new("nodejs18.x", new(2025, 9, 1), new(2026, 6, 1), new(2026, 7, 1), "nodejs24.x"),
        new("nodejs20.x", new(2026, 4, 30), new(2026, 6, 1), new(2026, 7, 1), "nodejs24.x"),
        new("nodejs22.x", new(2027, 4, 30), new(2027, 6, 1), new(2027, 7, 1), "nodejs24.x"),
        new("nodejs24.x", new(2028, 4, 30), new(2028, 6, 1), new(2028, 7, 1), null),
        new("nodejs4.3", new(2020, 3, 5), new(2020, 2, 3), new(2020, 3, 5), "nodejs24.x"),
        new("nodejs4.3-edge", new(2020, 3, 5), new(2019, 3, 31), new(2019, 4, 30), "nodejs24.x"),
        new("nodejs6.10", new(2019, 8, 12), new(2019, 7, 12), new(2019, 8, 12), "nodejs24.x"),
        new("nodejs8.10", new(2020, 3, 6), new(2020, 2, 4), new(2020, 3, 6), "nodejs24.x"),
        new("provided", new(2024, 1, 8), new(2024, 2, 8), new(2026, 7, 1), "provided.al2023"),
        new("provided.al2", new(2026, 6, 30), new(2026, 7, 31), new(2026, 8, 31), "provided.al2023"),
        new("provided.al2023", new(2029, 6, 30), new(2029, 7, 31), new(2029, 8, 31), null),
        new("python2.7", new(2021, 7, 15), new(2021, 7, 15), new(2022, 5, 30), "python3.14"),
        new("python3.10", new(2026, 6, 30), new(2026, 7, 31), new(2026, 8, 31), "python3.14"),
        new("python3.11", new(2026, 6, 30), new(2026, 7, 31), new(2026, 8, 31), "python3.14"),
        new("python3.12", new(2028, 10, 31), new(2028, 11, 30), new(2029, 1, 10), "python3.14"),
        new("python3.13", new(2029, 6, 30), new(2029, 7, 31), new(2029, 8, 31), "python3.14"),
        new("python3.14", new(2029, 6, 30), new(2029, 7, 31), new(2029, 8, 31), null),
        new("python3.6", new(2022, 7, 18), new(2022, 7, 18), new(2022, 8, 29), "python3.14"),
        new("python3.7", new(2023, 12, 4), new(2024, 1, 9), new(2026, 3, 9), "python3.14"),
        new("python3.8", new(2024, 10, 14), new(2026, 6, 1), new(2026, 7, 1), "python3.14"),
        new("python3.9", new(2025, 12, 15), new(2026, 6, 1), new(2026, 7, 1), "python3.14"),
        new("ruby2.5", new(2021, 7, 30), new(2021, 7, 30), new(2022, 3, 31), "ruby3.4"),
        new("ruby2.7", new(2023, 12, 7), new(2024, 1, 9), new(2026, 7, 1), "ruby3.4"),
        new("ruby3.2", new(2026, 3, 31), new(2026, 6, 1), new(2026, 7, 1), "ruby3.4"),
        new("ruby3.3", new(2027, 3, 31), new(2027, 4, 30), new(2027, 5, 31), "ruby3.4"),
        new("ruby3.4", new(2028, 3, 31), new(2028, 4, 30), new(2028, 5, 31), null),
    ];

    private static readonly Dictionary<string, RuntimeLifecycle> ByName = All.ToDictionary(r => r.Runtime, StringComparer.Ordinal);

    /// <summary>The dates of <paramref name="runtime"/>, or null when it has none.</summary>
    public static RuntimeLifecycle? Find(string runtime) => ByName.GetValueOrDefault(runtime);
}
