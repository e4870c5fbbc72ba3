using System.Runtime.CompilerServices;
namespace Tessera.Core.Data.Import;

/// <summary>Outcome of parsing a timestamp field.</summary>
internal enum TimestampParse
{
    Ok = 0,
    Invalid = 1,
    NotUtc = 2,
}

/// <summary>
/// Parses <c>yyyy-MM-dd</c> (a date: UTC midnight) and <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|+00:00)</c>
/// (a 'T' or a space between date and time) to Unix epoch milliseconds. A time of day without an explicit
/// UTC designator, or with a non-zero offset, is refused: Tessera stores UTC only and will not guess a zone.
/// </summary>
internal static class Utf8Timestamp
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    public static TimestampParse TryParse(ReadOnlySpan<byte> text, out long unixMs)
    {
        unixMs = 0;
        if (text.Length < 10 || text[4] != (byte)'-' || text[7] != (byte)'-')
        {
            return TimestampParse.Invalid;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day))
        {
            return TimestampParse.Invalid;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return TimestampParse.Invalid;
        }

        var days = new DateOnly(year, month, day).DayNumber - EpochDayNumber;
        unixMs = days * 86_400_000L;
        if (text.Length == 10)
        {
            return TimestampParse.Ok;
        }

        return ParseTime(text[10..], ref unixMs);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private static TimestampParse ParseTime(ReadOnlySpan<byte> t, ref long unixMs)
    {
        // t = "THH:mm:ss[.fff...](Z|+00:00|-00:00)?"
        if (t.Length < 9 || (t[0] != (byte)'T' && t[0] != (byte)' ') || t[3] != (byte)':' || t[6] != (byte)':')
        {
            return TimestampParse.Invalid;
        }

        if (!TryDigits(t.Slice(1, 2), out var hh) || !TryDigits(t.Slice(4, 2), out var mm) || !TryDigits(t.Slice(7, 2), out var ss) || hh > 23 || mm > 59 || ss > 59)
        {
            return TimestampParse.Invalid;
        }

        long ms = 0;
        var rest = t[9..];
        if (rest.Length > 0 && rest[0] == (byte)'.')
        {
            var k = 1;
            var scale = 100;
            while (k < rest.Length && (uint)(rest[k] - (byte)'0') <= 9)
            {
                ms += (rest[k] - (byte)'0') * scale;
                scale /= 10;
                k++;
            }

            if (k == 1)
            {
                return TimestampParse.Invalid;
            }

            rest = rest[k..];
        }

        unixMs += (((((hh * 60L) + mm) * 60L) + ss) * 1000L) + ms;
        if (rest.Length == 1 && (rest[0] == (byte)'Z' || rest[0] == (byte)'z'))
        {
            return TimestampParse.Ok;
        }

        if (rest.Length == 6 && (rest[0] == (byte)'+' || rest[0] == (byte)'-') && rest[3] == (byte)':')
        {
            if (!TryDigits(rest.Slice(1, 2), out var oh) || !TryDigits(rest.Slice(4, 2), out var om))
            {
                return TimestampParse.Invalid;
            }

            return oh == 0 && om == 0 ? TimestampParse.Ok : TimestampParse.NotUtc;
        }

        return rest.Length == 0 ? TimestampParse.NotUtc : TimestampParse.Invalid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var d = c - (byte)'0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
