using System.Buffers.Binary;
using Tessera.Core.Data;
using Tessera.Storage.Lakehouse;
using Xunit;

namespace Tessera.Storage.Tests.Lakehouse;

public sealed class BarColumnCodecTests
{
    private static BarSeries Sample() => new("NYSE:IBM", [86_400_000L, 172_800_000L], [1.5, 2.5], [2, 3], [1, 2], [1.75, 2.25], [100, 200]);

    [Fact]
    public void Round_trips_every_column_bit_for_bit()
    {
        var s = Sample();
        var back = BarColumnCodec.Decode(BarColumnCodec.Encode(s), "x");
        Assert.Equal(s.Symbol, back.Symbol);
        Assert.Equal(s.Timestamps, back.Timestamps);
        Assert.Equal(s.Open, back.Open);
        Assert.Equal(s.High, back.High);
        Assert.Equal(s.Low, back.Low);
        Assert.Equal(s.Close, back.Close);
        Assert.Equal(s.Volume, back.Volume);
    }

    [Fact]
    public void Layout_matches_the_documented_header()
    {
        // "NYSE:IBM" is 8 bytes: header 18 + 8 = 26, padded to 32; 2 rows x 6 columns x 8 bytes = 96; SHA-256 = 32.
        var bytes = BarColumnCodec.Encode(Sample());
        Assert.Equal(32 + 96 + 32, bytes.Length);
        Assert.Equal("TSRB"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(6, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(2, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(172_800_000L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(1.5, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(48)));
        Assert.Equal(Convert.FromHexString(Tessera.Core.Determinism.Sha256Hex.Of(bytes.AsSpan(0, 128))), bytes[128..]);
    }

    [Theory]
    [InlineData(0, "not a TSRB bar object (magic)")]
    [InlineData(4, "unsupported TSRB version (this build reads 1)")]
    [InlineData(60, "TSRB checksum mismatch")]
    [InlineData(8, "TSRB header does not match the object length")]
    public void Detects_corruption_with_a_typed_error(int offset, string rule)
    {
        var bytes = BarColumnCodec.Encode(Sample());
        bytes[offset] ^= 0x40;
        var ex = Assert.Throws<LakehouseCorruptException>(() => BarColumnCodec.Decode(bytes, "bars/x"));
        Assert.Equal(rule, ex.Rule);
        Assert.Equal("bars/x", ex.ObjectName);
    }

    [Fact]
    public void Detects_truncation()
    {
        var bytes = BarColumnCodec.Encode(Sample());
        Assert.Throws<LakehouseCorruptException>(() => BarColumnCodec.Decode(bytes.AsSpan(0, bytes.Length - 1), "bars/x"));
    }

    [Theory]
    [InlineData("NYSE:IBM", "NYSE_3AIBM")]
    [InlineData("NASDAQ:BRK/B", "NASDAQ_3ABRK_2FB")]
    [InlineData("A_B", "A_5FB")]
    [InlineData("BF.B", "BF.B")]
    public void Symbols_encode_to_a_single_safe_path_segment(string symbol, string encoded) =>
        Assert.Equal(encoded, LakehouseLayout.EncodeSymbol(symbol));
}
