using Tessera.Core.Sep;
using Xunit;

namespace Tessera.Core.Tests.Sep;

/// <summary>The SEP seed's guards (C ≥ min, S ≥ min, R ≤ max, H ≤ max) with hysteresis and cooldowns, at their boundaries.</summary>
public sealed class SepGuardsTests
{
    private static readonly SepSettings Settings = new()
    {
        CoherenceMin = 0.2,
        StabilityMin = 0.45,
        RuptureMax = 0.5,
        EntropyMax = 0.95,
        Hysteresis = 0.05,
        EntryCooldown = TimeSpan.FromMinutes(15),
        ExitCooldown = TimeSpan.FromMinutes(5),
    };

    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private static SepMetrics Good => new(0.5, 0.6, 0.2, 0.5);

    [Fact]
    public void Each_bound_admits_exactly_at_the_threshold_and_refuses_one_tick_past_it()
    {
        var g = new SepGuards(Settings);
        Assert.True(g.PassesEntry(Good with { Coherence = 0.2 }));
        Assert.False(g.PassesEntry(Good with { Coherence = 0.2 - 1e-12 }));
        Assert.True(g.PassesEntry(Good with { Stability = 0.45 }));
        Assert.False(g.PassesEntry(Good with { Stability = 0.45 - 1e-12 }));
        Assert.True(g.PassesEntry(Good with { Rupture = 0.5 }));
        Assert.False(g.PassesEntry(Good with { Rupture = 0.5 + 1e-12 }));
        Assert.True(g.PassesEntry(Good with { Entropy = 0.95 }));
        Assert.False(g.PassesEntry(Good with { Entropy = 0.95 + 1e-12 }));
    }

    [Fact]
    public void An_admitted_instrument_stays_inside_the_hysteresis_band_and_is_dropped_past_it()
    {
        // Binary-exact bounds, so the boundary is the rule's and not a rounding of 0.2 − 0.05.
        var g = new SepGuards(Settings with { CoherenceMin = 0.25, Hysteresis = 0.125 });
        Assert.True(g.Update(Good, T0));
        var later = T0 + TimeSpan.FromMinutes(10); // past the exit cooldown
        Assert.True(g.Update(Good with { Coherence = 0.125 }, later));          // 0.25 − 0.125: still held
        Assert.False(g.Update(Good with { Coherence = 0.125 - 1e-9 }, later));  // past the band: dropped
    }

    [Fact]
    public void The_exit_cooldown_holds_an_admitted_instrument_and_the_entry_cooldown_keeps_a_dropped_one_out_in_event_time()
    {
        var g = new SepGuards(Settings);
        Assert.True(g.Update(Good, T0));
        var bad = Good with { Rupture = 0.9 };
        Assert.True(g.Update(bad, T0 + TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1))); // minimum hold not over
        var dropped = T0 + TimeSpan.FromMinutes(5);
        Assert.False(g.Update(bad, dropped));
        Assert.False(g.Update(Good, dropped + TimeSpan.FromMinutes(15) - TimeSpan.FromMilliseconds(1))); // cooling down
        Assert.True(g.Update(Good, dropped + TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Missing_metrics_count_as_failing_once_the_minimum_hold_is_over()
    {
        var g = new SepGuards(Settings);
        Assert.False(g.Update(null, T0));
        Assert.True(g.Update(Good, T0));
        Assert.True(g.Update(null, T0 + TimeSpan.FromMinutes(1)));
        Assert.False(g.Update(null, T0 + TimeSpan.FromMinutes(5)));
    }
}
