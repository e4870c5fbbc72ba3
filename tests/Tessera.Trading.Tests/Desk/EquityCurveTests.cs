using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Core.Data;
using Tessera.Core.Markets;
using Tessera.Exchange.Market;
using Tessera.Testing;
using Tessera.Trading.Safety;
using Tessera.Trading.Tests.Desk.Support;
using Xunit;

namespace Tessera.Trading.Tests.Desk;

/// <summary>
/// The equity curve the dashboard draws is what the circuit breaker's poll measured: one point per in-session minute,
/// none while the market is closed, and the breach tick's point is the equity the breaker compared (before the halt
/// flattened anything).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EquityCurveTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = FallingZzzMarket.Day;

    private static DateTimeOffset At(int h, int m, int s = 0) => FallingZzzMarket.At(h, m, s);

    private static MarketTape Tape() => FallingZzzMarket.Tape();

    [Fact]
    public async Task The_equity_poll_records_one_point_per_session_minute_and_none_before_the_open()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, Tape(), At(9, 29, 30), startingCash: 10_000m, universe: ["ZZZ"]);
        var desk = h.Desk;
        var stamp = desk.Stamp("trace-equity-curve");

        Assert.Equal(EquityPollStatus.MarketClosed, (await desk.EquityPoll.TickAsync(stamp)).Status);
        Assert.Empty(await desk.EquityHistory.RecentAsync(desk.AccountId, At(9, 29, 30), days: 1));

        await h.AdvanceToAsync(At(9, 30, 5));
        var zzz = new Instrument("ZZZ", AssetClass.UsEquity);
        await desk.Broker.SubmitOrderAsync(new BrokerOrderRequest(zzz, OrderSide.Buy, 99m, OrderType.Market, TimeInForce.Day, ClientOrderId: "curve-buy"));
        var first = await desk.EquityPoll.TickAsync(stamp);
        await h.AdvanceToAsync(At(9, 30, 45));
        await desk.EquityPoll.TickAsync(stamp); // same minute: no second point
        await h.AdvanceToAsync(At(10, 0, 5));
        var breach = await desk.EquityPoll.TickAsync(stamp);
        Assert.Equal(EquityPollStatus.Halted, breach.Status);

        var points = await desk.EquityHistory.RecentAsync(desk.AccountId, At(10, 1), days: 1);
        Assert.Equal([At(9, 30), At(10, 0)], points.Select(p => p.At));
        Assert.Equal(first.Reading!.Value.CurrentEquity, points[0].Equity);
        Assert.Equal(breach.Reading!.Value.CurrentEquity, points[1].Equity);
        Assert.True(points[1].Equity < points[0].Equity);
    }
}
