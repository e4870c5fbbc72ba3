using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Streaming;
using Xunit;

namespace Tessera.Core.Tests.Streaming;

public sealed class ReconnectionScheduleTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(300);

    [Fact]
    public void The_first_attempt_waits_exactly_the_base_whatever_the_jitter()
    {
        for (ulong seed = 0; seed < 200; seed++)
        {
            Assert.Equal(OneSecond, ReconnectionSchedule.Default(seed).Next(1, connectionLimited: false));
        }
    }

    [Fact]
    public void Each_delay_is_the_exponential_ceiling_times_the_seeded_equal_jitter()
    {
        // Reference computed by hand from the same seeded generator: ceiling_n = min(300, 2^(n-1)) s, delay = max(1 s, ceiling x (0.5 + 0.5 u)).
        var schedule = ReconnectionSchedule.Default(42);
        var u = new DeterministicRandom(42);
        double[] ceilings = [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300];
        for (var n = 1; n <= ceilings.Length; n++)
        {
            var expected = Math.Max(1.0, ceilings[n - 1] * (0.5 + (0.5 * u.NextDouble())));
            Assert.Equal(expected, schedule.Next(n, connectionLimited: false).TotalSeconds, 6);
        }
    }

    [Fact]
    public void Delays_stay_within_one_and_three_hundred_seconds_and_never_give_up()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var schedule = ReconnectionSchedule.Default(seed);
            for (var n = 1; n <= 500; n++)
            {
                var d = schedule.Next(n, connectionLimited: n % 7 == 0);
                Assert.InRange(d, OneSecond, Ceiling);
                if (n >= 10)
                {
                    Assert.True(d >= TimeSpan.FromSeconds(150), $"attempt {n} waited {d}");
                }
            }

            Assert.InRange(schedule.Next(int.MaxValue, connectionLimited: false), TimeSpan.FromSeconds(150), Ceiling);
        }
    }

    [Fact]
    public void A_connection_limit_refusal_waits_at_least_the_floor()
    {
        var schedule = ReconnectionSchedule.Default(7);
        Assert.Equal(TimeSpan.FromSeconds(15), schedule.Next(1, connectionLimited: true));
        Assert.Equal(TimeSpan.FromSeconds(15), schedule.Next(2, connectionLimited: true));
        Assert.True(schedule.Next(10, connectionLimited: true) >= TimeSpan.FromSeconds(150));
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_another_seed_another()
    {
        var a = ReconnectionSchedule.Default(3);
        var b = ReconnectionSchedule.Default(3);
        var c = ReconnectionSchedule.Default(4);
        var differs = false;
        for (var n = 2; n <= 30; n++)
        {
            var x = a.Next(n, false);
            Assert.Equal(x, b.Next(n, false));
            differs |= x != c.Next(n, false);
        }

        Assert.True(differs);
    }

    [Fact]
    public void Bad_settings_and_attempts_are_typed_errors_naming_the_field()
    {
        Assert.Equal("ws_base_backoff", Assert.Throws<TesseraValidationException>(() => new ReconnectionSchedule(TimeSpan.Zero, Ceiling, TimeSpan.Zero, 1)).Field);
        Assert.Equal("ws_max_backoff", Assert.Throws<TesseraValidationException>(() => new ReconnectionSchedule(OneSecond, TimeSpan.FromMilliseconds(999), TimeSpan.Zero, 1)).Field);
        Assert.Equal("connection_limit_backoff", Assert.Throws<TesseraValidationException>(() => new ReconnectionSchedule(OneSecond, Ceiling, TimeSpan.FromSeconds(301), 1)).Field);
        Assert.Equal("failures", Assert.Throws<TesseraValidationException>(() => ReconnectionSchedule.Default(1).Next(0, false)).Field);
    }
}
