using Tessera.Core.Sep;
using Xunit;

namespace Tessera.Core.Tests.Sep;

/// <summary>
/// The live desk's pure step: budget and cap at their boundaries on both sides of min(balance, margin available),
/// the margin gate left to the order path (reported, not applied), stale holds, no data, and state carried over.
/// </summary>
public sealed class SepLiveStepTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 13, 15, 0, 0, TimeSpan.Zero);
    private static readonly SepMetrics Good = new(1, 1, 0, 0);   // score 1
    private static readonly SepMetrics Half = new(0.5, 0.5, 0, 0); // 0.3 + 0.1 + 0.15 + 0.05 = 0.6
    private static readonly SepSettings Settings = new() { K = 2, FillToK = false, RampStep = 1 };

    [Fact]
    public void Margin_available_binds_the_budget_when_it_is_below_the_balance()
    {
        // min(100,000, 40,000) x 0.30 = 12,000; cap = min(12,000 / 2, 0.5 x 12,000) = 6,000; weights 1/1.6 and 0.6/1.6.
        var r = SepLiveStep.Evaluate(Settings, null, T0, T0, [Good, Half], new SepAccount(100_000, 40_000, 0), [0.0, 0.0]);
        Assert.Equal(12_000, r.Targets.Budget, 9);
        Assert.Equal(6_000, r.Targets.Cap, 9);
        Assert.Equal(6_000, r.Targets.Exposures[0], 9);               // 0.625 x 12,000 = 7,500 capped at 6,000
        Assert.Equal(0.375 * 12_000, r.Targets.Exposures[1], 9);      // 4,500 under the cap
    }

    [Fact]
    public void The_balance_binds_at_equality_and_max_per_pos_binds_below_budget_over_K()
    {
        var settings = Settings with { MaxPerPosition = 0.3 };
        var r = SepLiveStep.Evaluate(settings, null, T0, T0, [Good, Good], new SepAccount(50_000, 50_000, 0), [0.0, 0.0]);
        Assert.Equal(15_000, r.Targets.Budget, 9);  // min(50,000, 50,000) x 0.30
        Assert.Equal(4_500, r.Targets.Cap, 9);      // min(7,500, 0.3 x 15,000)
        Assert.All(r.Targets.Exposures, x => Assert.Equal(4_500, x, 9));
    }

    [Fact]
    public void The_margin_gate_is_reported_at_exactly_30_percent_but_left_to_the_order_path()
    {
        // used / (used + available) = 30,000 / 100,000 = 0.30: the gate's verdict is "hold", yet increases are still
        // targeted, because live the order path's margin gate vetoes them (and records the veto).
        var r = SepLiveStep.Evaluate(Settings, null, T0, T0, [Good, Good], new SepAccount(100_000, 70_000, 30_000), [0.0, 0.0]);
        Assert.True(r.Targets.MarginGateHolds);
        Assert.All(r.Targets.Exposures, x => Assert.Equal(10_500, x, 9)); // min(100,000, 70,000) x 0.3 / 2

        var below = SepLiveStep.Evaluate(Settings, null, T0, T0, [Good, Good], new SepAccount(100_000, 70_001, 29_999), [0.0, 0.0]);
        Assert.False(below.Targets.MarginGateHolds);

        // The backtest's budget still applies the gate itself (there is no order path in a replay).
        var backtest = SepBudget.Targets(Settings, new SepAccount(100_000, 70_000, 30_000), [0.5, 0.5], [1_000.0, 0.0]);
        Assert.Equal([1_000.0, 0.0], backtest.Exposures);
    }

    [Fact]
    public void Reductions_apply_in_full_and_increases_ramp()
    {
        var settings = Settings with { RampStep = 0.25 };
        // budget 30,000, cap 15,000, step 3,750: instrument 0 at 1,000 rises to 4,750; instrument 1 held 20,000 falls to 15,000 at once.
        var r = SepLiveStep.Evaluate(settings, null, T0, T0, [Good, Good], new SepAccount(100_000, 200_000, 0), [1_000.0, 20_000.0]);
        Assert.Equal(4_750, r.Targets.Exposures[0], 9);
        Assert.Equal(15_000, r.Targets.Exposures[1], 9);
    }

    [Fact]
    public void Stale_metrics_hold_the_previous_weights_from_the_carried_state()
    {
        var first = SepLiveStep.Evaluate(Settings, null, T0, T0, [Good, Half], new SepAccount(100_000, 200_000, 0), [0.0, 0.0]);
        Assert.False(first.NoData);

        // Four minutes on, the metrics are from T0 (stale_after 3 min): whatever they say now, the weights of T0 are held.
        var later = T0.AddMinutes(4);
        var held = SepLiveStep.Evaluate(Settings, first.State, later, T0, [Half, Good], new SepAccount(100_000, 200_000, 0), [0.0, 0.0]);
        Assert.True(held.Allocation.HeldStale);
        Assert.Equal(first.Allocation.Weights, held.Allocation.Weights);
        Assert.Equal(later, held.Allocation.At);
    }

    [Fact]
    public void Stale_metrics_without_previous_weights_change_nothing()
    {
        var r = SepLiveStep.Evaluate(Settings, null, T0.AddMinutes(10), T0, [Good, Good], new SepAccount(100_000, 200_000, 0), [2_000.0, 0.0]);
        Assert.True(r.NoData);
        Assert.Equal([2_000.0, 0.0], r.Targets.Exposures);
        Assert.All(r.State.Admitted, a => Assert.False(a));
    }

    [Fact]
    public void The_state_carries_the_exit_cooldown_across_evaluations()
    {
        var settings = Settings with { ExitCooldown = TimeSpan.FromMinutes(10) };
        var bad = new SepMetrics(0, 0, 1, 1);
        var admitted = SepLiveStep.Evaluate(settings, null, T0, T0, [Good, Good], new SepAccount(100_000, 200_000, 0), [0.0, 0.0]);
        var during = SepLiveStep.Evaluate(settings, admitted.State, T0.AddMinutes(9), T0.AddMinutes(9), [bad, Good], new SepAccount(100_000, 200_000, 0), [0.0, 0.0]);
        Assert.Equal(SepSelection.Guarded, during.Allocation.Selection[0]);
        Assert.Equal(T0, during.State.ChangedAt[0]);
        var after = SepLiveStep.Evaluate(settings, during.State, T0.AddMinutes(10), T0.AddMinutes(10), [bad, Good], new SepAccount(100_000, 200_000, 0), [0.0, 0.0]);
        Assert.Equal(SepSelection.None, after.Allocation.Selection[0]);
        Assert.Equal(T0.AddMinutes(10), after.State.ChangedAt[0]);
    }
}
