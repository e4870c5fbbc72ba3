namespace Tessera.Core.Markets;

/// <summary>
/// New York local time by the US daylight-saving rules themselves (2007 onwards: second Sunday of March to first
/// Sunday of November; 1987-2006: first Sunday of April to last Sunday of October), so the exchange does not depend
/// on the machine's time zone database and gives the same answer everywhere.
/// </summary>
public static class UsEastern
{
    private static readonly TimeSpan Standard = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Daylight = TimeSpan.FromHours(-4);

    /// <summary>The UTC offset in force at a UTC instant.</summary>
    public static TimeSpan OffsetAt(DateTimeOffset utc)
    {
        var (start, end) = DstBoundsUtc(utc.UtcDateTime.Year);
        var t = utc.UtcDateTime;
        return t >= start && t < end ? Daylight : Standard;
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant)
    {
        var offset = OffsetAt(instant);
        return new DateTimeOffset(instant.UtcDateTime.Add(offset).Ticks, offset);
    }

    /// <summary>The instant of a New York wall-clock time (trading times are never in the ambiguous or missing hour).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly local)
    {
        var wall = date.ToDateTime(local);
        // Try daylight first, then standard: the right one maps back to the same wall time.
        var asDaylight = new DateTimeOffset(wall, Daylight);
        return OffsetAt(asDaylight) == Daylight ? asDaylight : new DateTimeOffset(wall, Standard);
    }

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    private static (DateTime StartUtc, DateTime EndUtc) DstBoundsUtc(int year)
    {
        DateTime start;
        DateTime end;
        if (year >= 2007)
        {
            start = NthSunday(year, 3, 2);
            end = NthSunday(year, 11, 1);
        }
        else
        {
            start = NthSunday(year, 4, 1);
            end = LastSunday(year, 10);
        }

        // 02:00 local standard time = 07:00 UTC; 02:00 local daylight time = 06:00 UTC.
        return (start.AddHours(7), end.AddHours(6));
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        var offset = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
