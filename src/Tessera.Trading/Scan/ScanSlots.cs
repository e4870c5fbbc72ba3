using Tessera.Core.Errors;
using Tessera.Core.Markets;

namespace Tessera.Trading.Scan;

/// <summary>
/// Kobe81's runner schedule (seed 003: scan times such as 09:35, 10:30, 15:55 New York, each run once per day) computed in
/// code, because NCRONTAB schedules are UTC and New York's offset moves with daylight saving: the timers tick every few
/// minutes on weekdays and ask which slot is due. A slot is due from its time until <c>maxLateness</c> after it (a host
/// that was down at 09:35 does not run the 09:35 scan at 14:00), on NYSE trading days only, and never after the close
/// (early closes included). The slot's identity (date + time) names the scan instance, so a slot runs once however
/// many timers see it.
/// </summary>
public static class ScanSlots
{
    public static TimeOnly[] Parse(IReadOnlyList<string> times, string field = "scan.times")
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0)
        {
            throw new TesseraValidationException(field, "[]", "at least one HH:mm New York time");
        }

        var result = new TimeOnly[times.Count];
        for (var i = 0; i < times.Count; i++)
        {
            if (!TimeOnly.TryParseExact(times[i], "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out result[i]))
            {
                throw new TesseraValidationException($"{field}[{i}]", times[i], "must be HH:mm (New York time)");
            }
        }

        Array.Sort(result);
        return result;
    }

    /// <summary>The latest slot due at <paramref name="now"/>, or null.</summary>
    public static ScanSlot? Due(DateTimeOffset now, IReadOnlyList<TimeOnly> slots, TimeSpan maxLateness)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var session = NyseCalendar.SessionAt(now);
        if (session is null || !session.IsRegular(now))
        {
            return null;
        }

        ScanSlot? due = null;
        foreach (var time in slots)
        {
            var at = UsEastern.At(session.Date, time);
            if (at <= now && now - at <= maxLateness && at >= session.Open && at < session.Close)
            {
                due = new ScanSlot(session.Date, time, at);
            }
        }

        return due;
    }
}

/// <summary>One scheduled scan: the trading day and the New York time; <see cref="Id"/> names its orchestration instance.</summary>
public sealed record ScanSlot(DateOnly TradingDay, TimeOnly Time, DateTimeOffset At)
{
    public string Id => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TradingDay:yyyyMMdd}-{Time:HHmm}");
}
