using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace SamCompiler.Deploy.Aws;

/// <summary>
/// One signed HTTP connection to AWS (or an endpoint that speaks its protocols): settings, credentials, the
/// HTTP client, and the retry policy. Throttling (<c>Throttling</c>, <c>ThrottlingException</c>,
/// <c>RequestLimitExceeded</c>, <c>TooManyRequestsException</c>, HTTP 429), 5xx answers and connections that fail
/// are retried with exponential backoff and full jitter (the AWS SDKs' standard mode: at most
/// <see cref="MaxAttempts"/> attempts, delays up to 20 s).
/// </summary>
public sealed class AwsConnection : IDisposable
{
    /// <summary>Attempts per call (the SDKs' standard retry mode uses 3; CloudFormation throttles often, so 5).</summary>
    public const int MaxAttempts = 5;

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly Random _jitter = new();
    private readonly object _timing = new();
    private long _callTicks;
    private long _busySince;
    private int _inFlight;
    private int _calls;

    /// <summary>Creates a connection.</summary>
    public AwsConnection(AwsSettings settings, ImmutableCredentials credentials, TimeProvider clock, HttpClient? http = null, TimeSpan? baseDelay = null)
    {
        Settings = settings;
        Credentials = credentials;
        Clock = clock;
        BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(250);
        _ownsClient = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>Region, profile and endpoints.</summary>
    public AwsSettings Settings { get; }

    /// <summary>The credentials requests are signed with.</summary>
    public ImmutableCredentials Credentials { get; }

    /// <summary>The clock used for signing and backoff.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The first retry delay; later ones double (with jitter).</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>Number of HTTP requests sent (retries included).</summary>
    public int Calls => _calls;

    /// <summary>
    /// Wall time during which at least one HTTP call was waiting for its answer (the server's share of a command's
    /// time; calls that overlap are counted once).
    /// </summary>
    public TimeSpan TimeInCalls
    {
        get
        {
            lock (_timing)
            {
                return TimeSpan.FromTicks(_callTicks);
            }
        }
    }

    /// <summary>
    /// Sends a request built by <paramref name="build"/> (called again for each attempt), signed for
    /// <paramref name="service"/>, retrying throttling, 5xx and connection failures. Returns the status and body of
    /// the final answer; <paramref name="errorCode"/> extracts a service error code from a failed answer's body.
    /// </summary>
    public async Task<(HttpStatusCode Status, byte[] Body, HttpResponseMessage Response)> SendAsync(
        string service,
        Func<HttpRequestMessage> build,
        string payloadHash,
        Func<byte[], string?> errorCode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(errorCode);
        Uri? endpoint = null;
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            endpoint = request.RequestUri!;
            AwsSigner.Sign(request, payloadHash, service, Settings.Region, Credentials, Clock.GetUtcNow().UtcDateTime);
            BeginCall();
            HttpResponseMessage response;
            byte[] body;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                EndCall();
                if (attempt >= 3)
                {
                    throw new AwsEndpointException(endpoint, Describe(ex), ex);
                }

                await DelayAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                EndCall();
                throw new AwsEndpointException(endpoint, "the request timed out", ex);
            }

            EndCall();
            var status = (int)response.StatusCode;
            if (status < 300 || attempt >= MaxAttempts)
            {
                return (response.StatusCode, body, response);
            }

            var code = status >= 400 ? errorCode(body) : null;
            var retry = status == 429 || status >= 500 || (code is not null && ThrottlingCodes.Contains(code));
            if (!retry)
            {
                return (response.StatusCode, body, response);
            }

            response.Dispose();
            await DelayAsync(attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the start of a call (also one made by another client on these settings, AWSSDK.S3).</summary>
    public void BeginCall()
    {
        lock (_timing)
        {
            _calls++;
            if (_inFlight++ == 0)
            {
                _busySince = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Marks the end of a call begun with <see cref="BeginCall"/>.</summary>
    public void EndCall()
    {
        lock (_timing)
        {
            if (--_inFlight == 0)
            {
                _callTicks += Stopwatch.GetElapsedTime(_busySince).Ticks;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private Task DelayAsync(int attempt, CancellationToken cancellationToken)
    {
        var cap = Math.Min(20_000, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        double ms;
        lock (_jitter)
        {
            ms = _jitter.NextDouble() * cap;
        }

        return Task.Delay(TimeSpan.FromMilliseconds(ms), Clock, cancellationToken);
    }

    private static string Describe(HttpRequestException ex)
    {
        var socket = ex.InnerException as SocketException ?? ex.InnerException?.InnerException as SocketException;
        return socket is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{socket.SocketErrorCode} ({ex.Message})")
            : ex.Message;
    }
}
