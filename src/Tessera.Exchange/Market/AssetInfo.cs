using System.Security.Cryptography;
using System.Text;
using Tessera.Alpaca.Model;

namespace Tessera.Exchange.Market;

/// <summary>What the exchange says about a symbol (GET /v2/assets) and the rules it enforces for it.</summary>
public sealed record AssetInfo(Guid Id, string Symbol, string Exchange, string Name, bool Tradable, bool Marginable, bool Shortable, bool EasyToBorrow, bool Fractionable)
{
    public AssetClass Class => AssetClass.UsEquity;

    /// <summary>A stable id per symbol (the same across runs and restarts), shaped as a UUID v4.</summary>
    public static Guid IdFor(string symbol)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("tessera-asset:" + symbol));
        return StableGuid.FromBytes(hash);
    }
}

/// <summary>Builds UUID v4-shaped ids from bytes (version and variant bits set as RFC 4122 says).</summary>
public static class StableGuid
{
    public static Guid FromBytes(ReadOnlySpan<byte> sixteenOrMore)
    {
        Span<byte> b = stackalloc byte[16];
        sixteenOrMore[..16].CopyTo(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b, bigEndian: true);
    }

    public static Guid FromUInt64(ulong hi, ulong lo)
    {
        Span<byte> b = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, hi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b[8..], lo);
        return FromBytes(b);
    }
}
