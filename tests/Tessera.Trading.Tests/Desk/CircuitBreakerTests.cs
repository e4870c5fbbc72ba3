using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Core.Data;
using Tessera.Core.Markets;
using Tessera.Exchange.Market;
using Tessera.Testing;
using Tessera.Trading.Events;
using Tessera.Trading.Safety;
using Tessera.Trading.Tests.Desk.Support;
using Xunit;

namespace Tessera.Trading.Tests.Desk;

/// <summary>
/// The circuit breaker on a scripted −3 % path (issue 12, SOP-02): opening equity captured at the open, a fall of the
/// only holding takes equity 3.2 % below it, and the poll runs the halt: orders cancelled, positions closed, halted,
/// P0 alert; a same-day resume without an approval record is refused, with one it is accepted, both audited.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CircuitBreakerTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = FallingZzzMarket.Day;

    private static DateTimeOffset At(int h, int m, int s = 0) => FallingZzzMarket.At(h, m, s);

    private static MarketTape Tape() => FallingZzzMarket.Tape();

    [Fact]
    public async Task Minus_three_percent_from_the_opening_equity_halts_flattens_alerts_and_needs_an_approval_to_resume()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, Tape(), At(9, 30, 5), startingCash: 10_000m, universe: ["ZZZ"]);
        var desk = h.Desk;
        var zzz = new Instrument("ZZZ", AssetClass.UsEquity);
        var bought = await desk.Broker.SubmitOrderAsync(new BrokerOrderRequest(zzz, OrderSide.Buy, 99m, OrderType.Market, TimeInForce.Day, ClientOrderId: "setup-buy"));
        Assert.Equal(OrderStatus.Filled, (await desk.Broker.FindOrderAsync(bought.Id))!.Status);
        await desk.Broker.SubmitOrderAsync(new BrokerOrderRequest(zzz, OrderSide.Buy, 1m, OrderType.Limit, TimeInForce.Gtc, LimitPrice: 90m, ClientOrderId: "setup-resting"));

        var stamp = desk.Stamp("trace-cb");
        var first = await desk.EquityPoll.TickAsync(stamp);
        Assert.Equal(EquityPollStatus.Within, first.Status);
        var opening = first.Opening!.Equity;
        Assert.InRange(opening, 9_990m, 10_010m);
        Assert.False(first.Opening.CapturedLate);

        await h.AdvanceToAsync(At(10, 0, 5));
        var breach = await desk.EquityPoll.TickAsync(stamp);
        Assert.Equal(EquityPollStatus.Halted, breach.Status);
        Assert.True(breach.Reading!.Value.Drawdown >= 0.03m);
        Assert.Equal(opening, breach.Opening!.Equity); // the reference stays the session's opening equity

        var halt = breach.Halt!;
        Assert.True(halt.Complete);
        Assert.Single(halt.CancelledOrderIds);
        Assert.Equal("ZZZ", Assert.Single(halt.ClosingOrders).Instrument.Symbol);
        Assert.Empty(await desk.Broker.GetOrdersAsync(OrderStatusFilter.Open, 50));
        Assert.Empty(await desk.Broker.GetPositionsAsync());
        var state = await desk.Switches.GetAsync(desk.AccountId);
        Assert.True(state.Halted);
        Assert.Equal(HaltSource.CircuitBreaker, state.Source);
        var alert = Assert.Single(h.Events.Events, e => e.Code == EventCodes.CircuitBreakerHalt);
        Assert.Equal(EventLevel.Critical, alert.Level);
        Assert.Equal(opening, alert.Fields["equity_opening"]);

        // A second poll sees the halt and sends nothing again.
        Assert.Equal(EquityPollStatus.AlreadyHalted, (await desk.EquityPoll.TickAsync(stamp)).Status);

        // SOP-02: the same trading day, a resume without an approval record is refused (and audited); with one it is accepted.
        var refused = await Assert.ThrowsAsync<ResumeRefusedException>(() => desk.Resume.RunAsync(new ResumeRequest("looks fine", "ops", At(10, 30)), stamp));
        Assert.Contains("SOP-02", refused.Rule, StringComparison.Ordinal);
        Assert.True((await desk.Switches.GetAsync(desk.AccountId)).Halted);
        await desk.Resume.RunAsync(new ResumeRequest("reviewed the gap", "ops", At(10, 45), Approver: "lead", ApprovalReason: "liquidity normal, cause known"), stamp);
        Assert.False((await desk.Switches.GetAsync(desk.AccountId)).Stopped);

        var blocks = (await desk.Ledger.ReadAsync(desk.AccountId, Day, 0, 100)).Blocks.Select(b => b.Entry.Kind).ToList();
        Assert.Equal(["halt", "halt.cancel_orders", "halt.close_positions", "resume_refused", "resume"], blocks);
        Assert.True((await desk.Ledger.VerifyAsync(desk.AccountId, Day)).IsValid);
        Assert.Contains(h.Events.Events, e => e.Code == EventCodes.ResumeRefused);
        Assert.Contains(h.Events.Events, e => e.Code == EventCodes.TradingResumed);
    }
}
