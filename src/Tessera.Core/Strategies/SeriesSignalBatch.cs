using System.Runtime.CompilerServices;
using Tessera.Core.Data;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>
/// The whole-series form of a per-symbol strategy (<see cref="SeriesStrategy.CreateBatch"/>): for one series it checks
/// every bar as the per-bar engine does, computes each indicator column once with the span kernels
/// (<c>Indicators/Kernels</c>, bit-identical to the streaming indicators), then decides entries and exits in one loop
/// over the columns. It must append exactly the signals, in the same order, that replaying
/// <see cref="ISeriesStrategy.CreateEngine"/> bar by bar appends (<see cref="SeriesStrategy.SignalsBarByBar"/>, the
/// reference its tests compare against). One instance serves the series of one universe call in turn: its column
/// arrays grow to the longest series and are reused, so there is no allocation per bar or per symbol besides the
/// signals themselves. Not thread-safe; each call creates its own.
/// </summary>
public abstract class SeriesSignalBatch
{
    private readonly IStrategy _strategy;

    protected SeriesSignalBatch(IStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        _strategy = strategy;
    }

    /// <summary>Appends the signals of the whole series to <paramref name="sink"/>, in emission order.</summary>
    public abstract void AppendSignals(BarSeries bars, List<Signal> sink);

    /// <summary>
    /// The per-bar engine's checks over the whole series (<see cref="SignalEngineBase.CheckBar"/>: strictly increasing
    /// timestamps, then <see cref="OhlcvBar.Validate"/>), bar by bar; the first bad bar raises the same error as there.
    /// </summary>
    protected static void CheckBars(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var ts = bars.Timestamps;
        var open = bars.Open;
        var high = bars.High;
        var low = bars.Low;
        var close = bars.Close;
        var volume = bars.Volume;
        var last = long.MinValue;
        for (var i = 0; i < ts.Length; i++)
        {
            double o = open[i], h = high[i], l = low[i], c = close[i], v = volume[i];
            var t = ts[i];

            // The accepted set written positively (NaN fails every comparison); any refusal is re-raised by the engine's
            // own check so the error names the same field and rule.
            var ok = t > last && o > 0 && h > 0 && l > 0 && c > 0 && h < double.PositiveInfinity
                && h >= l && o >= l && o <= h && c >= l && c <= h && v >= 0 && v < double.PositiveInfinity;
            if (!ok)
            {
                SignalEngineBase.CheckBar(new OhlcvBar(t, o, h, l, c, v), last, bars.Symbol);
            }

            last = t;
        }
    }

    /// <summary>A signal as <see cref="SignalEngineBase"/> makes it (strength clamped to [-1, 1], the strategy's name and hash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected Signal Make(long timestamp, string symbol, Side side, double strength, string reason, double? stop = null) =>
        new(timestamp, symbol, side, Math.Clamp(strength, -1.0, 1.0), _strategy.Name, _strategy.ParametersHash, reason) { StopPrice = stop };

    /// <summary>A column of at least <paramref name="length"/> values, reallocated only when the series is longer than any before.</summary>
    protected static Span<double> Column(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }
}
