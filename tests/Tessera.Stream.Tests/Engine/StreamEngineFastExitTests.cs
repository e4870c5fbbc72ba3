using Tessera.Core.Regime.Hmm;
using Tessera.Stream.Engine;
using Tessera.Stream.Tests.Support;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Stream.Tests.Engine;

/// <summary>
/// The Alpha blueprint's fast-exit overlay in the stream engine (seed 000: fast_exit_slope_threshold −0.002 over
/// fast_exit_lookback_bars 12 of 5-minute SPY bars), on a virtual clock: one SPY trade every 5 minutes is one bar.
/// </summary>
public sealed class StreamEngineFastExitTests
{
    private static readonly DateTimeOffset T = EngineDriver.Open;

    /// <summary>One trade per 5-minute bar from <paramref name="fromBar"/>, at the given prices.</summary>
    private static async Task BarsAsync(EngineDriver d, int fromBar, IEnumerable<decimal> prices)
    {
        var k = fromBar;
        foreach (var p in prices)
        {
            await d.TradeAsync("SPY", p, T.AddMinutes(5 * k++));
        }
    }

    private static IEnumerable<decimal> Linear(decimal start, decimal step, int count) => Enumerable.Range(0, count).Select(i => start + (step * i));

    [Fact]
    public async Task Seed000_fast_exit_fires_once_in_bull_when_the_12_bar_slope_is_below_minus_0_002_and_flattens()
    {
        var d = new EngineDriver();
        d.Engine.RegimeSource = () => HmmRegime.Bull;
        await d.ConnectAsync(T);

        // Closes 100, 99.7, ..., 96.7: the least-squares slope is -0.3 per bar, their mean 98.35: -0.3 / 98.35 per bar.
        await BarsAsync(d, 0, Linear(100m, -0.3m, 12));
        Assert.Empty(d.Actions.FastExits); // 11 bars complete: not yet 12
        await d.TradeAsync("SPY", 96.4m, T.AddMinutes(60));
        var trigger = Assert.Single(d.Actions.FastExits);
        Assert.Equal(-0.3 / 98.35, trigger.Slope, 12);
        Assert.Equal("bull", trigger.Regime);
        Assert.Equal(12, trigger.Bars);
        var e = Assert.Single(d.Events.Events, x => x.Code == EventCodes.FastExitTriggered);
        Assert.Equal(EventLevel.Critical, e.Level);
        Assert.Equal("flatten", e.Fields["action"]);

        // Still falling: the same downturn does not fire again.
        await BarsAsync(d, 13, Linear(96.1m, -0.3m, 3));
        Assert.Single(d.Actions.FastExits);
        Assert.Equal(1, d.Engine.Counters.FastExits);
    }

    [Fact]
    public async Task Seed000_fast_exit_rearms_after_the_slope_recovers_and_fires_on_the_next_downturn()
    {
        var d = new EngineDriver();
        d.Engine.RegimeSource = () => HmmRegime.Bull;
        await d.ConnectAsync(T);
        await BarsAsync(d, 0, Linear(100m, -0.3m, 13));
        Assert.Single(d.Actions.FastExits);
        await BarsAsync(d, 13, Linear(97m, 0.3m, 12));   // recovery: the slope climbs back above the threshold
        Assert.Single(d.Actions.FastExits);
        await BarsAsync(d, 25, Linear(100m, -0.3m, 13)); // a new downturn
        Assert.Equal(2, d.Actions.FastExits.Count);
    }

    [Theory]
    [InlineData(HmmRegime.Neutral)]
    [InlineData(HmmRegime.Bear)]
    public async Task Seed000_fast_exit_is_quiet_unless_the_regime_says_bull(HmmRegime regime)
    {
        var d = new EngineDriver();
        d.Engine.RegimeSource = () => regime;
        await d.ConnectAsync(T);
        await BarsAsync(d, 0, Linear(100m, -0.5m, 14));
        Assert.Empty(d.Actions.FastExits);
        Assert.Equal(0, d.Events.Count(EventCodes.FastExitTriggered));
    }

    [Fact]
    public async Task Without_a_regime_model_or_with_a_gentle_slope_the_overlay_stays_quiet()
    {
        var unknown = new EngineDriver(); // RegimeSource defaults to unknown
        await unknown.ConnectAsync(T);
        await BarsAsync(unknown, 0, Linear(100m, -0.5m, 14));
        Assert.Empty(unknown.Actions.FastExits);

        var gentle = new EngineDriver();
        gentle.Engine.RegimeSource = () => HmmRegime.Bull;
        await gentle.ConnectAsync(T);
        await BarsAsync(gentle, 0, Linear(100m, -0.1m, 14)); // about -0.001 per bar
        Assert.Empty(gentle.Actions.FastExits);
    }

    [Fact]
    public async Task While_trading_is_stopped_the_overlay_reports_but_sends_no_order_and_alert_only_never_flattens()
    {
        var halted = new EngineDriver();
        halted.Engine.RegimeSource = () => HmmRegime.Bull;
        halted.Actions.Stopped = true;
        await halted.ConnectAsync(T);
        await halted.TickAsync(T, refresh: true); // reads the halt flag
        await BarsAsync(halted, 0, Linear(100m, -0.3m, 13));
        Assert.Empty(halted.Actions.FastExits);
        Assert.Equal("none", Assert.Single(halted.Events.Events, x => x.Code == EventCodes.FastExitTriggered).Fields["action"]);

        var alertOnly = new EngineDriver(new StreamSettings
        {
            Heartbeat = new Tessera.Core.Streaming.HeartbeatSettings(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)),
            FastExit = new FastExitSettings { Action = FastExitAction.AlertOnly },
        });
        alertOnly.Engine.RegimeSource = () => HmmRegime.Bull;
        await alertOnly.ConnectAsync(T);
        await BarsAsync(alertOnly, 0, Linear(100m, -0.3m, 13));
        Assert.Empty(alertOnly.Actions.FastExits);
        Assert.Equal(1, alertOnly.Events.Count(EventCodes.FastExitTriggered));
    }
}
