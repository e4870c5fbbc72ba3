using Tessera.Core.Sep;
using Xunit;

namespace Tessera.Core.Tests.Sep;

/// <summary>The SEP seed's budget: min(balance, margin available) × 0.30, cap min(budget/K, max_per_pos × budget), ramped increases, the 30 % margin gate.</summary>
public sealed class SepBudgetTests
{
    private static readonly SepSettings Settings = new() { K = 3, BudgetFraction = 0.30, MaxPerPosition = 0.5, RampStep = 0.25, MarginGate = 0.30 };

    [Fact]
    public void Budget_is_thirty_percent_of_the_lesser_of_balance_and_margin_available_and_the_cap_is_the_smaller_of_its_two_limits()
    {
        var t = SepBudget.Targets(Settings, new SepAccount(100_000, 80_000, 0), [0.5, 0.3, 0.2, 0], [0, 0, 0, 0]);
        Assert.Equal(24_000, t.Budget, 9);      // 80,000 × 0.30
        Assert.Equal(8_000, t.Cap, 9);          // min(24,000 / 3, 0.5 × 24,000)
        Assert.False(t.MarginGateHolds);
        Assert.Equal([2_000, 2_000, 2_000, 0], t.Exposures); // targets 8,000 / 7,200 / 4,800 ramp by 0.25 × cap
        var one = SepBudget.Targets(Settings with { K = 1 }, new SepAccount(100_000, 80_000, 0), [1], [0]);
        Assert.Equal(12_000, one.Cap, 9);       // min(24,000 / 1, 0.5 × 24,000)
    }

    [Fact]
    public void Increases_ramp_and_reductions_apply_in_full()
    {
        var t = SepBudget.Targets(Settings, new SepAccount(100_000, 80_000, 0), [0.5, 0.3, 0.2, 0], [8_000, 7_000, 5_000, 1_000]);
        Assert.Equal(8_000, t.Exposures[0], 9);
        Assert.Equal(7_200, t.Exposures[1], 9); // +200 is within one ramp step
        Assert.Equal(4_800, t.Exposures[2], 9);
        Assert.Equal(0, t.Exposures[3], 9);
    }

    [Fact]
    public void At_thirty_percent_margin_used_increases_are_held_and_reductions_still_apply()
    {
        double[] weights = [0.5, 0.3, 0.2, 0];
        double[] current = [1_000, 7_000, 5_000, 1_000];
        var at = SepBudget.Targets(Settings, new SepAccount(100_000, 70_000, 30_000), weights, current);
        Assert.True(at.MarginGateHolds);        // 30,000 / (30,000 + 70,000) = 0.30
        Assert.Equal([1_000, 6_300, 4_200, 0], at.Exposures); // budget 21,000, cap 7,000: the increase to 7,000 is held, reductions to 0.3 × 21,000 and 0.2 × 21,000 apply
        var below = SepBudget.Targets(Settings, new SepAccount(100_000, 70_001, 29_999), weights, current);
        Assert.False(below.MarginGateHolds);
        Assert.True(below.Exposures[0] > 1_000);
    }
}
