using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Tessera.Core.Data;

namespace Tessera.Storage.Lakehouse;

/// <summary>
/// Binary column format of one bar series ("TSRB" v1, see docs/LAKEHOUSE.md). Little-endian:
/// <code>
///  0  4  magic "TSRB"
///  4  2  format version (1)
///  6  2  column count (6)
///  8  8  row count n (int64)
/// 16  2  symbol length s (UTF-8 bytes), then the symbol bytes, then zero padding to a multiple of 8
///  p  8n timestamps (int64 Unix ms UTC), then open, high, low, close, volume (float64, 8n each)
///  e 32  SHA-256 of bytes [0, e)
/// </code>
/// Columns are contiguous so a reader copies each straight into a double[] (no per-value parsing).
/// </summary>
public static class BarColumnCodec
{
    public const ushort FormatVersion = 1;
    public const int ColumnCount = 6;
    private const int ChecksumLength = 32;
    private static readonly byte[] Magic = "TSRB"u8.ToArray();

    public static byte[] Encode(BarSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var symbol = Encoding.UTF8.GetBytes(series.Symbol);
        var headerLength = Align8(18 + symbol.Length);
        var n = series.Count;
        var total = headerLength + (ColumnCount * 8L * n) + ChecksumLength;
        var bytes = new byte[total];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], ColumnCount);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], n);
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], checked((ushort)symbol.Length));
        symbol.CopyTo(span[18..]);
        var at = headerLength;
        WriteColumn(span, ref at, MemoryMarshal.AsBytes(series.Timestamps.AsSpan()));
        foreach (var column in new[] { series.Open, series.High, series.Low, series.Close, series.Volume })
        {
            WriteColumn(span, ref at, MemoryMarshal.AsBytes(column.AsSpan()));
        }

        SHA256.HashData(span[..at], span[at..]);
        return bytes;
    }

    public static BarSeries Decode(ReadOnlySpan<byte> bytes, string objectName)
    {
        if (bytes.Length < 18 + ChecksumLength || !bytes[..4].SequenceEqual(Magic))
        {
            throw new LakehouseCorruptException(objectName, "not a TSRB bar object (magic)");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != FormatVersion)
        {
            throw new LakehouseCorruptException(objectName, $"unsupported TSRB version (this build reads {FormatVersion})", version.ToString());
        }

        var columns = BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        var n = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        var symbolLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[16..]);
        var headerLength = Align8(18 + symbolLength);
        if (columns != ColumnCount || n < 0 || n > int.MaxValue || headerLength + (ColumnCount * 8L * n) + ChecksumLength != bytes.Length)
        {
            throw new LakehouseCorruptException(objectName, "TSRB header does not match the object length", bytes.Length.ToString());
        }

        var body = bytes[..^ChecksumLength];
        Span<byte> hash = stackalloc byte[ChecksumLength];
        SHA256.HashData(body, hash);
        if (!hash.SequenceEqual(bytes[^ChecksumLength..]))
        {
            throw new LakehouseCorruptException(objectName, "TSRB checksum mismatch");
        }

        var symbol = Encoding.UTF8.GetString(bytes.Slice(18, symbolLength));
        var count = (int)n;
        var at = headerLength;
        var ts = new long[count];
        ReadColumn(bytes, ref at, MemoryMarshal.AsBytes(ts.AsSpan()));
        var cols = new double[5][];
        for (var k = 0; k < 5; k++)
        {
            cols[k] = new double[count];
            ReadColumn(bytes, ref at, MemoryMarshal.AsBytes(cols[k].AsSpan()));
        }

        return new BarSeries(symbol, ts, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    private static int Align8(int value) => (value + 7) & ~7;

    private static void WriteColumn(Span<byte> target, ref int at, ReadOnlySpan<byte> column)
    {
        column.CopyTo(target[at..]);
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEach8(target.Slice(at, column.Length));
        }

        at += column.Length;
    }

    private static void ReadColumn(ReadOnlySpan<byte> source, ref int at, Span<byte> column)
    {
        source.Slice(at, column.Length).CopyTo(column);
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEach8(column);
        }

        at += column.Length;
    }

    // The format is little-endian on disk; big-endian hosts swap each 8-byte value.
    private static void ReverseEach8(Span<byte> data)
    {
        for (var k = 0; k + 8 <= data.Length; k += 8)
        {
            data.Slice(k, 8).Reverse();
        }
    }
}
