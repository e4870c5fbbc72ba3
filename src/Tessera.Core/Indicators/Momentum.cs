using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.Indicators;

/// <summary>
/// Momentum 12-1: the simple return from t-lookback to t-skip, c_{t-skip}/c_{t-lookback} - 1
/// (defaults 252 and 21 trading days: twelve months skipping the most recent one). First value at index
/// lookback. Closes must be > 0.
/// </summary>
public sealed class Momentum : IIndicator
{
    private static readonly string[] OutputNames = ["momentum"];

    private readonly RingBuffer _closes;

    public Momentum(int lookback = 252, int skip = 21)
    {
        Lookback = IndicatorGuard.Period(lookback, 1, "lookback");
        if (skip < 0 || skip >= lookback)
        {
            throw new TesseraValidationException("skip", skip.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be in [0, lookback)");
        }

        Skip = skip;
        _closes = new RingBuffer(lookback + 1);
    }

    public int Lookback { get; }

    public int Skip { get; }

    public int FirstValidIndex => Lookback;

    public bool IsReady => _closes.IsFull;

    public double Value { get; private set; } = double.NaN;

    public double Update(double close)
    {
        IndicatorGuard.Positive(close, "close");
        _closes.Push(close);
        if (_closes.IsFull)
        {
            // Oldest held value is c_{t-lookback}; c_{t-skip} sits lookback-skip places after it.
            Value = (_closes[Lookback - Skip] / _closes[0]) - 1.0;
        }

        return Value;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.Close);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.Close, outputs[0], Lookback, Skip);
    }

    public static void Compute(ReadOnlySpan<double> close, Span<double> output, int lookback = 252, int skip = 21)
    {
        IndicatorGuard.SameLength(close.Length, output.Length, "output");
        var momentum = new Momentum(lookback, skip);
        for (var i = 0; i < close.Length; i++)
        {
            output[i] = momentum.Update(close[i]);
        }
    }
}
