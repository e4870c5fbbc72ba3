using Azure.Core;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// Per-request flag read by <see cref="IdempotentRetryPolicy"/>. Every request the stores build is marked
/// explicitly; an unmarked request counts as not idempotent, so a forgotten mark can only lose a retry,
/// never duplicate a write.
/// </summary>
public static class RequestIdempotency
{
    private const string PropertyName = "Tessera.Storage.Idempotent";

    public static void Mark(HttpMessage message, bool idempotent)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.SetProperty(PropertyName, idempotent);
    }

    public static bool IsIdempotent(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.TryGetProperty(PropertyName, out var value) && value is true;
    }
}
