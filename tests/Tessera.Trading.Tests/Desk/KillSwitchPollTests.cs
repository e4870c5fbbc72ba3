using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Core.Data;
using Tessera.Core.Governance;
using Tessera.Core.Markets;
using Tessera.Exchange.Market;
using Tessera.Testing;
using Tessera.Trading.Ledger;
using Tessera.Trading.Safety;
using Tessera.Trading.Tests.Desk.Support;
using Xunit;

namespace Tessera.Trading.Tests.Desk;

/// <summary>
/// The kill-switch matrix rides the circuit breaker's equity poll on the local exchange's virtual clock: the tick at
/// the open captures the curve's last point, a fall of the only holding 3.2 % below it fires a 2 % drawdown row on the
/// next tick (recorded in the governance chain at the broker's time), and a tick outside the session evaluates nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KillSwitchPollTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2024, 3, 13);

    private static DateTimeOffset At(int h, int m, int s = 0) => UsEastern.At(Day, new TimeOnly(h, m, s));

    private static MarketTape Tape() => MarketTape.Build(
        [new TradeTape("ZZZ", [At(9, 30).ToUnixTimeMilliseconds(), At(10, 0).ToUnixTimeMilliseconds()], [100.00, 96.80], [1_000_000, 1_000_000], [(byte)'P', (byte)'P'], [0, 0], [false, false])],
        []);

    [Fact]
    public async Task The_equity_poll_evaluates_the_matrix_each_session_tick_and_records_a_firing_in_the_governance_chain()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, Tape(), At(9, 30, 5), startingCash: 10_000m, universe: ["ZZZ"]);
        var desk = h.Desk;
        await desk.Broker.SubmitOrderAsync(new BrokerOrderRequest(new Instrument("ZZZ", AssetClass.UsEquity), OrderSide.Buy, 99m, OrderType.Market, TimeInForce.Day, ClientOrderId: "ks-buy"));
        var chain = new GovernanceChain(new BlobAuditLedger(new Tessera.Storage.Blobs.BlobStore(azurite.ConnectionString), TimeProvider.System, "ks-poll-" + Guid.NewGuid().ToString("N")[..10]));
        var config = KillSwitchConfig.Load("rules:\n  drawdown:\n    max_drawdown: 0.02\n    actions: [notify_and_record]\n", "test.yaml");
        desk.EquityPoll.KillSwitch = new KillSwitchWatch(config, new SessionEquityReadings(desk.Openings), chain);
        var stamp = desk.Stamp("trace-ks-poll");

        var open = await desk.EquityPoll.TickAsync(stamp);
        Assert.Equal(EquityPollStatus.Within, open.Status);
        Assert.Empty(open.KillSwitch);

        await h.AdvanceToAsync(At(10, 0, 5));
        var fall = await desk.EquityPoll.TickAsync(stamp);
        var fired = Assert.Single(fall.KillSwitch);
        Assert.Equal(KillSwitchCondition.Drawdown, fired.Firing.Condition);
        Assert.InRange(fired.Firing.Measured, 0.02, 0.04);
        var block = Assert.Single(await chain.ReadAllAsync());
        Assert.Equal(GovernanceChain.KillSwitchKind, block.Entry.Kind);
        Assert.Equal(fall.At, block.Entry.At); // the broker's (virtual) time
        Assert.Equal(desk.AccountId, block.Entry.Payload["account"]!.GetValue<string>());

        await h.AdvanceToAsync(At(16, 30));
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
    }
}
