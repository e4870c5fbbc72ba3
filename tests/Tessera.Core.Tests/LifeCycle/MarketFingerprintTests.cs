using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Tessera.Core.Data;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class MarketFingerprintTests
{
    private static BarSeries Series(string symbol, double close) =>
        new(symbol, [86_400_000L, 172_800_000L], [close, close + 1], [close + 2, close + 3], [close - 1, close], [close + 0.5, close + 1.5], [1000, 2000]);

    /// <summary>The documented layout, written out byte by byte: symbol + LF, then t, o, h, l, c, v as little-endian 8-byte values.</summary>
    private static byte[] Canonical(BarSeries s)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(s.Symbol + "\n"));
        var buffer = new byte[8];
        foreach (var t in s.Timestamps)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, t);
            bytes.AddRange(buffer);
        }

        foreach (var column in new[] { s.Open, s.High, s.Low, s.Close, s.Volume })
        {
            foreach (var v in column)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, v);
                bytes.AddRange(buffer);
            }
        }

        return [.. bytes];
    }

    [Fact]
    public void Is_the_sha256_of_every_series_canonical_bytes_in_order()
    {
        var a = Series("X:A", 10);
        var b = Series("X:B", 20);
        var expected = Convert.ToHexStringLower(SHA256.HashData([.. Canonical(a), .. Canonical(b)]));
        Assert.Equal(expected, MarketFingerprint.Of([a, b]));
        Assert.Equal(64, expected.Length);
    }

    [Fact]
    public void Order_and_every_value_matter()
    {
        var a = Series("X:A", 10);
        var b = Series("X:B", 20);
        var changed = Series("X:B", 20);
        changed.Volume[1] = 2001;
        Assert.NotEqual(MarketFingerprint.Of([a, b]), MarketFingerprint.Of([b, a]));
        Assert.NotEqual(MarketFingerprint.Of([a, b]), MarketFingerprint.Of([a, changed]));
        Assert.Equal(MarketFingerprint.Of([a, b]), MarketFingerprint.Of([Series("X:A", 10), Series("X:B", 20)]));
    }
}
