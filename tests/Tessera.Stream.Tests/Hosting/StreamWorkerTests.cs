using System.Net;
using Tessera.Core;
using Tessera.Core.Streaming;
using Tessera.Exchange.Faults;
using Tessera.Stream.Hosting;
using Tessera.Stream.Persistence;
using Tessera.Stream.Tests.Support;
using Tessera.Testing;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Stream.Tests.Hosting;

/// <summary>
/// The worker end to end against the local exchange and Azurite: a trade printed through an armed stop becomes an IOC
/// exit through the order path and the position closes at the broker; a restarted worker reloads its stops from Table
/// storage and the next breaching trade still exits; a dropped stream enters safety mode and flattens the account.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StreamWorkerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0930 = StreamHarness.At(9, 30);

    private static Tessera.Exchange.Market.MarketTape Tape() => StreamHarness.Tape(
        "SPY",
        (T0930, 100.00),
        (StreamHarness.At(10, 0), 100.00),
        (StreamHarness.At(10, 5), 99.60),
        (StreamHarness.At(10, 10), 99.40),
        (StreamHarness.At(10, 10, 1), 99.30),
        (StreamHarness.At(10, 15), 99.00));

    [Fact]
    public async Task A_trade_through_an_armed_stop_exits_the_position_with_an_ioc_order_through_the_order_path()
    {
        await using var h = await StreamHarness.StartAsync(azurite.ConnectionString, Tape(), StreamHarness.At(10, 0, 0));
        await h.BuyAsync("SPY", 10m);
        var worker = await h.StartWorkerAsync();
        await worker.ArmAsync(new VirtualStop("spy-stop", "SPY", Side.Long, 99.50m, 10m));
        Assert.Contains("SPY", worker.Engine.Subscribed);
        await StreamHarness.WaitForAsync(() => Task.FromResult(worker.Engine.Counters.SubscriptionAcks > 0), "the subscription");

        await h.Host.AdvanceToAsync(StreamHarness.At(10, 5));
        await Task.Delay(300);
        Assert.Equal(10m, await h.PositionAtBrokerAsync("SPY"));   // 99.60 is above the stop

        await h.Host.AdvanceToAsync(StreamHarness.At(10, 10));
        await StreamHarness.WaitForAsync(() => Task.FromResult(h.Events.Count(EventCodes.VirtualStopTriggered) == 1), "VIRTUAL_STOP_TRIGGERED");
        await StreamHarness.WaitForAsync(async () => await h.PositionAtBrokerAsync("SPY") == 0m, "the stop exit to fill");
        var triggered = Assert.Single(h.Events.Events, e => e.Code == EventCodes.VirtualStopTriggered);
        Assert.Equal(99.50m, triggered.Fields["stop_price"]);
        Assert.Equal(99.40m, triggered.Fields["trade_price"]);
        Assert.Empty(await new StopStore(h.Parts.Tables).LoadAsync(worker.Desk.AccountId));

        // The ledger holds the decision, with the bypassed quote gates named.
        var page = await worker.Desk.Ledger.ReadAsync(worker.Desk.AccountId, Core.Markets.UsEastern.DateOf(StreamHarness.At(10, 10)));
        var decision = Assert.Single(page.Blocks, b => b.Entry.Kind == "decision").Entry;
        Assert.Contains("virtual_stop", decision.Payload.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("missing_quote", decision.Payload.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_worker_reloads_its_stops_and_the_next_breaching_trade_still_exits()
    {
        await using var h = await StreamHarness.StartAsync(azurite.ConnectionString, Tape(), StreamHarness.At(10, 0, 0));
        await h.BuyAsync("SPY", 10m);
        var first = await h.StartWorkerAsync();
        await first.ArmAsync(new VirtualStop("spy-stop", "SPY", Side.Long, 99.50m, 10m));
        await h.StopWorkerAsync();

        var second = await h.StartWorkerAsync();
        await StreamHarness.WaitForAsync(() => Task.FromResult(second.Engine.Counters.SubscriptionAcks > 0), "the subscription");
        Assert.Equal(99.50m, second.Engine.Stops.Find("spy-stop")!.StopPrice);
        Assert.Equal(10m, second.Engine.PositionOf("SPY"));
        await h.Host.AdvanceToAsync(StreamHarness.At(10, 10));
        await StreamHarness.WaitForAsync(async () => await h.PositionAtBrokerAsync("SPY") == 0m, "the stop exit after the restart");
    }

    [Fact]
    public async Task A_dropped_market_data_stream_enters_safety_mode_and_flattens_the_account()
    {
        await using var h = await StreamHarness.StartAsync(azurite.ConnectionString, Tape(), StreamHarness.At(10, 0, 0));
        await h.BuyAsync("SPY", 10m);
        var worker = await h.StartWorkerAsync();
        h.Host.ApplyFaults(FaultPlan.None with { Drop = "market_data" });
        await StreamHarness.WaitForAsync(() => Task.FromResult(h.Events.Count(EventCodes.SafetyModeActivated) == 1), "SAFETY_MODE_ACTIVATED");
        Assert.Equal(0m, await h.PositionAtBrokerAsync("SPY"));
        Assert.True(h.Events.Count(EventCodes.WsHeartbeatBreach) >= 1);
        Assert.Equal(EventLevel.Critical, h.Events.Events.First(e => e.Code == EventCodes.SafetyModeActivated).Level);
        await StreamHarness.WaitForAsync(() => Task.FromResult(worker.Engine.Safety.State == SafetyModeState.Recovering), "the first message after the reconnection");
    }

    [Fact]
    public async Task Health_endpoints_report_connection_lag_and_safety_mode()
    {
        await using var h = await StreamHarness.StartAsync(azurite.ConnectionString, Tape(), StreamHarness.At(10, 0, 0));
        var worker = await h.StartWorkerAsync();
        await using var host = await StreamHost.StartAsync(() => worker.Engine.Status(worker.Desk.Time.GetUtcNow()), 0, anyInterface: false);
        using var http = new HttpClient { BaseAddress = host.Address };
        Assert.Equal("127.0.0.1", host.Address.Host);
        using var live = await http.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await StreamHarness.WaitForAsync(() => Task.FromResult(worker.Engine.Heartbeat.State == HeartbeatState.Healthy), "the stream to connect");
        using var ready = await http.GetAsync("health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"connection\":\"Healthy\"", body, StringComparison.Ordinal);
        Assert.Contains("\"safety_mode\":\"Normal\"", body, StringComparison.Ordinal);
        Assert.Contains("\"lag_ms\"", body, StringComparison.Ordinal);

        await worker.OnLoopAsync((e, ct) => Task.FromResult(e.Safety.Breach(DateTimeOffset.UtcNow)));
        using var notReady = await http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);

        // The same status reaches Table storage for the Functions app and the dashboard.
        await StreamHarness.WaitForAsync(async () => await new StatusStore(h.Parts.Tables).ReadAsync(worker.Desk.AccountId) is { SafetyMode: "Active" }, "the status row");
    }
}
