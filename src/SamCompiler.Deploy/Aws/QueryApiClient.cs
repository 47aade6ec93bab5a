using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace SamCompiler.Deploy.Aws;

/// <summary>
/// The AWS Query protocol (CloudFormation, STS): a form-encoded POST of <c>Action</c>, <c>Version</c> and the
/// parameters, signed with SigV4; the answer is XML whose <c>&lt;ActionResult&gt;</c> element is returned.
/// </summary>
public sealed class QueryApiClient
{
    private readonly AwsConnection _connection;

    /// <summary>Creates a client for one service.</summary>
    /// <param name="connection">The signed connection.</param>
    /// <param name="service">The signing name and endpoint prefix, e.g. cloudformation.</param>
    /// <param name="version">The API version, e.g. 2010-05-15.</param>
    public QueryApiClient(AwsConnection connection, string service, string version)
    {
        _connection = connection;
        Service = service;
        Version = version;
        Endpoint = connection.Settings.EndpointFor(service);
    }

    /// <summary>The signing name.</summary>
    public string Service { get; }

    /// <summary>The API version.</summary>
    public string Version { get; }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Calls <paramref name="action"/>; returns the result element, or throws <see cref="AwsServiceException"/>.</summary>
    public async Task<XElement> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var form = new StringBuilder();
        form.Append("Action=").Append(AwsSigner.Encode(action)).Append("&Version=").Append(AwsSigner.Encode(Version));
        foreach (var (k, v) in parameters)
        {
            form.Append('&').Append(AwsSigner.Encode(k)).Append('=').Append(AwsSigner.Encode(v));
        }

        var bytes = Encoding.UTF8.GetBytes(form.ToString());
        var hash = AwsSigner.HashHex(bytes);
        var (status, body, response) = await _connection.SendAsync(
            Service,
            () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
                return new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
            },
            hash,
            b => ParseError(b).Code,
            cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if ((int)status >= 300)
            {
                var (code, message) = ParseError(body);
                throw new AwsServiceException(Service, action, code ?? ((int)status).ToString(CultureInfo.InvariantCulture), message ?? Encoding.UTF8.GetString(body), (int)status);
            }

            XElement root;
            try
            {
                root = XElement.Parse(Encoding.UTF8.GetString(body));
            }
            catch (XmlException ex)
            {
                throw new AwsServiceException(Service, action, "InvalidResponse", $"The answer is not XML: {ex.Message}", (int)status);
            }

            return root.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result") ?? new XElement(action + "Result");
        }
    }

    /// <summary>The error code and message of an error answer: Query XML, or the JSON some endpoints send.</summary>
    internal static (string? Code, string? Message) ParseError(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.StartsWith('<'))
        {
            try
            {
                var root = XElement.Parse(text);
                var error = root.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Error") ?? root;
                return (error.Child("Code"), error.Child("Message"));
            }
            catch (XmlException)
            {
                return (null, null);
            }
        }

        if (text.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                string? Prop(params string[] names) => names.Select(n => doc.RootElement.TryGetProperty(n, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null).FirstOrDefault(v => v is not null);
                var code = Prop("__type", "code", "Code");
                return (code?[(code.LastIndexOf('#') + 1)..], Prop("message", "Message"));
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        return (null, text.Length == 0 ? null : text);
    }
}

/// <summary>Namespace-agnostic lookups on Query API answers.</summary>
public static class XmlAnswers
{
    /// <summary>The text of the first child element named <paramref name="name"/>, or null.</summary>
    public static string? Child(this XElement element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>The first child element named <paramref name="name"/>, or null.</summary>
    public static XElement? ChildElement(this XElement element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The <c>member</c> elements of the list element named <paramref name="name"/>.</summary>
    public static IEnumerable<XElement> Members(this XElement element, string name) =>
        element.ChildElement(name)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];
}
