using Tessera.Core.Errors;
using Tessera.Core.Streaming;
using Xunit;

namespace Tessera.Core.Tests.Streaming;

public sealed class HeartbeatMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 13, 14, 30, 0, TimeSpan.Zero);

    private static HeartbeatMonitor Connected(TimeSpan? silence = null)
    {
        var m = new HeartbeatMonitor(new HeartbeatSettings(TimeSpan.FromMilliseconds(500), silence ?? TimeSpan.FromSeconds(10)));
        m.Connected(T0);
        return m;
    }

    [Fact]
    public void Lag_exactly_at_the_threshold_is_healthy_one_millisecond_above_is_a_breach()
    {
        var m = Connected();
        Assert.Null(m.Message(T0.AddSeconds(1), T0.AddSeconds(1).AddMilliseconds(-499)));
        Assert.Null(m.Message(T0.AddSeconds(2), T0.AddSeconds(2).AddMilliseconds(-500)));
        Assert.Equal(TimeSpan.FromMilliseconds(500), m.LastLag);
        var breach = m.Message(T0.AddSeconds(3), T0.AddSeconds(3).AddMilliseconds(-501));
        Assert.NotNull(breach);
        Assert.Equal(HeartbeatBreachKind.Lag, breach.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(501), breach.Measured);
        Assert.Equal(T0.AddSeconds(3), breach.At);
        Assert.Equal(HeartbeatState.Disconnected, m.State);
    }

    [Fact]
    public void Messages_without_an_event_time_keep_the_stream_alive_but_measure_no_lag()
    {
        var m = Connected();
        Assert.Null(m.Check(T0, watching: true));
        Assert.Null(m.Message(T0.AddSeconds(9), null));
        Assert.Equal(TimeSpan.Zero, m.LastLag);
        Assert.Null(m.Check(T0.AddSeconds(18.999), watching: true));
        Assert.Equal(HeartbeatBreachKind.Silence, m.Check(T0.AddSeconds(19), watching: true)!.Kind);
    }

    [Fact]
    public void Silence_breaches_exactly_at_the_timeout_while_watching()
    {
        var m = Connected();
        Assert.Null(m.Check(T0, watching: true));
        Assert.Equal(T0.AddSeconds(10), m.SilenceDeadline);
        Assert.Null(m.Check(T0.AddSeconds(10).AddTicks(-1), watching: true));
        var breach = m.Check(T0.AddSeconds(10), watching: true);
        Assert.Equal(HeartbeatBreachKind.Silence, breach!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), breach.Measured);
        Assert.Null(m.SilenceDeadline);
    }

    [Fact]
    public void Silence_outside_the_session_or_without_a_subscription_never_breaches_and_counts_from_when_watching_starts()
    {
        var m = Connected();
        Assert.Null(m.Check(T0.AddHours(5), watching: false));
        Assert.Null(m.SilenceDeadline);
        var open = T0.AddHours(6);
        Assert.Null(m.Check(open, watching: true));
        Assert.Equal(open.AddSeconds(10), m.SilenceDeadline);
        Assert.Null(m.Check(open.AddSeconds(9.999), watching: true));
        Assert.NotNull(m.Check(open.AddSeconds(10), watching: true));
    }

    [Fact]
    public void A_breach_is_reported_once_and_the_monitor_waits_for_the_next_connection()
    {
        var m = Connected();
        Assert.NotNull(m.ConnectionLost(T0.AddSeconds(1), "closed"));
        Assert.Null(m.ConnectionLost(T0.AddSeconds(2), "closed again"));
        Assert.Null(m.Message(T0.AddSeconds(3), T0));
        Assert.Null(m.Check(T0.AddMinutes(5), watching: true));
        Assert.Equal(1, m.Breaches);

        m.Connected(T0.AddMinutes(6));
        Assert.Equal(HeartbeatState.Healthy, m.State);
        Assert.Null(m.Check(T0.AddMinutes(6).AddSeconds(9), watching: true));
        Assert.NotNull(m.Check(T0.AddMinutes(6).AddSeconds(10), watching: true));
        Assert.Equal(2, m.Breaches);
    }

    [Fact]
    public void A_message_resets_the_silence_clock()
    {
        var m = Connected();
        m.Check(T0, watching: true);
        Assert.Null(m.Message(T0.AddSeconds(8), T0.AddSeconds(8)));
        Assert.Equal(T0.AddSeconds(18), m.SilenceDeadline);
        Assert.Null(m.Check(T0.AddSeconds(17), watching: true));
        Assert.NotNull(m.Check(T0.AddSeconds(18), watching: true));
    }

    [Fact]
    public void Settings_are_validated()
    {
        Assert.Equal("heartbeat_threshold_ms", Assert.Throws<TesseraValidationException>(() => new HeartbeatSettings(TimeSpan.Zero, TimeSpan.FromSeconds(1))).Field);
        Assert.Equal("silence_timeout", Assert.Throws<TesseraValidationException>(() => new HeartbeatSettings(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(999))).Field);
        Assert.Equal(TimeSpan.FromMilliseconds(500), HeartbeatSettings.Default.Threshold);
    }
}
