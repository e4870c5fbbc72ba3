using Tessera.Core.Markets;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Tests.Support;
using Tessera.Exchange.Time;
using Xunit;
using static Tessera.Exchange.Tests.Support.StreamReading;

namespace Tessera.Exchange.Tests.Faults;

/// <summary>A WebSocket session survives each injected fault: it notices, reconnects, resubscribes, and data flows again.</summary>
public sealed class StreamFaultTests
{
    private static bool Reconnected<T>(List<T> l) => l.Any(m => m is StreamLifecycle { Event: StreamLifecycleEvent.Reconnected } or TradeStreamLifecycle { Event: StreamLifecycleEvent.Reconnected });

    private static async Task<(LocalExchange Ex, AlpacaMarketDataStream Stream)> SubscribedAsync(StreamOptions? options = null, Func<Tessera.Exchange.ExchangeOptions, Tessera.Exchange.ExchangeOptions>? configure = null)
    {
        var ex = await LocalExchange.StartAsync(TestTapes.TwoHours(), "2013-10-07 09:29", configure);
        var stream = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, options ?? Streams.Fast);
        await stream.StartAsync();
        await stream.SubscribeAsync(new SubscriptionSet { Trades = ["SPY"] });
        await UntilAsync(stream.Messages, l => l.OfType<StreamSubscription>().Any());
        return (ex, stream);
    }

    /// <summary>After the fault: the stream reconnected and resubscribed, and a later trade arrives.</summary>
    private static async Task AssertRecoversAsync(LocalExchange ex, AlpacaMarketDataStream stream, string advanceTo, decimal expectedPrice, bool reconnectSeen = false)
    {
        if (!reconnectSeen)
        {
            await UntilAsync(stream.Messages, Reconnected);
        }

        await UntilAsync(stream.Messages, l => l.OfType<StreamSubscription>().Any());
        await ex.AdvanceAsync(advanceTo);
        var m = await UntilAsync(stream.Messages, l => l.OfType<StreamTrade>().Any(t => t.Trade.Price == expectedPrice));
        Assert.Contains(m.OfType<StreamTrade>(), t => t.Trade.Price == expectedPrice);
        Assert.True(stream.Reconnects >= 1);
    }

    [Fact]
    public async Task A_dropped_socket_is_detected_and_the_subscription_restored()
    {
        var (ex, stream) = await SubscribedAsync();
        await using (ex)
        await using (stream)
        {
            ex.Host.ApplyFaults(new FaultPlan { Drop = "market_data" });
            await AssertRecoversAsync(ex, stream, "2013-10-07 09:31:30", 100.01m);
        }
    }

    [Fact]
    public async Task A_stalled_socket_that_stops_answering_pings_is_abandoned_and_replaced()
    {
        var (ex, stream) = await SubscribedAsync();
        await using (ex)
        await using (stream)
        {
            ex.Host.ApplyFaults(new FaultPlan { StallSeconds = 30 });
            await AssertRecoversAsync(ex, stream, "2013-10-07 09:31:30", 100.01m);
        }
    }

    [Fact]
    public async Task A_connected_but_mute_stream_is_caught_by_the_staleness_watchdog()
    {
        var options = Streams.Fast with { StalenessTimeout = TimeSpan.FromMilliseconds(800) };
        var (ex, stream) = await SubscribedAsync(options);
        await using (ex)
        await using (stream)
        {
            // Pings are still answered: only the absence of data gives the stall away.
            ex.Host.ApplyFaults(new FaultPlan { StallSeconds = 30, StallAnswersPings = true });
            var m = await UntilAsync(stream.Messages, Reconnected);
            Assert.Contains(m.OfType<StreamLifecycle>(), l => l.Event == StreamLifecycleEvent.Disconnected && l.Detail!.Contains("staleness", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_406_window_after_a_drop_is_waited_out()
    {
        var (ex, stream) = await SubscribedAsync();
        await using (ex)
        await using (stream)
        {
            ex.Host.ApplyFaults(new FaultPlan { Drop = "market_data", ConnectionLimitSeconds = 2 });
            var m = await UntilAsync(stream.Messages, Reconnected);
            Assert.Contains(m.OfType<StreamError>(), e => e.Code == StreamErrorCode.ConnectionLimitExceeded);
            Assert.Contains(m.OfType<StreamLifecycle>(), l => l.Event == StreamLifecycleEvent.Disconnected && l.Detail!.Contains("406", StringComparison.Ordinal));
            await AssertRecoversAsync(ex, stream, "2013-10-07 09:31:30", 100.01m, reconnectSeen: true);
        }
    }

    [Fact]
    public async Task An_internal_error_frame_ends_the_session_and_the_client_reconnects()
    {
        var (ex, stream) = await SubscribedAsync();
        await using (ex)
        await using (stream)
        {
            ex.Host.ApplyFaults(new FaultPlan { StreamErrorCode = 500 });
            await AssertRecoversAsync(ex, stream, "2013-10-07 09:31:30", 100.01m);
        }
    }

    [Fact]
    public async Task A_slow_client_is_cut_off_with_407_and_reconnects()
    {
        var (ex, stream) = await SubscribedAsync(configure: o => o with { Streams = o.Streams with { QueueFrames = 2, FrameBytes = 256 } });
        await using (ex)
        await using (stream)
        {
            await stream.SubscribeAsync(new SubscriptionSet { Quotes = ["*"], Bars = ["*"] });
            ex.Host.ApplyFaults(new FaultPlan { StallSeconds = 1, StallAnswersPings = true });
            await ex.AdvanceAsync("2013-10-07 10:30");
            var m = await UntilAsync(stream.Messages, Reconnected);
            Assert.Contains(m.OfType<StreamError>(), e => e.Code == StreamErrorCode.SlowClient);
            Assert.True(ex.Host.MarketData.SlowClients >= 1);
        }
    }

    [Fact]
    public async Task Duplicated_and_swapped_messages_reach_the_consumer_once_each()
    {
        var (ex, stream) = await SubscribedAsync();
        await using (ex)
        await using (stream)
        {
            ex.Host.ApplyFaults(new FaultPlan { StreamDuplicateRate = 0.3, StreamReorderRate = 0.3, Seed = 3 });
            await ex.AdvanceAsync("2013-10-07 10:30");
            await ex.AdvanceAsync("2013-10-07 11:00");
            // 90 trades up to 10:59:01; a swap may hold the very last one back until a next message comes.
            var trades = (await UntilAsync(stream.Messages, l => l.OfType<StreamTrade>().Count() >= 89)).OfType<StreamTrade>().Select(t => t.Trade.Id).ToList();
            Assert.Equal(trades.Count, trades.Distinct().Count());
            Assert.Equal(Enumerable.Range(1, trades.Count).Select(i => (long)i), trades.Order());
            Assert.True(stream.DuplicatesDropped > 0);
            Assert.Contains(Enumerable.Range(1, trades.Count - 1), i => trades[i] < trades[i - 1]);
        }
    }

    [Fact]
    public async Task The_trade_stream_survives_a_drop_and_dedupes_repeated_events()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        await ex.AdvanceAsync("2013-10-07 10:00:30");
        await using var stream = new AlpacaTradeUpdatesStream(ex.ClientOptions, Streams.Fast);
        await stream.StartAsync();
        await UntilAsync(stream.Messages, l => l.OfType<TradeStreamControl>().Any(c => c.Stream == "listening"));
        ex.Host.ApplyFaults(new FaultPlan { Drop = "trade_updates" });
        await UntilAsync(stream.Messages, l => l.OfType<TradeStreamLifecycle>().Any(x => x.Event == StreamLifecycleEvent.Reconnected));
        await UntilAsync(stream.Messages, l => l.OfType<TradeStreamControl>().Any(c => c.Stream == "listening"));
        ex.Host.ApplyFaults(new FaultPlan { StreamDuplicateRate = 1.0 });
        var order = await ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day });
        var events = (await UntilAsync(stream.Messages, l => l.OfType<TradeUpdateMessage>().Any(u => u.Update.Event == TradeEvent.Fill)))
            .OfType<TradeUpdateMessage>().Select(u => u.Update).Where(u => u.Order.Id == order.Id).Select(u => u.Event).ToList();
        Assert.Equal([TradeEvent.New, TradeEvent.Fill], events);
        Assert.True(stream.DuplicatesDropped >= 2);
    }

    [Fact]
    public async Task REST_latency_slows_answers_but_changes_nothing_else()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 10:00:30");
        ex.Host.ApplyFaults(new FaultPlan { LatencyMs = 50 });
        Assert.Equal(100_000m, (await ex.Trading.GetAccountAsync()).Cash);
        Assert.Equal(50, ex.Host.Faults.Plan.LatencyMs);
    }

    [Fact]
    public async Task A_scaled_clock_streams_continuously_and_the_stream_keeps_up_after_a_drop()
    {
        var tape = Tessera.Exchange.Market.TapeSources.Synthetic(new Tessera.Exchange.Market.TapeSources.SyntheticSpec(["SPY"], new DateOnly(2024, 3, 4), 20_000, 9));
        await using var ex = await LocalExchange.StartAsync(tape, "2024-03-04 10:00", o => o with { ClockMode = ClockMode.Scaled, Speed = 2000 });
        await using var stream = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, Streams.Fast with { StalenessTimeout = TimeSpan.FromSeconds(2) });
        await stream.StartAsync();
        await stream.SubscribeAsync(new SubscriptionSet { Trades = ["SPY"] });
        await UntilAsync(stream.Messages, l => l.OfType<StreamTrade>().Count() >= 50);
        ex.Host.ApplyFaults(new FaultPlan { Drop = "market_data" });
        var after = await UntilAsync(stream.Messages, l => Reconnected(l) && l.SkipWhile(m => m is not StreamLifecycle { Event: StreamLifecycleEvent.Reconnected }).OfType<StreamTrade>().Count() >= 50);
        Assert.True(after.OfType<StreamTrade>().Count() >= 50);
    }
}
