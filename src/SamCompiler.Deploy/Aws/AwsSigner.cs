using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace SamCompiler.Deploy.Aws;

/// <summary>
/// AWS Signature Version 4 for the requests samc sends: this class builds the canonical request (method, path,
/// query, sorted signed headers, payload hash) and AWSSDK.Core's <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>
/// derives the key and signs it.
/// </summary>
public static class AwsSigner
{
    /// <summary>The hex SHA-256 of an empty payload.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Adds <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (when the credentials have a session token),
    /// <c>X-Amz-Content-SHA256</c> (S3) and <c>Authorization</c> to <paramref name="request"/>.
    /// </summary>
    /// <param name="request">The request; its content headers (Content-Type) are signed too.</param>
    /// <param name="payloadHash">Hex SHA-256 of the body.</param>
    /// <param name="service">The signing name: cloudformation, s3, sts.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="now">The signing time (UTC).</param>
    public static void Sign(HttpRequestMessage request, string payloadHash, string service, string region, ImmutableCredentials credentials, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri!;
        var amzDate = now.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            request.Headers.Remove("X-Amz-Security-Token");
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        if (service == "s3")
        {
            request.Headers.Remove("X-Amz-Content-SHA256");
            request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", payloadHash);
        }

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}",
        };
        foreach (var h in request.Headers)
        {
            if (h.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers[h.Key.ToLowerInvariant()] = string.Join(",", h.Value.Select(Trim));
            }
        }

        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                if (h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Content-MD5", StringComparison.OrdinalIgnoreCase))
                {
                    headers[h.Key.ToLowerInvariant()] = string.Join(",", h.Value.Select(Trim));
                }
            }
        }

        var signedHeaders = string.Join(";", headers.Keys);
        var canonical = CanonicalRequest(request.Method.Method, uri, headers, signedHeaders, payloadHash, doubleEncodePath: service != "s3");
        var result = AWS4Signer.ComputeSignature(credentials, region, now.ToUniversalTime(), service, signedHeaders, canonical);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>The canonical request of SigV4 (exposed for the signature tests).</summary>
    public static string CanonicalRequest(string method, Uri uri, IReadOnlyDictionary<string, string> sortedHeaders, string signedHeaders, string payloadHash, bool doubleEncodePath)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(sortedHeaders);
        var sb = new StringBuilder();
        sb.Append(method).Append('\n');
        sb.Append(CanonicalPath(uri.AbsolutePath, doubleEncodePath)).Append('\n');
        sb.Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var (name, value) in sortedHeaders)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        sb.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    /// <summary>Hex SHA-256 of bytes.</summary>
    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>RFC 3986 percent-encoding as AWS wants it (unreserved characters kept; '/' encoded unless <paramref name="keepSlash"/>).</summary>
    public static string Encode(string value, bool keepSlash = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Trim(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string CanonicalPath(string absolutePath, bool doubleEncode)
    {
        if (string.IsNullOrEmpty(absolutePath))
        {
            return "/";
        }

        // AbsolutePath is already percent-encoded once; S3 signs it as sent, other services encode it again.
        var decoded = Uri.UnescapeDataString(absolutePath);
        var once = string.Join('/', decoded.Split('/').Select(s => Encode(s)));
        return doubleEncode ? string.Join('/', once.Split('/').Select(s => Encode(s))) : once;
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            var k = Uri.UnescapeDataString(eq < 0 ? p : p[..eq]);
            var v = eq < 0 ? string.Empty : Uri.UnescapeDataString(p[(eq + 1)..]);
            return (Key: Encode(k), Value: Encode(v));
        }).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }
}
