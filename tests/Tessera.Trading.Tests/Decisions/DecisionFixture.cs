using Tessera.Alpaca.Model;
using Tessera.Core;
using Tessera.Trading.Configuration;
using Tessera.Trading.Decisions;

namespace Tessera.Trading.Tests.Decisions;

/// <summary>
/// A quiet trading moment: Tuesday 2024-11-26 10:00 New York (15:00 UTC, EST), a fresh tight quote 49.99 / 50.00
/// (spread 0.02%), ADV 1,000,000 shares, an unlevered $100,000 account with no positions.
/// </summary>
internal static class DecisionFixture
{
    public static readonly DateTimeOffset Now = new(2024, 11, 26, 15, 0, 0, TimeSpan.Zero);

    public const string Pin = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TradingProfile Profile(string body = "{}") =>
        TradingConfigurationLoader.Load("default_profile: t\nprofiles:\n  t: " + body + "\n", "test.yaml").Profile("t");

    public static DecisionPipeline Pipeline(string body = "{}") => new(Profile(body), Pin);

    public static MarketSnapshot Market(double bid = 49.99, double ask = 50.00) => new()
    {
        Bid = bid,
        Ask = ask,
        QuoteTime = Now.AddSeconds(-1),
        LastPrice = ask,
        Adv20Shares = 1_000_000,
        AtrPct = 0.01,
        Vix = 15,
        VixAsOf = new DateOnly(2024, 11, 25),
    };

    public static AccountSnapshot Account(params (string Symbol, decimal Qty)[] positions) => new()
    {
        Equity = 100_000m,
        Cash = 100_000m,
        BuyingPower = 100_000m,
        MarginUsed = 0m,
        MarginAvailable = 100_000m,
        Positions = positions.ToDictionary(p => p.Symbol, p => p.Qty, StringComparer.Ordinal),
    };

    public static TradingSignal Long(string symbol = "AAPL") => new(symbol, Side.Long, "donchian", Now.AddMinutes(-1));

    public static TradingSignal Short(string symbol = "AAPL") => new(symbol, Side.Short, "donchian", Now.AddMinutes(-1));

    public static TradingSignal Exit(string symbol = "AAPL") => new(symbol, Side.Flat, "donchian", Now.AddMinutes(-1));

    public static TargetOrder Buy(decimal qty, string symbol = "AAPL") => new(symbol, OrderSide.Buy, qty, "rebalance");

    public static DecisionRequest Request(DecisionInput input, MarketSnapshot? market = null, AccountSnapshot? account = null, SafetyState? safety = null, DateTimeOffset? now = null) =>
        new(input, market ?? Market(), account ?? Account(), safety ?? SafetyState.Clear, now ?? Now);

    public static DecisionResult Decide(DecisionPipeline pipeline, DecisionInput input, MarketSnapshot? market = null, AccountSnapshot? account = null, SafetyState? safety = null, DateTimeOffset? now = null) =>
        pipeline.Decide(Request(input, market, account, safety, now));
}
