using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Tessera.Trading.Configuration;
using Tessera.Trading.Decisions;
using Xunit;
using static Tessera.Trading.Tests.Decisions.DecisionFixture;

namespace Tessera.Trading.Tests.Decisions;

public sealed class RebalancerTests
{
    private static readonly Dictionary<string, double> Prices = new(StringComparer.Ordinal) { ["AAA"] = 100, ["BBB"] = 50, ["CCC"] = 20 };

    private static RebalanceRequest Request(Dictionary<string, double> weights, Dictionary<string, decimal>? positions = null, decimal equity = 10_000m) =>
        new(weights, positions ?? new Dictionary<string, decimal>(StringComparer.Ordinal), Prices, equity, "rebalance");

    private static RebalanceSettings Settings(double cash = 0.02, double turnover = 2, decimal minTrade = 10m, int lot = 1) => new(cash, turnover, minTrade, lot);

    [Fact]
    public void Differences_with_a_cash_buffer_sells_first_then_buys()
    {
        // Investable 9,800: AAA 50% -> 4,900 / 100 = 49 shares; CCC 20% -> 1,960 / 20 = 98 shares held 100 -> sell 2;
        // BBB not in the targets, 10 held -> full exit.
        var plan = Rebalancer.Plan(
            Request(new(StringComparer.Ordinal) { ["AAA"] = 0.5, ["CCC"] = 0.2 }, new(StringComparer.Ordinal) { ["BBB"] = 10m, ["CCC"] = 100m }),
            Settings(),
            fractionalShares: false);
        Assert.Equal(
            [new TargetOrder("BBB", OrderSide.Sell, 10m, "rebalance"), new TargetOrder("CCC", OrderSide.Sell, 2m, "rebalance"), new TargetOrder("AAA", OrderSide.Buy, 49m, "rebalance")],
            plan.Orders);
        Assert.Equal(1.0, plan.TurnoverScale);
        Assert.Equal(0.544m, plan.TurnoverBefore); // (4,900 + 500 + 40) / 10,000
    }

    [Fact]
    public void Turnover_above_the_limit_scales_every_trade_by_the_same_factor()
    {
        // Raw turnover (4,900 + 500) / 10,000 = 0.54 > 0.27: scale 0.5. AAA 2,450 / 100 = 24.5 -> 24; BBB -250 / 50 = -5.
        var plan = Rebalancer.Plan(
            Request(new(StringComparer.Ordinal) { ["AAA"] = 0.5 }, new(StringComparer.Ordinal) { ["BBB"] = 10m }),
            Settings(turnover: 0.27),
            fractionalShares: false);
        Assert.Equal(0.5, plan.TurnoverScale, 12);
        Assert.Equal([new TargetOrder("BBB", OrderSide.Sell, 5m, "rebalance"), new TargetOrder("AAA", OrderSide.Buy, 24m, "rebalance")], plan.Orders);
        Assert.True(plan.TurnoverAfter <= 0.27m);
        Assert.Contains(plan.Notes, n => n.Contains("scaled by 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Lots_round_toward_zero()
    {
        var plan = Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["AAA"] = 0.5 }), Settings(lot: 10), fractionalShares: false);
        Assert.Equal(40m, Assert.Single(plan.Orders).Quantity); // 49 -> 40
    }

    [Fact]
    public void Fractional_profiles_get_six_decimals()
    {
        var plan = Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["CCC"] = 0.333 }), Settings(cash: 0), fractionalShares: true);
        Assert.Equal(166.5m, Assert.Single(plan.Orders).Quantity); // 3,330 / 20
        var odd = Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["AAA"] = 0.1234567 }), Settings(cash: 0), fractionalShares: true);
        Assert.Equal(12.345670m, Assert.Single(odd.Orders).Quantity);
    }

    [Theory]
    [InlineData("10.01", 0)]
    [InlineData("10", 1)]
    public void Trades_below_the_minimum_are_dropped(string minTrade, int orders)
    {
        // Held 48 AAA, target 4,900 -> buy 1 share = $100; min trade just above / at it.
        var plan = Rebalancer.Plan(
            Request(new(StringComparer.Ordinal) { ["AAA"] = 0.5 }, new(StringComparer.Ordinal) { ["AAA"] = 48m }),
            Settings(minTrade: decimal.Parse(minTrade, System.Globalization.CultureInfo.InvariantCulture) * 10m),
            fractionalShares: false);
        Assert.Equal(orders, plan.Orders.Count);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Bad_weights_are_typed_errors(double w)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["AAA"] = w }), Settings(), false));
        Assert.Equal("target_weights.AAA", ex.Field);
    }

    [Fact]
    public void Weights_above_one_in_total_missing_prices_and_hostile_symbols_are_typed_errors()
    {
        Assert.Equal("target_weights", Assert.Throws<TesseraValidationException>(() => Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["AAA"] = 0.6, ["BBB"] = 0.5 }), Settings(), false)).Field);
        Assert.Equal("prices.ZZZ", Assert.Throws<TesseraValidationException>(() => Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["ZZZ"] = 0.1 }), Settings(), false)).Field);
        Assert.Equal("target_weights", Assert.Throws<TesseraValidationException>(() => Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["../x"] = 0.1 }), Settings(), false)).Field);
        Assert.Equal("equity", Assert.Throws<TesseraValidationException>(() => Rebalancer.Plan(Request(new(StringComparer.Ordinal) { ["AAA"] = 0.1 }, equity: 0m), Settings(), false)).Field);
    }

    [Fact]
    public void Every_rebalance_order_goes_through_the_same_gates()
    {
        var plan = Rebalancer.Plan(
            Request(new(StringComparer.Ordinal) { ["AAA"] = 0.5 }, new(StringComparer.Ordinal) { ["BBB"] = 10m }),
            Settings(),
            fractionalShares: false);
        var account = Account(("BBB", 10m));
        var sell = Decide(Pipeline(), plan.Orders[0], Market(49.99, 50.00) with { }, account);
        var buy = Decide(Pipeline(), plan.Orders[1], Market(99.99, 100.00), account);
        Assert.Equal(DecisionOutcome.Approved, sell.Outcome); // a reduction: past the budgets
        Assert.True(sell.Intent!.ReducesPosition);
        Assert.Equal(VetoCodes.PerOrderLimit, buy.VetoCode); // 49 x 100.10 far above the canary's $75
    }
}
