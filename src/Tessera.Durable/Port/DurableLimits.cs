namespace Tessera.Durable;

/// <summary>
/// Size limits, derived from Azure Table limits (a string property holds at most 64 KiB = 32 K UTF-16 chars,
/// an entity at most 1 MiB). Payloads (inputs, outputs, event data) are split over up to
/// <see cref="MaxPayloadChunks"/> properties of <see cref="PayloadChunkChars"/> chars; an instance row holds input,
/// output, custom status and failure, so the per-payload cap keeps the whole row under 1 MiB. Anything bigger
/// belongs in Blob storage (pass its name) and raises <see cref="PayloadTooLargeException"/>.
/// </summary>
public static class DurableLimits
{
    public const int PayloadChunkChars = 30_000;

    public const int MaxPayloadChunks = 6;

    /// <summary>180,000 characters of JSON per payload.</summary>
    public const int MaxPayloadChars = PayloadChunkChars * MaxPayloadChunks;

    /// <summary>Custom status JSON, UTF-8 bytes (the Durable Functions limit).</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    public const int MaxInstanceIdLength = 64;
}
