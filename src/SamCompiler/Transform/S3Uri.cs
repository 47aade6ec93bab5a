using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using SamCompiler.Syntax;
using SamCompiler.Text;

namespace SamCompiler.Transform;

/// <summary>
/// samtranslator's model/s3_utils/uri_parser.py: S3 URIs (<c>s3://bucket/key?versionId=v</c>) and the Lambda
/// <c>Code</c>/<c>Content</c> objects built from <c>CodeUri</c>/<c>ContentUri</c>. The URI is split the way
/// Python's urllib.parse.urlparse and parse_qs split it, so the same strings are accepted and rejected.
/// </summary>
public static partial class S3Uri
{
    private const string SchemeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";

    /// <summary>Every character whose NFKC form contains '/', '?', '#', '@' or ':'.</summary>
    private static readonly SearchValues<char> NfkcDelimiterChars = SearchValues.Create(
        "\u2047\u2048\u2049\u2100\u2101\u2105\u2106\u2a74\ufe13\ufe16\ufe55\ufe56\ufe5f\ufe6b\uff03\uff0f\uff1a\uff1f\uff20");

    [GeneratedRegex(@"{{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\-/]+(:\d+)?}}")]
    private static partial Regex DynamicReferencePattern();

    [GeneratedRegex(@"\Av[a-fA-F0-9]+\..+\z")]
    private static partial Regex IpFuturePattern();

    /// <summary>
    /// parse_s3_uri: the <c>Bucket</c>, <c>Key</c> and optional <c>Version</c> of an S3 URI, or null when
    /// <paramref name="uri"/> is not a string or not an s3:// URI with a bucket and a path.
    /// </summary>
    public static MapNode? Parse(Node? uri)
    {
        if (uri.AsString() is not { } text)
        {
            return null;
        }

        if (!TrySplit(text, out var scheme, out var netloc, out var path, out var query))
        {
            return null;
        }

        if (scheme != "s3" || netloc.Length == 0 || path.Length == 0)
        {
            return null;
        }

        var pointer = new MapNode { ["Bucket"] = netloc, ["Key"] = path.TrimStart('/') };
        var versions = ParseQuery(query).Where(p => p.Name == "versionId").Select(p => p.Value).ToList();
        if (versions.Count == 1)
        {
            pointer["Version"] = versions[0];
        }

        return pointer;
    }

    /// <summary>
    /// construct_s3_location_object: the Lambda <c>Code</c>/<c>Content</c> object (<c>S3Bucket</c>, <c>S3Key</c>,
    /// optional <c>S3ObjectVersion</c>) from a <c>CodeUri</c>/<c>ContentUri</c> given as an S3 URI string or as a
    /// <c>Bucket</c>/<c>Key</c>/<c>Version</c> map. Throws the reference's ResourceException otherwise.
    /// </summary>
    /// <param name="location">The property value.</param>
    /// <param name="logicalId">The logical id the reference names in its message.</param>
    /// <param name="propertyName">The property name, e.g. ContentUri.</param>
    /// <param name="span">Where the error points (the property value).</param>
    public static MapNode ConstructS3LocationObject(Node? location, string logicalId, string propertyName, SourceSpan span = default)
    {
        MapNode pointer;
        switch (location)
        {
            case MapNode map:
                if (IsFalsy(map["Bucket"]) || IsFalsy(map["Key"]))
                {
                    throw new ResourceException(logicalId, $"'{propertyName}' requires Bucket and Key properties to be specified.", span);
                }

                pointer = map;
                break;
            case ScalarNode { Kind: ScalarKind.String } s:
                var match = DynamicReferencePattern().Match(s.Text);
                if (match.Success && match.Value.Contains('/', StringComparison.Ordinal))
                {
                    throw new ResourceException(logicalId, $"Unsupported dynamic reference detected in '{propertyName}'. Please consider using alternative 'FunctionCode' object format.", span);
                }

                pointer = Parse(s) ?? throw new ResourceException(logicalId, InvalidUriMessage(propertyName, s), span);
                break;
            default:
                throw new ResourceException(logicalId, $"'{propertyName}' must be of type dict or string.", span);
        }

        var code = new MapNode { Span = location.Span };
        code.Set("S3Bucket", pointer["Bucket"]!.Clone(), pointer.KeySpan("Bucket"));
        code.Set("S3Key", pointer["Key"]!.Clone(), pointer.KeySpan("Key"));
        if (pointer["Version"] is { } version)
        {
            code.Set("S3ObjectVersion", version.Clone(), pointer.KeySpan("Version"));
        }

        return code;
    }

    /// <summary>
    /// construct_image_code_object: <c>{"ImageUri": uri}</c>, or the reference's ResourceException when the value is
    /// empty.
    /// </summary>
    public static MapNode ConstructImageCodeObject(Node? imageUri, string logicalId, string propertyName, SourceSpan span = default)
    {
        if (IsFalsy(imageUri))
        {
            throw new ResourceException(logicalId, $"'{propertyName}' requires that a image hosted at a registry be specified.", span);
        }

        return new MapNode { ["ImageUri"] = imageUri!.Clone() };
    }

    /// <summary>
    /// The reference's message for a value that is not an S3 URI. A local path (a string with no URL scheme, as SAM
    /// CLI's packager reads it)
    /// gets the next step appended: the reference only accepts S3 locations, and samc can put them there.
    /// </summary>
    public static string InvalidUriMessage(string propertyName, Node? value)
    {
        var message = $"'{propertyName}' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.";
        if (value.AsString() is { Length: > 0 } text && !text.Contains("://", StringComparison.Ordinal))
        {
            message += $" \"{text}\" is a local path: samc package (or samc deploy) uploads it to S3 and writes the S3 location; samc compile --local-artifacts placeholder compiles it without uploading.";
        }

        return message;
    }

    /// <summary>Python falsiness of a loaded value (see <see cref="Intrinsics.Truthy"/>).</summary>
    internal static bool IsFalsy(Node? node) => !Intrinsics.Truthy(node);

    /// <summary>urllib.parse.urlsplit (Python 3.11), without the fragment; false where it raises ValueError.</summary>
    private static bool TrySplit(string url, out string scheme, out string netloc, out string path, out string query)
    {
        scheme = netloc = query = string.Empty;
        url = url.TrimStart(WhatwgC0ControlOrSpace());
        url = url.Replace("\t", string.Empty, StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal);
        var i = url.IndexOf(':', StringComparison.Ordinal);
        if (i > 0 && char.IsAsciiLetter(url[0]) && url.AsSpan(0, i).IndexOfAnyExcept(SchemeChars) < 0)
        {
            scheme = url[..i].ToLowerInvariant();
            url = url[(i + 1)..];
        }

        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            var delim = url.IndexOfAny(['/', '?', '#'], 2);
            if (delim < 0)
            {
                delim = url.Length;
            }

            netloc = url[2..delim];
            url = url[delim..];
            var open = netloc.Contains('[', StringComparison.Ordinal);
            var close = netloc.Contains(']', StringComparison.Ordinal);
            if (open != close)
            {
                path = string.Empty;
                return false;
            }

            if (open && !IsValidBracketedHost(BracketedHost(netloc)))
            {
                path = string.Empty;
                return false;
            }
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            url = url[..hash];
        }

        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = url[(q + 1)..];
            url = url[..q];
        }

        path = url;
        return IsValidNetloc(netloc);
    }

    private static char[] WhatwgC0ControlOrSpace()
    {
        var chars = new char[33];
        for (var c = 0; c < 32; c++)
        {
            chars[c] = (char)c;
        }

        chars[32] = ' ';
        return chars;
    }

    /// <summary>netloc.partition('[')[2].partition(']')[0].</summary>
    private static string BracketedHost(string netloc)
    {
        var afterOpen = netloc[(netloc.IndexOf('[', StringComparison.Ordinal) + 1)..];
        var close = afterOpen.IndexOf(']', StringComparison.Ordinal);
        return close < 0 ? afterOpen : afterOpen[..close];
    }

    /// <summary>urllib.parse._check_bracketed_host: an IPvFuture literal or an IPv6 address.</summary>
    private static bool IsValidBracketedHost(string host)
    {
        if (host.StartsWith('v'))
        {
            return IpFuturePattern().IsMatch(host);
        }

        return host.Contains(':', StringComparison.Ordinal) &&
            IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>
    /// urllib.parse._checknetloc: no characters that NFKC normalization turns into URL delimiters. The netloc holds
    /// no '/', '?' or '#' and the check drops '@' and ':' first, so the normalized text holds a delimiter exactly when
    /// one of its characters decomposes into one: <see cref="NfkcDelimiterChars"/> lists them (computed with Python's
    /// unicodedata 14.0.0; .NET's normalization is not available under invariant globalization).
    /// </summary>
    private static bool IsValidNetloc(string netloc) =>
        Ascii.IsValid(netloc) || netloc.AsSpan().IndexOfAny(NfkcDelimiterChars) < 0;

    /// <summary>urllib.parse.parse_qsl with its defaults (blank values dropped, '&amp;' separator).</summary>
    private static List<(string Name, string Value)> ParseQuery(string query)
    {
        var result = new List<(string, string)>();
        if (query.Length == 0)
        {
            return result;
        }

        foreach (var field in query.Split('&'))
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            if (field.Length == 0 || eq < 0 || eq == field.Length - 1)
            {
                continue;
            }

            result.Add((Unquote(field[..eq].Replace('+', ' ')), Unquote(field[(eq + 1)..].Replace('+', ' '))));
        }

        return result;
    }

    /// <summary>urllib.parse.unquote: %XX escapes in ASCII runs decoded as UTF-8 (invalid bytes become U+FFFD).</summary>
    private static string Unquote(string s)
    {
        if (!s.Contains('%', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder();
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c > 0x7f)
            {
                Flush();
                sb.Append(c);
                continue;
            }

            if (c == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]))
            {
                bytes.Add(byte.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }

            bytes.Add((byte)c);
        }

        Flush();
        return sb.ToString();

        void Flush()
        {
            if (bytes.Count > 0)
            {
                sb.Append(Encoding.UTF8.GetString([.. bytes]));
                bytes.Clear();
            }
        }
    }
}
