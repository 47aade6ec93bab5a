using System.Text.RegularExpressions;
using SamCompiler.Syntax;

namespace SamCompiler.Transform.Function;

/// <summary>S3 locations of code (samtranslator/model/s3_utils/uri_parser.py).</summary>
public static partial class CodeLocation
{
    [GeneratedRegex(@"{{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\-/]+(:\d+)?}}")]
    private static partial Regex DynamicReference();

    /// <summary>parse_s3_uri: {Bucket, Key, [Version]} of an s3:// URI, or null.</summary>
    public static MapNode? ParseS3Uri(Node? uri)
    {
        if (uri.AsString() is not { } s || !s.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = s[5..];
        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var query = string.Empty;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var bucket = rest[..slash];
        if (!IsValidNetloc(bucket))
        {
            return null;
        }

        var path = rest[slash..];
        if (path.Length == 0)
        {
            return null;
        }

        var pointer = new MapNode { ["Bucket"] = bucket, ["Key"] = path.TrimStart('/') };
        var versions = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] == "versionId" && p[1].Length > 0)
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' ')))
            .ToList();
        if (versions.Count == 1)
        {
            pointer["Version"] = versions[0];
        }

        return pointer;
    }

    /// <summary>Python's urlparse rejects unbalanced brackets and bracketed hosts that are not IPv6 addresses.</summary>
    private static bool IsValidNetloc(string netloc)
    {
        var open = netloc.IndexOf('[', StringComparison.Ordinal);
        var close = netloc.IndexOf(']', StringComparison.Ordinal);
        if (open < 0 && close < 0)
        {
            return true;
        }

        if (open < 0 || close < open)
        {
            return false;
        }

        var host = netloc[(open + 1)..close];
        return host.StartsWith('v') || (System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
    }

    /// <summary>construct_s3_location_object: the Code/Content dict {S3Bucket, S3Key, [S3ObjectVersion]}.</summary>
    public static MapNode ConstructS3LocationObject(Node location, string logicalId, string propertyName)
    {
        MapNode pointer;
        if (location is MapNode m)
        {
            if (!Intrinsics.Truthy(m["Bucket"]) || !Intrinsics.Truthy(m["Key"]))
            {
                throw new ResourceException(logicalId, $"'{propertyName}' requires Bucket and Key properties to be specified.", location.Span);
            }

            pointer = m;
        }
        else if (location.AsString() is { } s)
        {
            var match = DynamicReference().Match(s);
            if (match.Success && match.Value.Contains('/', StringComparison.Ordinal))
            {
                throw new ResourceException(logicalId, $"Unsupported dynamic reference detected in '{propertyName}'. Please consider using alternative 'FunctionCode' object format.", location.Span);
            }

            pointer = ParseS3Uri(location)
                ?? throw new ResourceException(logicalId, $"'{propertyName}' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.", location.Span);
        }
        else
        {
            throw new ResourceException(logicalId, $"'{propertyName}' must be of type dict or string.", location.Span);
        }

        var code = new MapNode { ["S3Bucket"] = pointer["Bucket"]!.Clone(), ["S3Key"] = pointer["Key"]!.Clone() };
        if (pointer["Version"] is { } version)
        {
            code["S3ObjectVersion"] = version.Clone();
        }

        return code;
    }
}
