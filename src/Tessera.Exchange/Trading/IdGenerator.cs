using Tessera.Exchange.Market;

namespace Tessera.Exchange.Trading;

/// <summary>
/// Order, execution and activity ids: UUID v4-shaped, but a pure function of (seed, sequence), so a replay with the
/// same seed and the same requests gives the same ids. The sequence is persisted with the account, so ids never
/// repeat across restarts.
/// </summary>
public sealed class IdGenerator(ulong seed, long next = 0)
{
    public long Next { get; private set; } = next;

    public Guid NewId()
    {
        var n = (ulong)Next++;
        return StableGuid.FromUInt64(Mix(seed ^ (n * 0x9E3779B97F4A7C15UL)), Mix(n + 0x632BE59BD9B4E019UL + seed));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
