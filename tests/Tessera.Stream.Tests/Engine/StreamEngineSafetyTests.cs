using Tessera.Alpaca.Streaming;
using Tessera.Core.Determinism;
using Tessera.Core.Streaming;
using Tessera.Stream.Engine;
using Tessera.Stream.Tests.Support;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Stream.Tests.Engine;

public sealed class StreamEngineSafetyTests
{
    private static readonly DateTimeOffset T = EngineDriver.Open;

    [Fact]
    public async Task Silence_during_the_session_flattens_once_drops_the_connection_and_blocks_submissions()
    {
        var d = new EngineDriver();
        d.Engine.Watch("SPY");
        await d.ConnectAsync(T);
        await d.TickAsync(T);
        await d.TradeAsync("SPY", 100m, T.AddSeconds(1));
        await d.TickAsync(T.AddSeconds(10.95));
        Assert.Empty(d.Actions.Flattens);
        await d.TickAsync(T.AddSeconds(11));
        var breach = Assert.Single(d.Actions.Flattens);
        Assert.Equal(HeartbeatBreachKind.Silence, breach.Kind);
        Assert.Equal(1, d.Actions.Drops);
        Assert.Equal(1, d.Events.Count(EventCodes.WsHeartbeatBreach));
        Assert.Equal(SafetyModeState.Active, d.Engine.Safety.State);

        // The drop the engine asked for, then more silence: no second breach, no second flatten.
        await d.Lifecycle(StreamLifecycleEvent.Disconnected, T.AddSeconds(11.1));
        await d.TickAsync(T.AddSeconds(30));
        Assert.Single(d.Actions.Flattens);
        Assert.Equal(1, d.Events.Count(EventCodes.WsReconnectAttempt));
    }

    [Fact]
    public async Task A_drop_is_a_breach_but_the_stream_itself_is_not_dropped_again()
    {
        var d = new EngineDriver();
        await d.ConnectAsync(T);
        await d.Lifecycle(StreamLifecycleEvent.Disconnected, T.AddSeconds(1));
        Assert.Equal(HeartbeatBreachKind.ConnectionLost, Assert.Single(d.Actions.Flattens).Kind);
        Assert.Equal(0, d.Actions.Drops);
    }

    [Fact]
    public async Task Lag_above_the_threshold_breaches_and_the_lagging_trade_is_not_acted_on()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("SPY", 10m);
        await d.ArmAsync("s", "SPY", 100m, 10m);
        await d.ConnectAsync(T);
        await d.TradeAsync("SPY", 101m, T.AddSeconds(1), T.AddSeconds(1).AddMilliseconds(-500));
        Assert.Empty(d.Actions.Flattens);
        await d.TradeAsync("SPY", 99m, T.AddSeconds(2), T.AddSeconds(2).AddMilliseconds(-501));
        Assert.Equal(HeartbeatBreachKind.Lag, Assert.Single(d.Actions.Flattens).Kind);
        Assert.Empty(d.Actions.Exits);
        Assert.Equal(501, (double)d.Events.Events.First(e => e.Code == EventCodes.WsHeartbeatBreach).Fields["ws_lag_ms"]!, 6);
    }

    [Fact]
    public async Task Recovery_clears_on_the_first_message_after_reconnection_and_submits_again_after_sixty_clean_seconds_flushing_stale_exits()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("AAA", 10m);
        d.Engine.SetPosition("BBB", 10m);
        await d.ArmAsync("a", "AAA", 50m, 10m);
        await d.ArmAsync("b", "BBB", 50m, 10m);
        await d.ConnectAsync(T);
        await d.Lifecycle(StreamLifecycleEvent.Disconnected, T.AddSeconds(1));   // breach, safety mode on
        await d.TradeAsync("AAA", 51m, T.AddSeconds(1.5));                        // a late frame of the old connection: clears nothing
        Assert.Equal(SafetyModeState.Active, d.Engine.Safety.State);

        await d.ConnectAsync(T.AddSeconds(2), reconnect: true);
        await d.TradeAsync("AAA", 51m, T.AddSeconds(2));                          // first message after the reconnection
        Assert.Equal(SafetyModeState.Recovering, d.Engine.Safety.State);
        Assert.Equal(1, d.Events.Count(EventCodes.SafetyModeCleared));

        await d.TradeAsync("AAA", 49m, T.AddSeconds(3));                          // stop fires while recovering: queued
        await d.TradeAsync("BBB", 49m, T.AddSeconds(40));                         // queued too
        Assert.Empty(d.Actions.Exits);
        Assert.Equal(2, d.Engine.Counters.ExitsQueued);

        await d.TickAsync(T.AddSeconds(61.95));
        Assert.False(d.Engine.Safety.SubmissionsAllowed);
        await d.TickAsync(T.AddSeconds(62));                                      // 60 s after the clear at T+2
        Assert.True(d.Engine.Safety.SubmissionsAllowed);
        // AAA's exit is 59 s old: flushed; BBB's is 22 s old: sent.
        Assert.Equal("BBB", Assert.Single(d.Actions.Exits).Symbol);
        Assert.Equal(1, d.Engine.Counters.ExitsFlushedStale);
        var reenabled = Assert.Single(d.Events.Events, e => e.Code == EventCodes.StreamSubmissionsReEnabled);
        Assert.Equal(1, reenabled.Fields["flushed"]);
    }

    [Fact]
    public async Task Silence_outside_the_session_or_with_nothing_subscribed_never_breaches()
    {
        var d = new EngineDriver();
        var night = new DateTimeOffset(2024, 3, 13, 3, 0, 0, TimeSpan.Zero);
        d.Engine.Watch("SPY");
        await d.ConnectAsync(night);
        await d.TickAsync(night.AddHours(2));
        var idle = new EngineDriver();
        await idle.ConnectAsync(T);
        await idle.TickAsync(T.AddMinutes(30));
        Assert.Empty(d.Actions.Flattens);
        Assert.Empty(idle.Actions.Flattens);
    }

    /// <summary>
    /// A seeded campaign on virtual time: 100 stalls at random moments, ticks every 50 ms as the worker runs them.
    /// Every stall enters safety mode within the silence timeout + 50 ms of the last message, flattens once per episode,
    /// sends no exit while in safety mode, and recovers (reconnect, first message, 60 s clean).
    /// </summary>
    [Fact]
    public async Task A_hundred_seeded_stalls_each_enter_safety_mode_within_the_timeout_plus_one_tick_and_recover()
    {
        var d = new EngineDriver();
        d.Engine.SetPosition("SPY", 1_000_000m);
        d.Engine.Watch("SPY");
        var rng = new DeterministicRandom(2013);
        var tick = TimeSpan.FromMilliseconds(50);
        var silence = d.Settings.Heartbeat.SilenceTimeout;
        var now = T;
        await d.ConnectAsync(now);
        await d.TickAsync(now);
        var stall = 0;
        for (; stall < 100; stall++)
        {
            // Normal traffic for a while, a stop below the market each time.
            await d.ArmAsync("s" + stall, "SPY", 90m, 1m);
            for (var k = 0; k < 5 + rng.NextInt(20); k++)
            {
                now += TimeSpan.FromMilliseconds(1 + rng.NextInt(900));
                await d.TradeAsync("SPY", 100m, now);
                await d.TickAsync(now);
            }

            var lastMessage = now;
            var flattensBefore = d.Actions.Flattens.Count;
            while (d.Actions.Flattens.Count == flattensBefore)
            {
                now += tick;
                await d.TickAsync(now);
                Assert.True(now - lastMessage <= silence + tick, $"stall {stall}: no breach after {now - lastMessage}");
            }

            Assert.True(now - lastMessage >= silence);
            var exitsBefore = d.Actions.Exits.Count;
            await d.TradeAsync("SPY", 80m, now);                                   // through the stop, but in safety mode
            Assert.Equal(exitsBefore, d.Actions.Exits.Count);

            now += TimeSpan.FromSeconds(1 + rng.NextInt(5));
            await d.Lifecycle(StreamLifecycleEvent.Disconnected, now);
            now += TimeSpan.FromSeconds(1);
            await d.ConnectAsync(now, reconnect: true);
            await d.TradeAsync("SPY", 100m, now);
            Assert.Equal(SafetyModeState.Recovering, d.Engine.Safety.State);
            for (var s = 0; s < 61; s++)
            {
                now += TimeSpan.FromSeconds(1);
                await d.TradeAsync("SPY", 100m, now);
                await d.TickAsync(now);
            }

            Assert.True(d.Engine.Safety.SubmissionsAllowed, $"stall {stall}: submissions not re-enabled");
            d.Engine.Stops.Disarm("s" + stall);
        }

        Assert.Equal(100, d.Actions.Flattens.Count);
        Assert.Equal(100, d.Engine.Counters.SafetyActivations);
        Assert.All(d.Actions.Flattens, f => Assert.Equal(HeartbeatBreachKind.Silence, f.Kind));
    }
}
