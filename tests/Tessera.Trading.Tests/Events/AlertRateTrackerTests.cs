using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Trading.Tests.Events;

public sealed class AlertRateTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly AlertRule Deferrals = new(EventCodes.OrderDeferred, AlertSeverity.P3, AlertChannels.Webhook, new RateRule(20, TimeSpan.FromHours(1)));

    [Fact]
    public void Twenty_in_an_hour_do_not_fire_the_twenty_first_does_and_the_twenty_second_does_not_fire_again()
    {
        var tracker = new AlertRateTracker();
        for (var i = 0; i < 20; i++)
        {
            Assert.False(tracker.Record(Deferrals, T0.AddMinutes(i * 2), out var count));
            Assert.Equal(i + 1, count);
        }

        Assert.True(tracker.Record(Deferrals, T0.AddMinutes(40), out var atCrossing));
        Assert.Equal(21, atCrossing);
        Assert.False(tracker.Record(Deferrals, T0.AddMinutes(41), out var after));
        Assert.Equal(22, after);
    }

    [Fact]
    public void An_event_exactly_one_hour_old_has_left_the_window_one_tick_younger_has_not()
    {
        var exactly = new AlertRateTracker();
        var tickBefore = new AlertRateTracker();
        foreach (var tracker in new[] { exactly, tickBefore })
        {
            tracker.Record(Deferrals, T0, out _);
            for (var i = 0; i < 19; i++)
            {
                tracker.Record(Deferrals, T0.AddMinutes(30), out _);
            }
        }

        Assert.False(exactly.Record(Deferrals, T0.AddHours(1), out var countExactly));
        Assert.Equal(20, countExactly);
        Assert.True(tickBefore.Record(Deferrals, T0.AddHours(1).AddTicks(-1), out var countTickBefore));
        Assert.Equal(21, countTickBefore);
    }

    [Fact]
    public void After_the_count_falls_back_to_the_threshold_a_new_crossing_fires_again()
    {
        var tracker = new AlertRateTracker();
        for (var i = 0; i < 21; i++)
        {
            tracker.Record(Deferrals, T0, out _);
        }

        // Two hours later the window is empty: 20 more stay quiet, the 21st fires again.
        var later = T0.AddHours(2);
        for (var i = 0; i < 20; i++)
        {
            Assert.False(tracker.Record(Deferrals, later, out _));
        }

        Assert.True(tracker.Record(Deferrals, later, out var count));
        Assert.Equal(21, count);
    }

    [Fact]
    public void Codes_are_counted_separately()
    {
        var tracker = new AlertRateTracker();
        var reconnects = new AlertRule(EventCodes.WsReconnectAttempt, AlertSeverity.P2, AlertChannels.Webhook, new RateRule(2, TimeSpan.FromMinutes(10)));
        for (var i = 0; i < 20; i++)
        {
            tracker.Record(Deferrals, T0, out _);
        }

        Assert.False(tracker.Record(reconnects, T0, out _));
        Assert.False(tracker.Record(reconnects, T0.AddMinutes(5), out _));
        Assert.True(tracker.Record(reconnects, T0.AddMinutes(9), out var third)); // attempt >= 3 within 10 minutes
        Assert.Equal(3, third);
    }
}
