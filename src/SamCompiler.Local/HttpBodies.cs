using Microsoft.AspNetCore.Http;

namespace SamCompiler.Local;

/// <summary>Request-body reading shared by the Runtime API and the Lambda Invoke API servers.</summary>
internal static class HttpBodies
{
    /// <summary>Reads a body; returns null (and the full length) when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<(byte[]? Body, long Length)> ReadAsync(HttpRequest request, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total <= limit)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return total > limit ? (null, total) : (buffer.ToArray(), total);
    }
}
