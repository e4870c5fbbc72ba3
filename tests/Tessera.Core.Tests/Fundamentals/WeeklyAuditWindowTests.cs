using Tessera.Core.Errors;
using Tessera.Core.Fundamentals;
using Xunit;

namespace Tessera.Core.Tests.Fundamentals;

/// <summary>As of Monday 2024-01-22: week 0 = Jan 16..22, week 1 = Jan 9..15, week 2 = Jan 2..8; Jan 1 is week 3.</summary>
public sealed class WeeklyAuditWindowTests
{
    private static readonly DateOnly Monday = new(2024, 1, 22);

    private static DateOnly D(int day) => new(2024, 1, day);

    [Fact]
    public void Takes_the_latest_file_of_each_of_the_last_three_weeks_oldest_first()
    {
        var chosen = WeeklyAuditWindow.Select([D(1), D(2), D(5), D(9), D(15), D(16), D(20), D(22)], Monday);
        Assert.Equal([D(5), D(15), D(22)], chosen);
    }

    [Fact]
    public void Week_boundaries_fall_on_exactly_seven_and_fourteen_days_of_age()
    {
        // Jan 16 (age 6) is week 0, Jan 15 (age 7) week 1; Jan 9 (age 13) week 1, Jan 8 (age 14) week 2; Jan 1 (age 21) outside.
        Assert.Equal([D(8), D(15), D(16)], WeeklyAuditWindow.Select([D(1), D(8), D(15), D(16)], Monday));
        Assert.Equal([D(9), D(16)], WeeklyAuditWindow.Select([D(1), D(9), D(16)], Monday));
    }

    [Fact]
    public void A_missing_middle_week_leaves_it_out_and_files_after_the_as_of_date_are_ignored()
    {
        Assert.Equal([D(3), D(22)], WeeklyAuditWindow.Select([D(3), D(22), D(23)], Monday));
    }

    [Fact]
    public void No_file_in_week_zero_is_a_typed_error()
    {
        var e = Assert.Throws<TesseraValidationException>(() => WeeklyAuditWindow.Select([D(10), D(15)], Monday));
        Assert.Equal("rejected_tickers", e.Field);
        Assert.Throws<TesseraValidationException>(() => WeeklyAuditWindow.Select([], Monday));
    }

    /// <summary>A gap week means no ticker is "persistent" even when it is rejected in all the files read.</summary>
    [Fact]
    public void With_a_missing_week_nothing_is_persistent()
    {
        var weeks = WeeklyAuditWindow.Select([D(3), D(22)], Monday)
            .Select(d => new WeekOfRejections(d, [new TickerRejection("A", RejectionCategory.MissingFact, "f", "r")]))
            .ToList();
        Assert.Empty(WeeklyDataAudit.Run(weeks, 10, new HashSet<string>()).PersistentTickers);
    }
}
