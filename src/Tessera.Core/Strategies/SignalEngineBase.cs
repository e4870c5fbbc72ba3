using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Signals;

namespace Tessera.Core.Strategies;

/// <summary>Shared engine plumbing for per-symbol strategies: bar counting, time-order check, signal construction.</summary>
public abstract class SignalEngineBase : ISignalEngine
{
    private readonly IStrategy _strategy;
    private long _lastTimestamp = long.MinValue;

    protected SignalEngineBase(IStrategy strategy, string symbol)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(symbol);
        _strategy = strategy;
        Symbol = symbol;
    }

    public string Symbol { get; }

    public int BarCount { get; private set; }

    /// <summary>Index of the bar being processed (0-based).</summary>
    protected int Index => BarCount - 1;

    public void OnBar(in OhlcvBar bar, ICollection<Signal> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        CheckBar(bar, _lastTimestamp, Symbol);
        _lastTimestamp = bar.TimestampUtcMs;
        BarCount++;
        Process(bar, sink);
    }

    /// <summary>The checks every engine applies to a bar before its rules see it (the batch form, <see cref="SeriesSignalBatch"/>,
    /// applies the same ones, in the same order, so bad input fails the same way on both paths).</summary>
    internal static void CheckBar(in OhlcvBar bar, long lastTimestamp, string symbol)
    {
        if (bar.TimestampUtcMs <= lastTimestamp)
        {
            throw new TesseraValidationException("timestamp", bar.TimestampUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "bars must arrive in strictly increasing time order", symbol);
        }

        bar.Validate(symbol);
    }

    /// <summary>A long stop computed at or below zero (e.g. close - 2 ATR on a very volatile penny stock) cannot
    /// trigger and is not a price: no stop is set then (null), so consumers never see a non-positive stop.</summary>
    protected internal static double? UsableStop(double stop) => stop > 0 && double.IsFinite(stop) ? stop : null;

    protected abstract void Process(in OhlcvBar bar, ICollection<Signal> sink);

    protected Signal Make(in OhlcvBar bar, Side side, double strength, string reason, double? stop = null) =>
        new(bar.TimestampUtcMs, Symbol, side, Math.Clamp(strength, -1.0, 1.0), _strategy.Name, _strategy.ParametersHash, reason) { StopPrice = stop };
}
