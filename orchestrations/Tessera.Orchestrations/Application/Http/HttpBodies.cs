using Microsoft.AspNetCore.Http;

namespace Tessera.Orchestrations.Application.Http;

/// <summary>Request bodies read with a hard bound, so an oversized payload is refused without buffering it whole.</summary>
public static class HttpBodies
{
    public static async Task<byte[]> ReadBoundedAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            throw new PayloadTooLargeException(request.ContentLength.Value, maxBytes);
        }

        var buffer = new byte[maxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        if (total > maxBytes)
        {
            throw new PayloadTooLargeException(total, maxBytes);
        }

        return buffer.AsSpan(0, total).ToArray();
    }
}
