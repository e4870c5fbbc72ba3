namespace Tessera.Exchange.Json;

/// <summary>Fast UTF-8 RFC 3339 formatting of Unix milliseconds (market data: hundreds of thousands per replay).</summary>
public static class Utf8Time
{
    /// <summary>Writes yyyy-MM-ddTHH:mm:ss.fffZ (24 bytes).</summary>
    public static int FormatMs(long unixMs, Span<byte> dest)
    {
        var dt = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        Four(dest, dt.Year);
        dest[4] = (byte)'-';
        Two(dest[5..], dt.Month);
        dest[7] = (byte)'-';
        Two(dest[8..], dt.Day);
        dest[10] = (byte)'T';
        Two(dest[11..], dt.Hour);
        dest[13] = (byte)':';
        Two(dest[14..], dt.Minute);
        dest[16] = (byte)':';
        Two(dest[17..], dt.Second);
        dest[19] = (byte)'.';
        var ms = dt.Millisecond;
        dest[20] = (byte)('0' + (ms / 100));
        dest[21] = (byte)('0' + (ms / 10 % 10));
        dest[22] = (byte)('0' + (ms % 10));
        dest[23] = (byte)'Z';
        return 24;
    }

    private static void Two(Span<byte> d, int v)
    {
        d[0] = (byte)('0' + (v / 10));
        d[1] = (byte)('0' + (v % 10));
    }

    private static void Four(Span<byte> d, int v)
    {
        d[0] = (byte)('0' + (v / 1000));
        d[1] = (byte)('0' + (v / 100 % 10));
        d[2] = (byte)('0' + (v / 10 % 10));
        d[3] = (byte)('0' + (v % 10));
    }
}
