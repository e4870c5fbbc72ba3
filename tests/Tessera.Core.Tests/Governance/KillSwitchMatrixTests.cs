using Tessera.Core.Governance;
using Xunit;

namespace Tessera.Core.Tests.Governance;

/// <summary>The Indian-equities seed's kill-switch matrix, one test per row, at its thresholds.</summary>
public sealed class KillSwitchMatrixTests
{
    private static readonly KillSwitchMatrix Matrix = KillSwitchMatrix.SeedDefault(["SPY", "IEF"]);

    private static double[] History()
    {
        // 250 returns: -0.001 × k for k = 1..250 shuffled deterministically; the 13th worst is -0.238 → VaR 23.8 %.
        var r = new double[250];
        for (var k = 1; k <= 250; k++)
        {
            r[(k * 97) % 250] = -0.001 * k;
        }

        return r;
    }

    private static KillSwitchInputs Calm(double today) => new([.. History(), today], [100, 101, 102], TimeSpan.FromMinutes(1), 5);

    [Fact]
    public void Historical_VaR_at_95_percent_over_250_days_is_the_13th_worst_return()
    {
        Assert.Equal(0.238, HistoricalVar.OneDay(History()), 12);
    }

    [Fact]
    public void Row_VaR_breach_fires_when_todays_loss_exceeds_the_VaR_and_halts_adds_and_de_risks()
    {
        Assert.Empty(Matrix.Evaluate(Calm(-0.238)));        // a loss equal to VaR is not a breach
        var firing = Assert.Single(Matrix.Evaluate(Calm(-0.2381)));
        Assert.Equal(KillSwitchCondition.VarBreach, firing.Condition);
        Assert.Equal(0.238, firing.Threshold, 12);
        Assert.Equal([KillSwitchActionKind.HaltAdds, KillSwitchActionKind.DeRisk, KillSwitchActionKind.NotifyAndRecord], firing.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void Row_drawdown_fires_beyond_eight_percent_from_the_peak_and_switches_to_the_base_profile()
    {
        Assert.Empty(Matrix.Evaluate(Calm(0) with { Equity = [100, 125, 115] }));      // exactly 8 %
        var firing = Assert.Single(Matrix.Evaluate(Calm(0) with { Equity = [100, 125, 114.99] }));
        Assert.Equal(KillSwitchCondition.Drawdown, firing.Condition);
        Assert.Contains(firing.Actions, a => a.Kind == KillSwitchActionKind.SwitchToBaseProfile);
        Assert.Equal(0.50, firing.Actions.Single(a => a.Kind == KillSwitchActionKind.DeRisk).Fraction);
    }

    [Fact]
    public void Row_data_outage_fires_after_fifteen_minutes_without_data()
    {
        Assert.Empty(Matrix.Evaluate(Calm(0) with { DataAge = TimeSpan.FromMinutes(15) }));
        Assert.Equal(KillSwitchCondition.DataOutage, Assert.Single(Matrix.Evaluate(Calm(0) with { DataAge = TimeSpan.FromMinutes(15.01) })).Condition);
    }

    [Fact]
    public void Row_slippage_over_budget_restricts_trading_to_the_ETF_list()
    {
        Assert.Empty(Matrix.Evaluate(Calm(0) with { SlippageBps = 25 }));
        var firing = Assert.Single(Matrix.Evaluate(Calm(0) with { SlippageBps = 25.5 }));
        Assert.Equal(["SPY", "IEF"], firing.Actions.Single(a => a.Kind == KillSwitchActionKind.RestrictToList).Symbols);
    }

    [Fact]
    public void Without_250_days_of_history_the_VaR_row_stays_quiet_and_the_others_still_guard()
    {
        var short_ = new KillSwitchInputs([-0.5], [100, 80], TimeSpan.Zero, 0);
        Assert.Equal(KillSwitchCondition.Drawdown, Assert.Single(Matrix.Evaluate(short_)).Condition);
    }

    [Fact]
    public void Rules_outside_the_seed_ranges_are_refused_naming_the_field()
    {
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => new KillSwitchMatrix(
            [new KillSwitchRule(KillSwitchCondition.Drawdown, 0.08, [new KillSwitchAction(KillSwitchActionKind.DeRisk, 0.6)])]));
        Assert.Equal("rules[0].actions.de_risk", e.Field);
        e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => new KillSwitchMatrix(
            [new KillSwitchRule(KillSwitchCondition.VarBreach, 95, [new KillSwitchAction(KillSwitchActionKind.HaltAdds)])]));
        Assert.Equal("rules[0].threshold", e.Field);
    }
}
