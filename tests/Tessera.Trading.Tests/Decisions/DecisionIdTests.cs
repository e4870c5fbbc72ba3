using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Trading.Decisions;
using Xunit;
using static Tessera.Trading.Tests.Decisions.DecisionFixture;

namespace Tessera.Trading.Tests.Decisions;

public sealed class DecisionIdTests
{
    private static string IdOf(DecisionPipeline p, DecisionRequest request) => p.Decide(request).Decision.DecisionId;

    [Fact]
    public void Id_has_the_seed_format_and_is_a_valid_client_order_id()
    {
        var r = Decide(Pipeline(), Long("BRK.B"), Market(49.99, 50.00));
        Assert.Matches("^DEC_20241126_150000_BRK-B_[0-9A-F]{6}$", r.Decision.DecisionId);
        Assert.Equal(r.Decision.DecisionId, DecisionIds.ClientOrderId(r.Decision.DecisionId));
        Assert.True(r.Decision.DecisionId.Length <= DecisionIds.MaxClientOrderIdLength);
        Assert.Equal("BRK.B", r.Decision.Symbol);
    }

    [Fact]
    public void Same_inputs_give_the_same_id_from_separate_pipelines()
    {
        var a = IdOf(Pipeline(), Request(Long()));
        var b = IdOf(Pipeline(), Request(Long()));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Vetoed_and_deferred_decisions_have_ids_too()
    {
        var vetoed = Decide(Pipeline(), Long(), safety: new SafetyState(true, false));
        Assert.Matches("^DEC_20241126_150000_AAPL_[0-9A-F]{6}$", vetoed.Decision.DecisionId);
    }

    [Fact]
    public void Any_input_change_gives_a_different_id()
    {
        var baseline = Request(Long());
        var variants = new List<DecisionRequest>
        {
            baseline with { Now = Now.AddTicks(1) },
            baseline with { Input = Long() with { Strategy = "turtle_soup" } },
            baseline with { Input = Long() with { SignalTime = Now.AddMinutes(-2) } },
            baseline with { Input = Long() with { Strength = 0.7 } },
            baseline with { Input = Short() },
            baseline with { Input = Exit() },
            baseline with { Input = Buy(1) },
            baseline with { Input = Buy(2) },
            baseline with { Market = Market(49.98, 50.00) },
            baseline with { Market = Market(49.99, 50.01) },
            baseline with { Market = Market() with { QuoteTime = Now.AddSeconds(-2) } },
            baseline with { Market = Market() with { Adv20Shares = 999_999 } },
            baseline with { Market = Market() with { AtrPct = 0.011 } },
            baseline with { Market = Market() with { Vix = 15.5 } },
            baseline with { Market = Market() with { VixAsOf = new DateOnly(2024, 11, 22) } },
            baseline with { Market = Market() with { DailyReturns = [0.01] } },
            baseline with { Account = Account() with { Equity = 100_000.01m } },
            baseline with { Account = Account() with { Cash = 1m } },
            baseline with { Account = Account() with { BuyingPower = 1m } },
            baseline with { Account = Account() with { MarginUsed = 1m } },
            baseline with { Account = Account() with { MarginAvailable = 1m } },
            baseline with { Account = Account() with { NotionalUsedToday = 1m } },
            baseline with { Account = Account(("AAPL", 1m)) },
            baseline with { Safety = new SafetyState(false, true) },
        };
        var ids = new HashSet<string>(StringComparer.Ordinal) { IdOf(Pipeline(), baseline) };
        foreach (var v in variants)
        {
            Assert.True(ids.Add(IdOf(Pipeline(), v)), "duplicate id for " + v);
        }

        // The profile and the config pin are inputs too.
        Assert.True(ids.Add(new DecisionPipeline(Profile() with { Name = "other" }, Pin).Decide(baseline).Decision.DecisionId));
        Assert.True(ids.Add(new DecisionPipeline(Profile(), "f" + Pin[1..]).Decide(baseline).Decision.DecisionId));
    }

    [Fact]
    public void Positions_of_other_symbols_do_not_change_the_id()
    {
        Assert.Equal(IdOf(Pipeline(), Request(Long())), IdOf(Pipeline(), Request(Long(), account: Account(("MSFT", 3m)))));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("DEC_1 OR 1=1")]
    [InlineData("<b>DEC</b>")]
    [InlineData("")]
    public void Hostile_ids_from_outside_are_typed_errors(string id)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => DecisionIds.ValidateId(id));
        Assert.Equal("decision_id", ex.Field);
    }

    [Fact]
    public void Ids_longer_than_128_are_refused() =>
        Assert.Throws<TesseraValidationException>(() => DecisionIds.ValidateId(new string('A', 129)));

    [Theory]
    [InlineData("../etc")]
    [InlineData("AAPL\r\n")]
    [InlineData("<img src=x>")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    [InlineData("")]
    public void Hostile_symbols_are_refused_before_anything(string symbol)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => Decide(Pipeline(), new TradingSignal(symbol, Side.Long, "donchian", Now)));
        Assert.Equal("symbol", ex.Field);
    }

    [Fact]
    public void Bad_signal_fields_are_typed_errors()
    {
        Assert.Equal("strength", Assert.Throws<TesseraValidationException>(() => Decide(Pipeline(), Long() with { Strength = double.NaN })).Field);
        Assert.Equal("strategy", Assert.Throws<TesseraValidationException>(() => Decide(Pipeline(), Long() with { Strategy = "a\nb" })).Field);
        Assert.Equal("target", Assert.Throws<TesseraValidationException>(() => Decide(Pipeline(), Long() with { Target = (Side)9 })).Field);
        Assert.Equal("quantity", Assert.Throws<TesseraValidationException>(() => Decide(Pipeline(), Buy(0))).Field);
        Assert.Equal("quantity", Assert.Throws<TesseraValidationException>(() => Decide(Pipeline(), Buy(-1))).Field);
        Assert.Equal("quantity", Assert.Throws<TesseraValidationException>(() => Decide(Pipeline(), Buy(1.5m))).Field); // whole shares only in canary
    }
}
