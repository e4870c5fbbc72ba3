using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Tessera.Core.Data;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// SHA-256 (lower-case hex) of the canonical bytes of a universe's bars, in the given order: for each series its
/// symbol and a line feed (UTF-8), then the timestamps, open, high, low, close and volume columns as little-endian
/// 8-byte values. Two runs on the same data have the same fingerprint.
/// </summary>
public static class MarketFingerprint
{
    public static string Of(IReadOnlyList<BarSeries> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in bars)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(s.Symbol + "\n"));
            hash.AppendData(MemoryMarshal.AsBytes(s.Timestamps.AsSpan()));
            foreach (var column in new[] { s.Open, s.High, s.Low, s.Close, s.Volume })
            {
                hash.AppendData(MemoryMarshal.AsBytes(column.AsSpan()));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
