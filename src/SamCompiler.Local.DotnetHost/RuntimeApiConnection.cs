using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace SamCompiler.Local.DotnetHost;

/// <summary>A response of the Runtime API.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">The headers, names in lower case.</param>
/// <param name="Body">The body.</param>
public sealed record RuntimeApiResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// A keep-alive HTTP/1.1 client on a raw socket for the Runtime API (HttpClient costs about a hundred milliseconds of
/// loading and JIT at every cold start).
/// </summary>
public sealed class RuntimeApiConnection : IDisposable
{
    private readonly string _api;
    private readonly string _host;
    private readonly int _port;
    private Socket? _socket;
    private BufferedStream? _stream;

    /// <summary>Creates the client for AWS_LAMBDA_RUNTIME_API (host:port).</summary>
    public RuntimeApiConnection(string api)
    {
        _api = api;
        var colon = api.LastIndexOf(':');
        _host = api[..colon].Trim('[', ']');
        _port = int.Parse(api[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>Sends one request (retried once on a fresh connection) and reads its response.</summary>
    public RuntimeApiResponse Send(string method, string path, byte[]? body = null, string? errorType = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (_socket is null)
                {
                    _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    _socket.Connect(_host, _port);
                    _stream = new BufferedStream(new NetworkStream(_socket, ownsSocket: false), 65536);
                }

                return Roundtrip(method, path, body, errorType);
            }
            catch (Exception ex) when ((ex is IOException or SocketException) && attempt == 0)
            {
                Close();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private void Close()
    {
        _stream?.Dispose();
        _socket?.Dispose();
        _stream = null;
        _socket = null;
    }

    private RuntimeApiResponse Roundtrip(string method, string path, byte[]? body, string? errorType)
    {
        var stream = _stream!;
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: {_api}\r\n");
        if (body is not null || method != "GET")
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body?.Length ?? 0}\r\nContent-Type: application/json\r\n");
        }

        if (errorType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Lambda-Runtime-Function-Error-Type: {errorType}\r\n");
        }

        head.Append("\r\n");
        stream.Write(Encoding.Latin1.GetBytes(head.ToString()));
        if (body is not null)
        {
            stream.Write(body);
        }

        stream.Flush();
        var statusLine = ReadLine(stream) ?? throw new IOException("The Runtime API closed the connection.");
        var status = int.Parse(statusLine.Split(' ', 3)[1], NumberStyles.Integer, CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = ReadLine(stream); !string.IsNullOrEmpty(line); line = ReadLine(stream))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }

        byte[] data;
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var chunks = new MemoryStream();
            while (true)
            {
                var size = int.Parse((ReadLine(stream) ?? "0").Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (!string.IsNullOrEmpty(ReadLine(stream)))
                    {
                        // Trailers.
                    }

                    break;
                }

                chunks.Write(ReadExactly(stream, size));
                ReadLine(stream);
            }

            data = chunks.ToArray();
        }
        else
        {
            data = ReadExactly(stream, headers.TryGetValue("content-length", out var length) ? int.Parse(length, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0);
        }

        if (headers.TryGetValue("connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase))
        {
            Close();
        }

        return new RuntimeApiResponse(status, headers, data);
    }

    private static byte[] ReadExactly(Stream stream, int count)
    {
        var data = new byte[count];
        stream.ReadExactly(data);
        return data;
    }

    private static string? ReadLine(Stream stream)
    {
        var line = new List<byte>(64);
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (b != '\r')
            {
                line.Add((byte)b);
            }
        }

        return b < 0 && line.Count == 0 ? null : Encoding.Latin1.GetString(line.ToArray());
    }
}
