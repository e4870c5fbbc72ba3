using Tessera.Alpaca.Streaming;
using Tessera.Stream.Tests.Support;
using Xunit;

namespace Tessera.Stream.Tests.Engine;

public sealed class StreamEngineStopTests
{
    private static readonly DateTimeOffset T = EngineDriver.Open;

    [Fact]
    public async Task Stops_fired_by_one_gap_make_one_exit_of_at_most_the_position()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("SPY", 10m);
        await d.ArmAsync("s1", "SPY", 100m, 6m);
        await d.ArmAsync("s2", "SPY", 99m, 6m);
        await d.ConnectAsync(T);
        await d.TradeAsync("SPY", 100.5m, T.AddSeconds(1));
        Assert.Empty(d.Actions.Exits);

        await d.TradeAsync("SPY", 98.5m, T.AddSeconds(2));
        var exit = Assert.Single(d.Actions.Exits);
        Assert.Equal(10m, exit.Quantity);
        Assert.Equal(98.5m, exit.TradePrice);
        Assert.Equal(["s1", "s2"], exit.Triggers.Select(t => t.Stop.Id));
        Assert.Contains(("s1", false), d.Actions.Persisted);
        Assert.Contains(("s2", false), d.Actions.Persisted);
        Assert.Equal(0m, d.Engine.PositionOf("SPY"));
        Assert.Equal(0, d.Engine.Stops.Count);
        Assert.Equal(1, d.Engine.Counters.ExitsSubmitted);
    }

    [Fact]
    public async Task A_short_position_is_covered_by_its_stop_exactly_at_the_level()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("QQQ", -5m);
        await d.ArmAsync("c", "QQQ", 400m, 5m, Core.Side.Short);
        await d.ConnectAsync(T);
        await d.TradeAsync("QQQ", 399.99m, T.AddSeconds(1));
        Assert.Empty(d.Actions.Exits);
        await d.TradeAsync("QQQ", 400m, T.AddSeconds(2));
        Assert.Equal(5m, Assert.Single(d.Actions.Exits).Quantity);
    }

    [Fact]
    public async Task A_stop_with_no_position_on_its_side_fires_but_sends_nothing()
    {
        var d = new EngineDriver();
        await d.ArmAsync("s", "SPY", 100m, 1m);
        await d.ConnectAsync(T);
        await d.TradeAsync("SPY", 99m, T.AddSeconds(1));
        Assert.Empty(d.Actions.Exits);
        Assert.Equal(1, d.Engine.Counters.StopsWithoutPosition);
    }

    [Fact]
    public async Task The_halt_flag_or_kill_switch_keeps_every_order_in_and_the_stops_armed()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("SPY", 10m);
        await d.ArmAsync("s", "SPY", 100m, 10m);
        await d.ConnectAsync(T);
        d.Actions.Stopped = true;
        await d.TickAsync(T, refresh: true);
        await d.TradeAsync("SPY", 95m, T.AddSeconds(1));
        Assert.Empty(d.Actions.Exits);
        Assert.Equal(1, d.Engine.Stops.Count);
        Assert.Equal(1, d.Engine.Counters.TradesWhileStopped);

        d.Actions.Stopped = false;
        await d.TickAsync(T.AddSeconds(2), refresh: true);
        await d.TradeAsync("SPY", 95.5m, T.AddSeconds(3));
        Assert.Single(d.Actions.Exits);
    }

    [Fact]
    public async Task Trades_outside_the_regular_session_never_fire_a_stop()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("SPY", 10m);
        await d.ArmAsync("s", "SPY", 100m, 10m);
        var preMarket = new DateTimeOffset(2024, 3, 13, 12, 0, 0, TimeSpan.Zero); // 08:00 New York
        await d.ConnectAsync(preMarket);
        await d.TradeAsync("SPY", 90m, preMarket);
        Assert.Empty(d.Actions.Exits);
        Assert.Equal(1, d.Engine.Stops.Count);
    }

    [Fact]
    public async Task Bad_input_is_counted_and_skipped_and_never_fires_a_stop()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("SPY", 10m);
        await d.ArmAsync("s", "SPY", 100m, 10m);
        await d.ConnectAsync(T);
        await d.TradeAsync("SPY", 101m, T.AddSeconds(1));                         // the reference price
        await d.TradeAsync("SPY", 0m, T.AddSeconds(2));                           // not positive
        await d.TradeAsync("SPY", -5m, T.AddSeconds(3));                          // not positive
        await d.TradeAsync("SPY", 95m, T.AddSeconds(4), size: 0m);                // no size
        await d.TradeAsync("SPY", 1.01m, T.AddSeconds(5));                        // absurd: 100x below the reference
        await d.TradeAsync("SPY", 10_000_000m, T.AddSeconds(6));                  // absurd: at the sane bound
        await d.TradeAsync("SPY", 95m, T.AddSeconds(7), T.AddSeconds(60));        // from the future
        await d.Engine.OnMarketDataAsync(new StreamError(StreamErrorCode.Unknown, 0, "unparseable frame from server"), T.AddSeconds(8), CancellationToken.None);
        await d.Engine.OnMarketDataAsync(new StreamTrade(new Tessera.Alpaca.Model.Trade { Symbol = null, Price = 90m, Size = 1m, Timestamp = T.AddSeconds(9) }), T.AddSeconds(9), CancellationToken.None);
        Assert.Empty(d.Actions.Exits);
        Assert.Equal(1, d.Engine.Stops.Count);
        var c = d.Engine.Counters;
        Assert.Equal(3, c.TradesSkippedNotPositive);
        Assert.Equal(2, c.TradesSkippedAbsurd);
        Assert.Equal(1, c.TradesSkippedFuture);
        Assert.Equal(2, c.Malformed);
        Assert.Equal(8, c.SkippedTotal);

        await d.TradeAsync("SPY", 99.9m, T.AddSeconds(10));
        Assert.Single(d.Actions.Exits);
    }

    [Fact]
    public async Task A_vetoed_exit_is_counted_and_the_position_is_not_assumed_closed()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("SPY", 10m);
        d.Actions.Veto = "order_pending";
        await d.ArmAsync("s", "SPY", 100m, 10m);
        await d.ConnectAsync(T);
        await d.TradeAsync("SPY", 99m, T.AddSeconds(1));
        Assert.Single(d.Actions.Exits);
        Assert.Equal(1, d.Engine.Counters.ExitsVetoed);
        Assert.Equal(10m, d.Engine.PositionOf("SPY"));
    }

    [Fact]
    public async Task A_fill_sets_the_position_from_the_brokers_position_qty()
    {
        var d = new EngineDriver();
        d.Engine.OnTradeUpdate(new Tessera.Alpaca.Model.TradeUpdate { Event = Tessera.Alpaca.Model.TradeEvent.Fill, PositionQty = 7m, Order = new Tessera.Alpaca.Model.Order { Symbol = "AAPL" } });
        Assert.Equal(7m, d.Engine.PositionOf("AAPL"));
        Assert.Contains("AAPL", d.Engine.Subscribed);
        d.Engine.OnTradeUpdate(new Tessera.Alpaca.Model.TradeUpdate { Event = Tessera.Alpaca.Model.TradeEvent.New, PositionQty = 3m, Order = new Tessera.Alpaca.Model.Order { Symbol = "AAPL" } });
        Assert.Equal(7m, d.Engine.PositionOf("AAPL"));
    }
}
