using Tessera.Core.Governance;
using Xunit;

namespace Tessera.Core.Tests.Governance;

/// <summary>Clean canary days: NYSE sessions opened after the entry and closed by now, counted by hand on the 2026 calendar.</summary>
public sealed class CanaryDaysTests
{
    /// <summary>Monday 2026-03-02 10:00 New York (EST, UTC-5).</summary>
    private static readonly DateTimeOffset Monday10 = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_entry_session_and_an_open_session_do_not_count()
    {
        Assert.Equal(0, CanaryDays.Clean(Monday10, Monday10.AddHours(6)));               // Monday closes: entered mid-session
        Assert.Equal(0, CanaryDays.Clean(Monday10, Monday10.AddDays(1)));                // Tuesday 10:00: open
        Assert.Equal(1, CanaryDays.Clean(Monday10, Monday10.AddDays(1).AddHours(6)));    // Tuesday closed at 16:00
    }

    [Fact]
    public void Weekends_and_daylight_saving_are_on_the_calendar()
    {
        // Next Monday 11:00 EDT (DST began Sunday 2026-03-08): Tue-Fri closed; Monday closes 20:00 UTC.
        Assert.Equal(4, CanaryDays.Clean(Monday10, Monday10.AddDays(7)));
        Assert.Equal(4, CanaryDays.Clean(Monday10, new DateTimeOffset(2026, 3, 9, 19, 59, 59, TimeSpan.Zero)));
        Assert.Equal(5, CanaryDays.Clean(Monday10, new DateTimeOffset(2026, 3, 9, 20, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_holiday_is_not_a_canary_day()
    {
        // Entered Wednesday 2026-04-01 after the close; Thursday closes, Good Friday (04-03) is a holiday, Monday closes.
        var since = new DateTimeOffset(2026, 4, 1, 21, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, CanaryDays.Clean(since, new DateTimeOffset(2026, 4, 6, 21, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, CanaryDays.Clean(since, since));
        Assert.Equal(0, CanaryDays.Clean(since, since.AddDays(-1)));
    }
}
