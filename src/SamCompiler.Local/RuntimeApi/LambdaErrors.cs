using System.Text;
using System.Text.Json;

namespace SamCompiler.Local.RuntimeApi;

/// <summary>Error objects in Lambda's shape: <c>{"errorMessage": ..., "errorType": ...}</c>.</summary>
public static class LambdaErrors
{
    /// <summary>Sandbox.Timedout: the function ran past its Timeout.</summary>
    public const string Timeout = "Sandbox.Timedout";

    /// <summary>Runtime.ExitError: the runtime process ended during the invocation.</summary>
    public const string ExitError = "Runtime.ExitError";

    /// <summary>Runtime.OutOfMemory: the runtime was killed for exceeding MemorySize.</summary>
    public const string OutOfMemory = "Runtime.OutOfMemory";

    /// <summary>Function.ResponseSizeTooLarge: the response exceeded the synchronous payload limit.</summary>
    public const string ResponseSizeTooLarge = "Function.ResponseSizeTooLarge";

    /// <summary>The JSON bytes of an error object.</summary>
    public static byte[] Create(string errorType, string errorMessage)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", errorMessage);
            writer.WriteString("errorType", errorType);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>An error result.</summary>
    public static InvocationResult Result(string errorType, string errorMessage) => new(Create(errorType, errorMessage), errorType);

    /// <summary>The timeout message Lambda writes: <c>Task timed out after 2.00 seconds</c>.</summary>
    public static string TimeoutMessage(TimeSpan timeout) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Task timed out after {timeout.TotalSeconds:0.00} seconds");

    /// <summary>Reads errorType/errorMessage from an error body, when it is an object carrying them.</summary>
    public static (string? Type, string? Message) Read(byte[] payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Get(doc.RootElement, "errorType"), Get(doc.RootElement, "errorMessage"));
        }
        catch (JsonException)
        {
            return (null, Encoding.UTF8.GetString(payload));
        }

        static string? Get(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
