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
        if (bar.TimestampUtcMs <= _lastTimestamp)
        {
            throw new TesseraValidationException("timestamp", bar.TimestampUtcMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "bars must arrive in strictly increasing time order", Symbol);
        }

        _lastTimestamp = bar.TimestampUtcMs;
        BarCount++;
        Process(bar, sink);
    }

    protected abstract void Process(in OhlcvBar bar, ICollection<Signal> sink);

    protected Signal Make(in OhlcvBar bar, SignalSide side, double strength, string reason, double? stop = null) =>
        new(bar.TimestampUtcMs, Symbol, side, Math.Clamp(strength, -1.0, 1.0), _strategy.Name, _strategy.ParametersHash, reason) { StopPrice = stop };
}
