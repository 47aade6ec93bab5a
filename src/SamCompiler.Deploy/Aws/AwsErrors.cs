namespace SamCompiler.Deploy.Aws;

/// <summary>An error response from an AWS service (after retries): its code, message and HTTP status.</summary>
public sealed class AwsServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsServiceException(string service, string action, string code, string message, int statusCode)
        : base($"{service} {action}: {code}: {message}")
    {
        Service = service;
        Action = action;
        Code = code;
        ServiceMessage = message;
        StatusCode = statusCode;
    }

    /// <summary>The service, e.g. cloudformation.</summary>
    public string Service { get; }

    /// <summary>The operation, e.g. CreateChangeSet.</summary>
    public string Action { get; }

    /// <summary>The error code, e.g. ValidationError, NoSuchBucket.</summary>
    public string Code { get; }

    /// <summary>The service's message.</summary>
    public string ServiceMessage { get; }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }
}

/// <summary>The endpoint did not answer (connection refused, DNS failure, timeout), after retries.</summary>
public sealed class AwsEndpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsEndpointException(Uri endpoint, string detail, Exception? inner = null)
        : base($"The endpoint {endpoint.GetLeftPart(UriPartial.Authority)} does not answer: {detail}", inner)
    {
        Endpoint = endpoint;
    }

    /// <summary>The endpoint that was called.</summary>
    public Uri Endpoint { get; }
}

/// <summary>No credentials could be found, or the configured ones could not be loaded.</summary>
public sealed class AwsCredentialsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsCredentialsException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
