using Tessera.Trading.Decisions;
using Xunit;
using static Tessera.Trading.Tests.Decisions.DecisionFixture;

namespace Tessera.Trading.Tests.Decisions;

/// <summary>
/// The four sizing methods against hand-derived values. Kelly returns alternate +0.0101 / -0.0099 (60 days): mean
/// 0.0001, every deviation 0.01, sample variance 60 x 0.0001 / 59, so raw Kelly = 0.25 x 0.0001 x 59 / 0.006 = 0.25 x 59/60.
/// </summary>
public sealed class SizingTests
{
    private const string Kelly = "{policy: {per_order_usd: 1000000, daily_usd: 1000000}, sizing: {method: fractional_kelly, max_fraction: 1}}";

    private static readonly double RawKelly = 0.25 * 59.0 / 60.0;

    private static double[] Alternating(int n, double up, double down)
    {
        var r = new double[n];
        for (var i = 0; i < n; i++)
        {
            r[i] = i % 2 == 0 ? up : down;
        }

        return r;
    }

    private static MarketSnapshot KellyMarket(double vix, double atrPct, DateOnly? vixAsOf = null) => Market() with
    {
        DailyReturns = Alternating(60, 0.0101, -0.0099),
        Vix = vix,
        VixAsOf = vixAsOf ?? new DateOnly(2024, 11, 25),
        AtrPct = atrPct,
    };

    private static AccountSnapshot Rich() => Account() with { BuyingPower = 10_000_000m };

    [Theory]
    [InlineData(15.0, 1.0)]
    [InlineData(20.0, 1.0)]
    [InlineData(30.0, 0.5)]
    [InlineData(39.0, 0.05)]
    public void Kelly_tapers_linearly_with_vix(double vix, double factor)
    {
        var r = Decide(Pipeline(Kelly), Long(), KellyMarket(vix, 0.01), Rich());
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        Assert.Equal(RawKelly, r.Sizing!.KellyRaw, 9);
        Assert.Equal(factor, r.Sizing.VixFactor, 12);
        Assert.Equal(RawKelly * factor, r.Sizing.Fraction, 9);
        var expectedDollars = decimal.Floor((decimal)(RawKelly * factor) * 100_000m * 100m) / 100m;
        Assert.InRange(r.Sizing.Budget, expectedDollars - 0.02m, expectedDollars + 0.02m);
        Assert.Equal(decimal.Floor(r.Sizing.Budget / 50.05m), r.Intent!.Quantity);
    }

    [Fact]
    public void Kelly_is_zero_at_vix_40()
    {
        var r = Decide(Pipeline(Kelly), Long(), KellyMarket(40, 0.01), Rich());
        Assert.Equal(VetoCodes.SizeZero, r.VetoCode);
        Assert.Equal(0.0, r.Sizing!.VixFactor);
    }

    [Theory]
    [InlineData(0.015, 1.0)]
    [InlineData(0.0275, 0.5)]
    [InlineData(0.04, 0.0)]
    public void Kelly_tapers_linearly_with_atr_pct(double atrPct, double factor)
    {
        var r = Decide(Pipeline(Kelly), Long(), KellyMarket(15, atrPct), Rich());
        Assert.Equal(factor, r.Sizing!.AtrFactor, 12);
        Assert.Equal(RawKelly * factor, r.Sizing.Fraction, 9);
        Assert.Equal(factor == 0 ? VetoCodes.SizeZero : null, r.VetoCode);
    }

    [Fact]
    public void Kelly_is_capped_at_max_fraction()
    {
        var r = Decide(Pipeline("{policy: {per_order_usd: 1000000, daily_usd: 1000000}, sizing: {method: fractional_kelly, max_fraction: 0.1}}"), Long(), KellyMarket(15, 0.01), Rich());
        Assert.Equal(0.1, r.Sizing!.KellyRaw, 12);
        Assert.Equal(10_000m, r.Sizing.Budget);
    }

    [Fact]
    public void Kelly_of_a_losing_history_is_zero_and_a_short_uses_minus_mu()
    {
        var losing = Market() with { DailyReturns = Alternating(60, 0.0099, -0.0101), Vix = 15, VixAsOf = new DateOnly(2024, 11, 25) };
        Assert.Equal(VetoCodes.SizeZero, Decide(Pipeline(Kelly), Long(), losing, Rich()).VetoCode);
        var shortKelly = Pipeline("{policy: {per_order_usd: 1000000, daily_usd: 1000000, allow_shorts: true}, sizing: {method: fractional_kelly, max_fraction: 1}}");
        var r = Decide(shortKelly, Short(), losing, Rich());
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        Assert.Equal(RawKelly, r.Sizing!.KellyRaw, 9);
    }

    [Fact]
    public void Stale_vix_is_applied_with_a_visible_notice()
    {
        // Decision on 2024-11-26; stale after 4 days: 2024-11-22 (4 days) is fresh, 2024-11-21 (5 days) is stale.
        var fresh = Decide(Pipeline(Kelly), Long(), KellyMarket(30, 0.01, new DateOnly(2024, 11, 22)), Rich());
        Assert.Empty(fresh.Sizing!.Notices);
        Assert.DoesNotContain("NOTICE", fresh.Decision.Detail, StringComparison.Ordinal);

        var stale = Decide(Pipeline(Kelly), Long(), KellyMarket(30, 0.01, new DateOnly(2024, 11, 21)), Rich());
        Assert.Equal(DecisionOutcome.Approved, stale.Outcome);
        Assert.Equal(0.5, stale.Sizing!.VixFactor, 12);
        var notice = Assert.Single(stale.Sizing.Notices);
        Assert.StartsWith("VIX stale", notice, StringComparison.Ordinal);
        Assert.Contains("NOTICE: VIX stale", stale.Decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_vix_sizes_kelly_to_zero_with_a_notice()
    {
        var r = Decide(Pipeline(Kelly), Long(), KellyMarket(double.NaN, 0.01), Rich());
        Assert.Equal(VetoCodes.SizeZero, r.VetoCode);
        Assert.Contains("VIX missing", r.Decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_little_history_sizes_to_zero()
    {
        var r = Decide(Pipeline(Kelly), Long(), KellyMarket(15, 0.01) with { DailyReturns = Alternating(59, 0.0101, -0.0099) }, Rich());
        Assert.Equal(VetoCodes.SizeZero, r.VetoCode);
        Assert.Contains("needs 60 daily returns, has 59", r.Decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_fraction_is_a_fraction_of_equity_capped_by_the_per_order_budget()
    {
        var r = Decide(Pipeline("{sizing: {method: fixed_fraction, fixed_fraction: 0.01}}"), Long());
        Assert.Equal(1_000m, r.Sizing!.TargetNotional); // 1% of $100,000
        Assert.Equal(75m, r.Sizing.Budget); // the canary per-order budget
        Assert.Equal(1m, r.Intent!.Quantity);
    }

    [Fact]
    public void Volatility_target_uses_realised_annual_volatility()
    {
        // +/-0.01 over 20 days: mean 0, sample sd sqrt(20 x 1e-4 / 19), annualised x sqrt(252).
        var vol = Math.Sqrt(20 * 1e-4 / 19) * Math.Sqrt(252);
        var r = Decide(
            Pipeline("{policy: {per_order_usd: 1000000, daily_usd: 1000000}, sizing: {method: volatility_target, target_annual_vol: 0.15, max_fraction: 1}}"),
            Long(),
            Market() with { DailyReturns = Alternating(20, 0.01, -0.01) },
            Rich());
        Assert.Equal(0.15 / vol, r.Sizing!.Fraction, 12);
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
    }

    [Fact]
    public void Fixed_notional_budget_below_one_share_is_the_counted_veto()
    {
        var r = Decide(Pipeline(), Long(), Market(99.99, 100.00));
        Assert.Equal(VetoCodes.BudgetBelowOneShare, r.VetoCode);
        var tally = new VetoTally();
        tally.Add(r);
        Assert.Equal(1, tally.Count(VetoCodes.BudgetBelowOneShare));
    }
}
