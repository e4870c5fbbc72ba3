using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class TrendRegimeStrategyTests
{
    private static List<double> FlatRiseFall()
    {
        // 230 flat bars, 20 bars rising 1%/bar, then 40 bars falling 2%/bar.
        var closes = Enumerable.Repeat(100.0, 230).ToList();
        for (var i = 0; i < 20; i++)
        {
            closes.Add(closes[^1] * 1.01);
        }

        for (var i = 0; i < 40; i++)
        {
            closes.Add(closes[^1] * 0.98);
        }

        return closes;
    }

    [Fact]
    public void Long_after_a_fresh_cross_once_the_gap_exceeds_the_threshold_then_exit_on_the_trend()
    {
        // VWMA(20) = SMA(200) = 100 on the flat part, the first rising bar (230) crosses up.
        // Gap close/SMA - 1: bar 230 = 0.99%, 231 = 1.99%, 232 = 3.0% >= 2%: entry at 232.
        var bars = SyntheticBars.FromCloses("X", FlatRiseFall(), spread: 0.1);
        var signals = new TrendRegimeStrategy().SignalsOverTime(bars);
        Assert.True(signals.Count >= 2);
        Assert.Equal((Side.Long, SignalReasons.Entry, bars.Timestamps[232]), (signals[0].Side, signals[0].Reason, signals[0].TimestampUtcMs));
        var sma = bars.Close.Skip(33).Take(200).Average();
        Assert.Equal(Math.Tanh(((bars.Close[232] / sma) - 1) / 0.1), signals[0].Strength, 9);
        var exit = signals[1];
        Assert.Equal(SignalReasons.ExitRegime, exit.Reason);
        var exitIndex = Array.IndexOf(bars.Timestamps, exit.TimestampUtcMs);
        var smaAtExit = bars.Close.Skip(exitIndex - 199).Take(200).Average();
        Assert.True(bars.Close[exitIndex] < smaAtExit);
        Assert.True(bars.Close[exitIndex - 1] >= bars.Close.Skip(exitIndex - 200).Take(200).Average());
    }

    [Fact]
    public void Stale_cross_blocks_the_entry_and_the_proxy_changes_the_hash()
    {
        var strict = new TrendRegimeStrategy(new TrendRegimeParameters(CrossWithinBars: 1));
        var bars = SyntheticBars.FromCloses("X", FlatRiseFall(), spread: 0.1);
        Assert.DoesNotContain(strict.SignalsOverTime(bars), s => s.Side == Side.Long);
        Assert.NotEqual(new TrendRegimeStrategy().ParametersHash, new TrendRegimeStrategy(new TrendRegimeParameters(Proxy: TrendProxy.Vwma)).ParametersHash);
        var viaSma = new TrendRegimeStrategy(new TrendRegimeParameters(Proxy: TrendProxy.Sma, SmaProxyPeriod: 5));
        Assert.Contains(viaSma.SignalsOverTime(bars), s => s.Side == Side.Long);

        // VWMA(20) lags the close: with a 2% threshold it enters later than the close proxy.
        var viaVwma = new TrendRegimeStrategy(new TrendRegimeParameters(Proxy: TrendProxy.Vwma));
        var vwmaEntry = viaVwma.SignalsOverTime(bars).First(s => s.Side == Side.Long);
        Assert.True(vwmaEntry.TimestampUtcMs > bars.Timestamps[232]);
    }
}
