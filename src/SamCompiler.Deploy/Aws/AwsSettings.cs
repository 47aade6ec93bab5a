using System.Globalization;

namespace SamCompiler.Deploy.Aws;

/// <summary>
/// Where samc sends AWS calls: the region, the named profile and the endpoint per service, resolved the way the AWS
/// CLI resolves them. Region: <c>--region</c>, then <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, then the profile's
/// <c>region</c> in the shared config file. Endpoint: <c>--endpoint-url</c>, then <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>,
/// then <c>AWS_ENDPOINT_URL</c> (both ignored when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>), then the
/// service's public endpoint for the region.
/// </summary>
public sealed record AwsSettings
{
    /// <summary>The region, e.g. us-east-1.</summary>
    public required string Region { get; init; }

    /// <summary>The named profile (<c>--profile</c>, <c>AWS_PROFILE</c>), or null for the default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>The endpoint given with <c>--endpoint-url</c> (used for every service samc calls), or null.</summary>
    public string? EndpointUrl { get; init; }

    /// <summary>The process environment (variables read for endpoints and credentials).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The partition of the region (aws, aws-cn, aws-us-gov, ...), from the model's partition data.</summary>
    public string Partition => SamCompiler.Model.Aws.Partitions.ForRegion(Region);

    /// <summary>The DNS suffix of the partition's endpoints.</summary>
    public string DnsSuffix => SamCompiler.Model.Aws.Partitions.UrlSuffix(Region);

    /// <summary>True when calls go to an endpoint given by the user rather than AWS's own.</summary>
    public bool IsCustomEndpoint(string serviceId) => ConfiguredEndpoint(serviceId) is not null;

    /// <summary>The endpoint of a service: <c>cloudformation</c>, <c>s3</c> or <c>sts</c>.</summary>
    public Uri EndpointFor(string serviceId) =>
        new(ConfiguredEndpoint(serviceId) ?? $"https://{serviceId}.{Region}.{DnsSuffix}");

    private string? ConfiguredEndpoint(string serviceId)
    {
        if (!string.IsNullOrEmpty(EndpointUrl))
        {
            return EndpointUrl;
        }

        if (string.Equals(Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var specific = Get("AWS_ENDPOINT_URL_" + serviceId.ToUpperInvariant().Replace(' ', '_').Replace('-', '_'));
        return !string.IsNullOrEmpty(specific) ? specific : (string.IsNullOrEmpty(Get("AWS_ENDPOINT_URL")) ? null : Get("AWS_ENDPOINT_URL"));
    }

    private string? Get(string name) => Environment.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// Resolves the settings; returns null with a message when no region can be found (the AWS CLI fails the same
    /// way: "You must specify a region").
    /// </summary>
    public static AwsSettings? Resolve(string? region, string? profile, string? endpointUrl, IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        error = null;
        string? Env(string name) => environment.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        profile ??= Env("AWS_PROFILE") ?? Env("AWS_DEFAULT_PROFILE");
        region ??= Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION") ?? SharedConfig.Read(environment).Get(profile ?? "default", "region");
        if (string.IsNullOrEmpty(region))
        {
            error = "No AWS region: give --region, set AWS_REGION (or AWS_DEFAULT_REGION), or set region in the profile's section of ~/.aws/config.";
            return null;
        }

        if (endpointUrl is not null && !(Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"--endpoint-url \"{endpointUrl}\" is not an http:// or https:// URL.");
            return null;
        }

        return new AwsSettings { Region = region, Profile = profile, EndpointUrl = endpointUrl?.TrimEnd('/'), Environment = environment };
    }
}

/// <summary>The AWS shared config file (<c>AWS_CONFIG_FILE</c> or ~/.aws/config), read for a profile's region.</summary>
internal sealed class SharedConfig
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.Ordinal);

    /// <summary>A value of a profile's section, or null.</summary>
    public string? Get(string profile, string key) =>
        _sections.TryGetValue(profile, out var s) && s.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    /// <summary>Reads the file named by <c>AWS_CONFIG_FILE</c>, else ~/.aws/config; an absent file reads as empty.</summary>
    public static SharedConfig Read(IReadOnlyDictionary<string, string?> environment)
    {
        var config = new SharedConfig();
        var path = environment.TryGetValue("AWS_CONFIG_FILE", out var p) && !string.IsNullOrEmpty(p) ? p
            : Path.Combine(environment.TryGetValue("HOME", out var home) && !string.IsNullOrEmpty(home) ? home : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".aws", "config");
        string[] lines;
        try
        {
            lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lines = [];
        }

        Dictionary<string, string>? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                var name = line[1..^1].Trim();
                name = name.StartsWith("profile ", StringComparison.Ordinal) ? name["profile ".Length..].Trim() : name;
                if (!config._sections.TryGetValue(name, out current))
                {
                    current = new Dictionary<string, string>(StringComparer.Ordinal);
                    config._sections[name] = current;
                }

                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && eq > 0 && !char.IsWhiteSpace(raw[0]))
            {
                current[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        return config;
    }
}
