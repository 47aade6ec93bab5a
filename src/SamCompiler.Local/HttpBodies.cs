using Microsoft.AspNetCore.Http;

namespace SamCompiler.Local;

/// <summary>Request-body reading shared by the Runtime API and the Lambda Invoke API servers.</summary>
internal static class HttpBodies
{
    /// <summary>
    /// Reads a body; returns null (and the length read) when it is longer than <paramref name="limit"/>. With
    /// <paramref name="stopAtLimit"/> reading stops as soon as the limit is passed (the rest is never read: callers
    /// answer and close the connection); otherwise the rest is read and counted, so the full length is reported.
    /// </summary>
    public static async Task<(byte[]? Body, long Length)> ReadAsync(HttpRequest request, int limit, bool stopAtLimit = false)
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
            else if (stopAtLimit)
            {
                return (null, total);
            }
        }

        return total > limit ? (null, total) : (buffer.ToArray(), total);
    }
}
