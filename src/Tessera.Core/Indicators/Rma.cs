namespace Tessera.Core.Indicators;

/// <summary>
/// Wilder's smoothing (RMA): a_t = a_{t-1} + (x_t - a_{t-1}) / n, seeded with the SMA of the first n
/// values (first value after the n-th input). The smoother inside RSI, ATR and ADX.
/// </summary>
public sealed class Rma
{
    private double _seedSum;
    private int _count;

    public Rma(int period)
    {
        Period = IndicatorGuard.Period(period, 1);
    }

    public int Period { get; }

    public int FirstValidIndex => Period - 1;

    public bool IsReady => _count >= Period;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        IndicatorGuard.Finite(value, "value");
        if (_count >= Period)
        {
            Value += (value - Value) / Period;
            return Value;
        }

        _seedSum += value;
        if (++_count == Period)
        {
            Value = _seedSum / Period;
        }

        return Value;
    }

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        IndicatorGuard.SameLength(input.Length, output.Length, "output");
        var rma = new Rma(period);
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = rma.Update(input[i]);
        }
    }
}
