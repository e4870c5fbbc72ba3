using Tessera.Alpaca.Model;
using Tessera.Trading.Decisions;
using Xunit;
using static Tessera.Trading.Tests.Decisions.DecisionFixture;

namespace Tessera.Trading.Tests.Decisions;

/// <summary>Each gate at its threshold and one tick either side.</summary>
public sealed class GateBoundaryTests
{
    [Fact]
    public void Canary_entry_is_an_ioc_limit_buy_at_ask_times_1001()
    {
        var r = Decide(Pipeline(), Long());
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        var intent = Assert.IsType<OrderIntent>(r.Intent);
        Assert.Equal(OrderSide.Buy, intent.Side);
        Assert.Equal(OrderType.Limit, intent.Type);
        Assert.Equal(TimeInForce.Ioc, intent.TimeInForce);
        Assert.Equal(50.05m, intent.LimitPrice);
        Assert.Equal(1m, intent.Quantity); // floor(75 / 50.05)
        Assert.Null(intent.Notional);
        Assert.False(intent.ReducesPosition);
        Assert.Equal(r.Decision.DecisionId, intent.DecisionId);
        Assert.Equal(r.Decision.DecisionId, intent.ClientOrderId);
        Assert.Null(r.VetoCode);
        Assert.False(r.ChaseUnfilled);
    }

    [Fact]
    public void Spread_of_exactly_005_percent_defers()
    {
        // (100.025 - 99.975) / 100.000 = 0.0005 exactly: the rule is strictly below, so it defers.
        var r = Decide(Pipeline("{policy: {per_order_usd: 200}, sizing: {fixed_notional_usd: 200}}"), Long(), Market(99.975, 100.025));
        Assert.Equal(DecisionOutcome.Deferred, r.Outcome);
        Assert.Equal(VetoCodes.SpreadTooWide, r.VetoCode);
        Assert.Null(r.Intent);
        Assert.Contains("ORDER_DEFERRED", r.Decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Spread_just_below_005_percent_passes()
    {
        var r = Decide(Pipeline("{policy: {per_order_usd: 200}, sizing: {fixed_notional_usd: 200}}"), Long(), Market(99.9751, 100.025));
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        Assert.Equal(100.13m, r.Intent!.LimitPrice); // 100.025 x 1.001 = 100.125025
    }

    [Theory]
    [InlineData(74.925, 1, DecisionOutcome.Approved, null)] // limit 75.00 -> notional exactly 75.00
    [InlineData(74.935, 1, DecisionOutcome.Vetoed, VetoCodes.PerOrderLimit)] // limit 75.01
    public void Per_order_notional_of_exactly_75_passes_and_7501_vetoes(double ask, int qty, DecisionOutcome outcome, string? code)
    {
        var r = Decide(Pipeline(), Buy(qty), Market(ask - 0.01, ask));
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Fact]
    public void Budget_of_exactly_one_share_buys_one_and_a_cent_less_vetoes()
    {
        var one = Decide(Pipeline(), Long(), Market(74.915, 74.925)); // limit 75.00 = the $75 budget
        Assert.Equal(DecisionOutcome.Approved, one.Outcome);
        Assert.Equal(1m, one.Intent!.Quantity);

        var less = Decide(Pipeline(), Long(), Market(74.925, 74.935)); // limit 75.01
        Assert.Equal(DecisionOutcome.Vetoed, less.Outcome);
        Assert.Equal(VetoCodes.BudgetBelowOneShare, less.VetoCode);
        Assert.NotNull(less.Sizing);
        Assert.Equal(75m, less.Sizing!.Budget);
    }

    [Theory]
    [InlineData(2.997, DecisionOutcome.Approved, null)] // limit exactly 3.00
    [InlineData(2.987, DecisionOutcome.Vetoed, VetoCodes.PriceOutOfRange)] // limit 2.99
    [InlineData(999.0, DecisionOutcome.Approved, null)] // limit 999.999 -> exactly 1000.00
    [InlineData(999.01, DecisionOutcome.Vetoed, VetoCodes.PriceOutOfRange)] // limit 1000.01
    public void Price_band_is_inclusive_at_3_and_1000(double ask, DecisionOutcome outcome, string? code)
    {
        var r = Decide(Pipeline("{policy: {per_order_usd: 2000, daily_usd: 2000}, sizing: {fixed_notional_usd: 2000}}"), Long(), Market(ask - 0.001, ask));
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Theory]
    [InlineData("29999.99", DecisionOutcome.Approved, null)]
    [InlineData("30000", DecisionOutcome.Vetoed, VetoCodes.MarginBudget)] // exactly 30% of used + available
    [InlineData("30000.01", DecisionOutcome.Vetoed, VetoCodes.MarginBudget)]
    public void Margin_budget_holds_new_entries_at_30_percent(string used, DecisionOutcome outcome, string? code)
    {
        var u = decimal.Parse(used, System.Globalization.CultureInfo.InvariantCulture);
        var account = Account() with { MarginUsed = u, MarginAvailable = 100_000m - u };
        var r = Decide(Pipeline(), Long(), account: account);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Fact]
    public void Margin_budget_does_not_hold_exits()
    {
        var account = Account(("AAPL", 3m)) with { MarginUsed = 90_000m, MarginAvailable = 10_000m };
        Assert.Equal(DecisionOutcome.Approved, Decide(Pipeline(), Exit(), account: account).Outcome);
    }

    [Theory]
    [InlineData("949.95", DecisionOutcome.Approved, null)] // 949.95 + 50.05 = 1000.00 exactly
    [InlineData("949.96", DecisionOutcome.Vetoed, VetoCodes.DailyLimit)]
    public void Daily_budget_counts_what_was_used_today(string usedToday, DecisionOutcome outcome, string? code)
    {
        var account = Account() with { NotionalUsedToday = decimal.Parse(usedToday, System.Globalization.CultureInfo.InvariantCulture) };
        var r = Decide(Pipeline(), Long(), account: account);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Theory]
    [InlineData("50.05", DecisionOutcome.Approved, null)]
    [InlineData("50.04", DecisionOutcome.Vetoed, VetoCodes.BuyingPower)]
    public void Buying_power_must_cover_the_notional(string bp, DecisionOutcome outcome, string? code)
    {
        var account = Account() with { BuyingPower = decimal.Parse(bp, System.Globalization.CultureInfo.InvariantCulture) };
        var r = Decide(Pipeline(), Long(), account: account);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Theory]
    [InlineData(100, DecisionOutcome.Approved, null)] // exactly 1% of 10,000
    [InlineData(101, DecisionOutcome.Vetoed, VetoCodes.AdvCap)]
    public void Adv_cap_is_one_percent_of_adv20(int qty, DecisionOutcome outcome, string? code)
    {
        var market = Market(9.999, 10.00) with { Adv20Shares = 10_000 };
        var r = Decide(Pipeline("{policy: {per_order_usd: 5000, daily_usd: 5000}}"), Buy(qty), market);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Fact]
    public void Unknown_adv_vetoes_adds()
    {
        var r = Decide(Pipeline(), Long(), Market() with { Adv20Shares = double.NaN });
        Assert.Equal(VetoCodes.AdvCap, r.VetoCode);
    }

    [Fact]
    public void Sizing_is_capped_at_the_adv_share_count()
    {
        // ADV 140 shares -> cap 1% = 1.4 shares x limit 50.05 = 70.07: below the $1,000 target and per-order budget.
        var wide = Decide(Pipeline("{policy: {per_order_usd: 1000}, sizing: {fixed_notional_usd: 1000}}"), Long(), Market() with { Adv20Shares = 140 });
        Assert.Equal(DecisionOutcome.Approved, wide.Outcome);
        Assert.Equal(70.07m, wide.Sizing!.AdvCapNotional);
        Assert.Equal(70.07m, wide.Sizing.Budget);
        Assert.Equal(1m, wide.Intent!.Quantity);
    }

    [Theory]
    [InlineData(10.0, DecisionOutcome.Approved, null)]
    [InlineData(10.001, DecisionOutcome.Vetoed, VetoCodes.StaleQuote)]
    public void Quote_age_of_exactly_the_limit_passes(double ageSeconds, DecisionOutcome outcome, string? code)
    {
        var market = Market() with { QuoteTime = Now.AddSeconds(-ageSeconds) };
        var r = Decide(Pipeline(), Long(), market);
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Theory]
    [InlineData(double.NaN, 50.0, VetoCodes.InvalidQuote)]
    [InlineData(49.99, double.NaN, VetoCodes.InvalidQuote)]
    [InlineData(49.99, double.PositiveInfinity, VetoCodes.InvalidQuote)]
    [InlineData(double.NegativeInfinity, 50.0, VetoCodes.InvalidQuote)]
    [InlineData(0.0, 50.0, VetoCodes.InvalidQuote)]
    [InlineData(-1.0, 50.0, VetoCodes.InvalidQuote)]
    [InlineData(50.01, 50.0, VetoCodes.InvalidQuote)] // crossed
    [InlineData(1e30, 1e30, VetoCodes.InvalidQuote)] // absurd
    public void Invalid_quotes_are_typed_vetoes_never_orders(double bid, double ask, string code)
    {
        foreach (var input in new DecisionInput[] { Long(), Exit(), Buy(1) })
        {
            // An entry signal needs a flat book (a held position is position_held); the exit and the target order need one.
            var account = input is TradingSignal { Target: Tessera.Core.Side.Long } ? Account() : Account(("AAPL", 2m));
            var r = Decide(Pipeline(), input, Market(bid, ask), account);
            Assert.Equal(DecisionOutcome.Vetoed, r.Outcome);
            Assert.Equal(code, r.VetoCode);
            Assert.Null(r.Intent);
        }
    }

    [Theory]
    [InlineData(10.0, DecisionOutcome.Approved, null)]
    [InlineData(10.001, DecisionOutcome.Vetoed, VetoCodes.StaleQuote)]
    public void Quote_from_the_future_beyond_the_window_is_stale(double aheadSeconds, DecisionOutcome outcome, string? code)
    {
        var r = Decide(Pipeline(), Long(), Market() with { QuoteTime = Now.AddSeconds(aheadSeconds) });
        Assert.Equal(outcome, r.Outcome);
        Assert.Equal(code, r.VetoCode);
    }

    [Fact]
    public void Null_collections_in_the_snapshots_are_typed_errors()
    {
        Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => Decide(Pipeline(), Long(), account: Account() with { Positions = null! }));
        Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => Decide(Pipeline(), Long(), Market() with { DailyReturns = null! }));
    }

    [Fact]
    public void Veto_codes_are_unique_snake_case_words()
    {
        Assert.Equal(VetoCodes.All.Count, VetoCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(VetoCodes.All, c => Assert.Matches("^[a-z]+(_[a-z]+)*$", c));
    }

    [Fact]
    public void Missing_quote_parts_are_vetoes()
    {
        Assert.Equal(VetoCodes.MissingQuote, Decide(Pipeline(), Long(), Market() with { Ask = null }).VetoCode);
        Assert.Equal(VetoCodes.MissingQuote, Decide(Pipeline(), Long(), Market() with { Bid = null }).VetoCode);
        Assert.Equal(VetoCodes.MissingQuote, Decide(Pipeline(), Long(), Market() with { QuoteTime = null }).VetoCode);
    }

    [Fact]
    public void Kill_switch_and_halt_stop_everything_exits_included()
    {
        var held = Account(("AAPL", 2m));
        Assert.Equal(VetoCodes.KillSwitch, Decide(Pipeline(), Exit(), account: held, safety: new SafetyState(true, true)).VetoCode);
        Assert.Equal(VetoCodes.Halted, Decide(Pipeline(), Exit(), account: held, safety: new SafetyState(false, true)).VetoCode);
        Assert.Equal(VetoCodes.KillSwitch, Decide(Pipeline(), Long(), safety: new SafetyState(true, false)).VetoCode);
    }

    [Fact]
    public void Seed000_SOP01_the_stream_services_safety_mode_stops_every_order_of_the_account()
    {
        var held = Account(("AAPL", 2m));
        Assert.Equal(VetoCodes.StreamSafetyMode, Decide(Pipeline(), Long(), safety: new SafetyState(false, false, StreamSafetyMode: true)).VetoCode);
        Assert.Equal(VetoCodes.StreamSafetyMode, Decide(Pipeline(), Exit(), account: held, safety: new SafetyState(false, false, StreamSafetyMode: true)).VetoCode);
        Assert.Equal(VetoCodes.Halted, Decide(Pipeline(), Long(), safety: new SafetyState(false, true, StreamSafetyMode: true)).VetoCode); // gate order
        Assert.Null(Decide(Pipeline(), Long(), safety: new SafetyState(false, false, StreamSafetyMode: false)).VetoCode);
    }

    [Fact]
    public void Shorts_are_disabled_by_default_and_allowed_by_the_profile()
    {
        Assert.Equal(VetoCodes.ShortsDisabled, Decide(Pipeline(), Short()).VetoCode);
        var r = Decide(Pipeline("{policy: {allow_shorts: true}}"), Short());
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        Assert.Equal(OrderSide.Sell, r.Intent!.Side);
        Assert.Equal(49.94m, r.Intent.LimitPrice); // 49.99 x 0.999 = 49.94001
        Assert.Equal(1m, r.Intent.Quantity);
    }

    [Fact]
    public void Veto_details_name_the_numbers()
    {
        var r = Decide(Pipeline(), Buy(2), Market(74.915, 74.925));
        Assert.Equal(VetoCodes.PerOrderLimit, r.VetoCode);
        Assert.Contains("$150.00", r.Decision.Detail, StringComparison.Ordinal);
        Assert.Contains("$75.00", r.Decision.Detail, StringComparison.Ordinal);
    }
}
