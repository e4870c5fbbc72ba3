using Tessera.Core.Markets;
using Tessera.Exchange.Time;
using Xunit;

namespace Tessera.Exchange.Tests.Time;

public sealed class VirtualClockTests
{
    private sealed class SteppedTime : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public void A_scaled_clock_runs_speed_times_faster_than_the_wall()
    {
        var wall = new SteppedTime();
        var start = new DateTimeOffset(2013, 10, 7, 13, 30, 0, TimeSpan.Zero);
        var clock = new VirtualClock(start, ClockMode.Scaled, 100, wall);
        wall.Ticks += TimeSpan.FromSeconds(3).Ticks;
        Assert.Equal(start.AddMinutes(5), clock.Now);
        Assert.Equal(TimeSpan.FromSeconds(0.6), clock.WallDelayUntil(start.AddMinutes(6)));
    }

    [Fact]
    public void A_manual_clock_moves_only_forward_when_told()
    {
        var start = new DateTimeOffset(2013, 10, 7, 13, 30, 0, TimeSpan.Zero);
        var clock = new VirtualClock(start, ClockMode.Manual);
        clock.AdvanceTo(start.AddHours(1));
        clock.AdvanceTo(start);
        Assert.Equal(start.AddHours(1), clock.Now);
    }

    [Fact]
    public void Nonsense_speeds_are_refused() =>
        Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => new VirtualClock(DateTimeOffset.UnixEpoch, ClockMode.Scaled, double.NaN));
}
