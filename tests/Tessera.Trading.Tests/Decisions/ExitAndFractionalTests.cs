using Tessera.Alpaca.Model;
using Tessera.Trading.Decisions;
using Xunit;
using static Tessera.Trading.Tests.Decisions.DecisionFixture;

namespace Tessera.Trading.Tests.Decisions;

public sealed class ExitAndFractionalTests
{
    [Fact]
    public void Exit_of_a_long_sells_it_all_at_bid_times_0999_past_every_budget()
    {
        // 40 shares x 49.94 = $1,997.60: above the $75 per-order and $1,000 daily budgets, and the spread is wide.
        var r = Decide(Pipeline(), Exit(), Market(49.99, 50.10), Account(("AAPL", 40m)) with { NotionalUsedToday = 1000m });
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        Assert.Equal(OrderSide.Sell, r.Intent!.Side);
        Assert.Equal(40m, r.Intent.Quantity);
        Assert.Equal(49.94m, r.Intent.LimitPrice);
        Assert.Equal(TimeInForce.Ioc, r.Intent.TimeInForce);
        Assert.True(r.Intent.ReducesPosition);
        Assert.Null(r.Sizing);
    }

    [Fact]
    public void Exit_of_a_short_buys_to_cover()
    {
        var r = Decide(Pipeline(), Exit(), account: Account(("AAPL", -5m)));
        Assert.Equal(OrderSide.Buy, r.Intent!.Side);
        Assert.Equal(5m, r.Intent.Quantity);
        Assert.Equal(50.05m, r.Intent.LimitPrice);
    }

    [Fact]
    public void Exit_of_a_fractional_position_is_a_day_market_order_for_the_exact_quantity()
    {
        var r = Decide(Pipeline(), Exit(), account: Account(("AAPL", 2.5m)));
        Assert.Equal(2.5m, r.Intent!.Quantity);
        Assert.Equal(OrderType.Market, r.Intent.Type);
        Assert.Equal(TimeInForce.Day, r.Intent.TimeInForce);
        Assert.Null(r.Intent.LimitPrice);
    }

    [Fact]
    public void Exit_without_a_position_and_entries_against_one_are_vetoed()
    {
        Assert.Equal(VetoCodes.NothingToExit, Decide(Pipeline(), Exit()).VetoCode);
        Assert.Equal(VetoCodes.OppositePosition, Decide(Pipeline(), Long(), account: Account(("AAPL", -1m))).VetoCode);
        Assert.Equal(VetoCodes.OppositePosition, Decide(Pipeline("{policy: {allow_shorts: true}}"), Short(), account: Account(("AAPL", 1m))).VetoCode);
    }

    [Fact]
    public void Entries_do_not_pyramid_and_an_open_order_blocks_any_new_order_for_its_symbol()
    {
        Assert.Equal(VetoCodes.PositionHeld, Decide(Pipeline(), Long(), account: Account(("AAPL", 3m))).VetoCode);
        Assert.Equal(VetoCodes.PositionHeld, Decide(Pipeline("{policy: {allow_shorts: true}}"), Short(), account: Account(("AAPL", -3m))).VetoCode);

        var pending = Account(("AAPL", 3m)) with { OpenOrderSymbols = new HashSet<string>(StringComparer.Ordinal) { "AAPL" } };
        Assert.Equal(VetoCodes.OrderPending, Decide(Pipeline(), Exit(), account: pending).VetoCode);
        Assert.Equal(VetoCodes.OrderPending, Decide(Pipeline(), Long(), account: Account() with { OpenOrderSymbols = pending.OpenOrderSymbols }).VetoCode);

        // Another symbol's open order changes nothing for this one.
        var other = Account(("AAPL", 3m)) with { OpenOrderSymbols = new HashSet<string>(StringComparer.Ordinal) { "MSFT" } };
        Assert.NotNull(Decide(Pipeline(), Exit(), account: other).Intent);
    }

    [Fact]
    public void Target_order_reducing_a_position_passes_and_crossing_zero_is_vetoed()
    {
        var sell = new TargetOrder("AAPL", OrderSide.Sell, 10m, "rebalance");
        Assert.True(Decide(Pipeline(), sell, account: Account(("AAPL", 10m))).Intent!.ReducesPosition);
        Assert.Equal(VetoCodes.CrossesZero, Decide(Pipeline(), sell, account: Account(("AAPL", 9m))).VetoCode);
        Assert.Equal(VetoCodes.ShortsDisabled, Decide(Pipeline(), sell).VetoCode);
    }

    [Fact]
    public void Fractional_profile_sends_a_notional_day_order_when_the_budget_buys_less_than_one_share()
    {
        var r = Decide(Pipeline("{fractional_shares: true}"), Long(), Market(499.99, 500.00));
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        Assert.Equal(75m, r.Intent!.Notional);
        Assert.Null(r.Intent.Quantity);
        Assert.Equal(OrderType.Market, r.Intent.Type);
        Assert.Equal(TimeInForce.Day, r.Intent.TimeInForce);
        Assert.Null(r.Intent.LimitPrice);
    }

    [Fact]
    public void Fractional_profile_still_buys_whole_shares_by_ioc_when_one_fits()
    {
        var r = Decide(Pipeline("{fractional_shares: true}"), Long());
        Assert.Equal(1m, r.Intent!.Quantity);
        Assert.Equal(TimeInForce.Ioc, r.Intent.TimeInForce);
    }

    [Fact]
    public void Fractional_notional_below_the_minimum_is_vetoed()
    {
        var p = Pipeline("{fractional_shares: true, min_fractional_notional_usd: 100}");
        Assert.Equal(VetoCodes.BelowMinNotional, Decide(p, Long(), Market(499.99, 500.00)).VetoCode);
    }

    [Fact]
    public void Fractional_short_sales_are_not_possible()
    {
        var p = Pipeline("{fractional_shares: true, policy: {allow_shorts: true}}");
        var r = Decide(p, Short(), Market(499.99, 500.00));
        Assert.Equal(VetoCodes.BudgetBelowOneShare, r.VetoCode);
    }

    [Fact]
    public void Chase_flag_comes_from_the_profile()
    {
        Assert.False(Decide(Pipeline(), Long()).ChaseUnfilled);
        Assert.True(Decide(Pipeline("{chase_unfilled: true}"), Long()).ChaseUnfilled);
    }

    [Fact]
    public void Tally_counts_vetoes_and_deferrals_by_code()
    {
        var tally = new VetoTally();
        tally.Add(Decide(Pipeline(), Long()));
        tally.Add(Decide(Pipeline(), Long(), Market(99.99, 100.00)));
        tally.Add(Decide(Pipeline(), Long(), Market(99.99, 100.00)));
        tally.Add(Decide(Pipeline(), Long(), Market(49.0, 50.0)));
        Assert.Equal(1, tally.Approved);
        Assert.Equal(2, tally.Vetoed);
        Assert.Equal(1, tally.Deferred);
        Assert.Equal(2, tally.Count(VetoCodes.BudgetBelowOneShare));
        Assert.Equal(1, tally.Count(VetoCodes.SpreadTooWide));
        Assert.Equal(0, tally.Count(VetoCodes.KillSwitch));
        Assert.Equal("approved=1 vetoed=2 deferred=1 budget_below_one_share=2 spread_too_wide=1", tally.ToString());
    }
}
