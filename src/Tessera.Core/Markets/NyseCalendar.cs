namespace Tessera.Core.Markets;

/// <summary>
/// The NYSE calendar by rule: weekends, the exchange holidays (New Year, Martin Luther King, Washington's Birthday,
/// Good Friday, Memorial Day, Juneteenth from 2022, Independence Day, Labor Day, Thanksgiving, Christmas, with the
/// Saturday/Sunday observance rules; New Year on a Saturday is not observed), the special closures since 2001, and
/// the 13:00 early closes (July 3 and December 24 when they fall Monday to Thursday, the day after Thanksgiving).
/// </summary>
public static class NyseCalendar
{
    private static readonly TimeOnly PreOpenTime = new(4, 0);
    private static readonly TimeOnly OpenTime = new(9, 30);
    private static readonly TimeOnly CloseTime = new(16, 0);
    private static readonly TimeOnly EarlyCloseTime = new(13, 0);
    private static readonly TimeOnly PostCloseTime = new(20, 0);
    private static readonly TimeOnly EarlyPostCloseTime = new(17, 0);

    private static readonly HashSet<DateOnly> SpecialClosures =
    [
        new(2001, 9, 11), new(2001, 9, 12), new(2001, 9, 13), new(2001, 9, 14),
        new(2004, 6, 11), new(2007, 1, 2), new(2012, 10, 29), new(2012, 10, 30),
        new(2018, 12, 5), new(2025, 1, 9),
    ];

    public static bool IsTradingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date) && !SpecialClosures.Contains(date);

    public static bool IsEarlyClose(DateOnly date)
    {
        if (!IsTradingDay(date))
        {
            return false;
        }

        var weekdayMonThu = date.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday;
        return (date.Month == 7 && date.Day == 3 && weekdayMonThu)
            || (date.Month == 12 && date.Day == 24 && weekdayMonThu)
            || (date.Month == 11 && date.DayOfWeek == DayOfWeek.Friday && date.AddDays(-1) == NthWeekday(date.Year, 11, DayOfWeek.Thursday, 4));
    }

    public static TradingSession? Session(DateOnly date)
    {
        if (!IsTradingDay(date))
        {
            return null;
        }

        var early = IsEarlyClose(date);
        return new TradingSession(
            date,
            UsEastern.At(date, PreOpenTime),
            UsEastern.At(date, OpenTime),
            UsEastern.At(date, early ? EarlyCloseTime : CloseTime),
            UsEastern.At(date, early ? EarlyPostCloseTime : PostCloseTime),
            early);
    }

    /// <summary>The session whose extended hours contain <paramref name="t"/>, or null.</summary>
    public static TradingSession? SessionAt(DateTimeOffset t)
    {
        var s = Session(UsEastern.DateOf(t));
        return s is not null && s.IsExtended(t) ? s : null;
    }

    /// <summary>The first session whose regular close is after <paramref name="t"/> (today's if not yet closed).</summary>
    public static TradingSession NextSessionClosingAfter(DateTimeOffset t)
    {
        var date = UsEastern.DateOf(t);
        for (var i = 0; i < 30; i++)
        {
            if (Session(date.AddDays(i)) is { } s && s.Close > t)
            {
                return s;
            }
        }

        throw new InvalidOperationException("no trading session within 30 days");
    }

    /// <summary>The first session whose regular open is at or after <paramref name="t"/>.</summary>
    public static TradingSession NextSessionOpeningAfter(DateTimeOffset t)
    {
        var date = UsEastern.DateOf(t);
        for (var i = 0; i < 30; i++)
        {
            if (Session(date.AddDays(i)) is { } s && s.Open >= t)
            {
                return s;
            }
        }

        throw new InvalidOperationException("no trading session within 30 days");
    }

    /// <summary>The last session that closed at or before <paramref name="t"/>.</summary>
    public static TradingSession? PreviousSessionClosedBy(DateTimeOffset t)
    {
        var date = UsEastern.DateOf(t);
        for (var i = 0; i < 30; i++)
        {
            if (Session(date.AddDays(-i)) is { } s && s.Close <= t)
            {
                return s;
            }
        }

        return null;
    }

    public static IEnumerable<TradingSession> Sessions(DateOnly start, DateOnly end)
    {
        for (var d = start; d <= end; d = d.AddDays(1))
        {
            if (Session(d) is { } s)
            {
                yield return s;
            }
        }
    }

    /// <summary>Settlement: T+2 before 2024-05-28, T+1 from then on (trading days).</summary>
    public static DateOnly SettlementDate(DateOnly tradeDate)
    {
        var days = tradeDate < new DateOnly(2024, 5, 28) ? 2 : 1;
        var d = tradeDate;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (IsTradingDay(d))
            {
                days--;
            }
        }

        return d;
    }

    public static bool IsHoliday(DateOnly date)
    {
        var y = date.Year;
        return date == NewYear(y)
            || (y >= 1998 && date == NthWeekday(y, 1, DayOfWeek.Monday, 3))
            || date == NthWeekday(y, 2, DayOfWeek.Monday, 3)
            || date == Easter(y).AddDays(-2)
            || date == LastWeekday(y, 5, DayOfWeek.Monday)
            || (y >= 2022 && date == Observed(new DateOnly(y, 6, 19)))
            || date == Observed(new DateOnly(y, 7, 4))
            || date == NthWeekday(y, 9, DayOfWeek.Monday, 1)
            || date == NthWeekday(y, 11, DayOfWeek.Thursday, 4)
            || date == Observed(new DateOnly(y, 12, 25));
    }

    /// <summary>Saturday holidays move to Friday, Sunday holidays to Monday.</summary>
    private static DateOnly Observed(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(-1),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    /// <summary>NYSE does not close on Friday December 31 for a Saturday New Year (Rule 7.2).</summary>
    private static DateOnly NewYear(int y)
    {
        var d = new DateOnly(y, 1, 1);
        return d.DayOfWeek == DayOfWeek.Sunday ? d.AddDays(1) : d;
    }

    private static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }

    /// <summary>Western Easter Sunday (anonymous Gregorian algorithm).</summary>
    internal static DateOnly Easter(int y)
    {
        var a = y % 19;
        var b = y / 100;
        var c = y % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(y, month, day);
    }
}
