using System.Security.Cryptography;
using System.Text;

namespace Tessera.Durable;

/// <summary>
/// Name-based UUID version 5 (RFC 4122 section 4.3, SHA-1). Orchestrations derive their guids from the instance id,
/// the deterministic clock and a counter, as DurableTask does, so replays produce the same values.
/// </summary>
public static class DeterministicGuid
{
    /// <summary>The namespace DurableTask uses for orchestration guids.</summary>
    public static readonly Guid OrchestrationNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> ns = stackalloc byte[16];
        if (!namespaceId.TryWriteBytes(ns, bigEndian: true, out _))
        {
            throw new InvalidOperationException("could not write namespace bytes");
        }

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        ns.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 v5 prescribes; not used for security.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
