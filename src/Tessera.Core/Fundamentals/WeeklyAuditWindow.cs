using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Fundamentals;

/// <summary>
/// Which gatekeeper files SOP-03's Monday audit reads: week 0 is the 7 days ending on the as-of date, week 1 the 7 days
/// before, week 2 the 7 before that; from each week the latest file. Only these three weeks are read, so "rejected 3
/// weeks running" means three consecutive calendar weeks (a missing week breaks the run). Week 0 must have a file: the
/// audit of a week in which the gatekeeper never ran is refused rather than silently reporting an older week.
/// </summary>
public static class WeeklyAuditWindow
{
    public const int DaysPerWeek = 7;

    /// <summary>The chosen dates, oldest first (1 to <see cref="WeeklyDataAudit.PersistentWeeks"/> of them; the last is week 0's).</summary>
    public static IReadOnlyList<DateOnly> Select(IEnumerable<DateOnly> fileDates, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(fileDates);
        var latest = new DateOnly?[WeeklyDataAudit.PersistentWeeks];
        foreach (var date in fileDates)
        {
            var age = asOf.DayNumber - date.DayNumber;
            if (age < 0)
            {
                continue;
            }

            var week = age / DaysPerWeek;
            if (week < latest.Length && (latest[week] is null || date > latest[week]))
            {
                latest[week] = date;
            }
        }

        if (latest[0] is null)
        {
            throw new TesseraValidationException(
                "rejected_tickers",
                "none since " + asOf.AddDays(1 - DaysPerWeek).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"the weekly audit needs a gatekeeper file dated within the {DaysPerWeek} days up to {asOf:yyyy-MM-dd} (run 'tessera fundamentals check')");
        }

        var chosen = new List<DateOnly>(latest.Length);
        for (var week = latest.Length - 1; week >= 0; week--)
        {
            if (latest[week] is { } d)
            {
                chosen.Add(d);
            }
        }

        return chosen;
    }
}
