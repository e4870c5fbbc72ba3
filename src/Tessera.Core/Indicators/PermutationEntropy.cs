using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.Indicators;

/// <summary>
/// Normalised permutation entropy (Bandt and Pompe 2002) over a rolling window of the last W values:
/// ordinal patterns of <c>order</c> m points spaced <c>delay</c> tau apart, H = -sum p ln p / ln(m!),
/// in [0, 1]. The window holds W - (m-1)tau patterns. Ties rank the earlier point lower (stable order).
/// Defaults m = 3, tau = 1, W = 20 closes. First value at index W-1. Counts are integers, so the value is
/// recomputed exactly from the pattern histogram on every bar (no drift).
/// </summary>
public sealed class PermutationEntropy : IIndicator
{
    private static readonly string[] OutputNames = ["permutation_entropy"];

    private readonly RingBuffer _values;
    private readonly int[] _patterns;
    private readonly int[] _counts;
    private readonly double[] _points;
    private readonly int[] _factorials;
    private readonly double _logPatterns;

    // -p ln p for every possible count c (p = c / patterns): the window's pattern count is fixed, so the
    // terms are looked up instead of recomputing logarithms on every bar (same values, same summation order).
    private readonly double[] _terms;
    private int _patternNext;
    private int _patternCount;
    private long _seen;

    public PermutationEntropy(int order = 3, int delay = 1, int window = 20)
    {
        if (order is < 2 or > 7)
        {
            throw new TesseraValidationException("order", order.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be in [2, 7]");
        }

        Delay = IndicatorGuard.Period(delay, 1, "delay");
        Order = order;
        var span = ((order - 1) * delay) + 1;
        Window = IndicatorGuard.Period(window, span + 1, "window");
        _values = new RingBuffer(span);
        _patterns = new int[window - span + 1];
        _factorials = new int[order + 1];
        _factorials[0] = 1;
        for (var i = 1; i <= order; i++)
        {
            _factorials[i] = _factorials[i - 1] * i;
        }

        _counts = new int[_factorials[order]];
        _points = new double[order];
        _logPatterns = Math.Log(_factorials[order]);
        _terms = new double[_patterns.Length + 1];
        for (var c = 1; c <= _patterns.Length; c++)
        {
            var p = (double)c / _patterns.Length;
            _terms[c] = -(p * Math.Log(p));
        }
    }

    public int Order { get; }

    public int Delay { get; }

    public int Window { get; }

    public int FirstValidIndex => Window - 1;

    public bool IsReady => _seen >= Window;

    public double Value { get; private set; } = double.NaN;

    public double Update(double value)
    {
        IndicatorGuard.Finite(value, "value");
        _values.Push(value);
        _seen++;
        if (!_values.IsFull)
        {
            return Value;
        }

        for (var k = 0; k < Order; k++)
        {
            _points[k] = _values[k * Delay];
        }

        var code = PatternCode(_points, _factorials);
        if (_patternCount == _patterns.Length)
        {
            _counts[_patterns[_patternNext]]--;
        }
        else
        {
            _patternCount++;
        }

        _patterns[_patternNext] = code;
        _counts[code]++;
        if (++_patternNext == _patterns.Length)
        {
            _patternNext = 0;
        }

        if (_patternCount == _patterns.Length)
        {
            var h = 0.0;
            for (var c = 0; c < _counts.Length; c++)
            {
                h += _terms[_counts[c]];
            }

            Value = h / _logPatterns;
        }

        return Value;
    }

    /// <summary>Lehmer code of the ordinal pattern: for each point, how many later points are strictly smaller.</summary>
    public static int PatternCode(ReadOnlySpan<double> points, ReadOnlySpan<int> factorials)
    {
        var m = points.Length;
        var code = 0;
        for (var i = 0; i < m; i++)
        {
            var smaller = 0;
            for (var j = i + 1; j < m; j++)
            {
                if (points[j] < points[i])
                {
                    smaller++;
                }
            }

            code += smaller * factorials[m - 1 - i];
        }

        return code;
    }

    public IReadOnlyList<string> Outputs => OutputNames;

    public void Update(in OhlcvBar bar) => Update(bar.Close);

    public double Output(int index) => index == 0 ? Value : throw IndicatorGuard.BadOutput(index, 1);

    public void Compute(BarSeries bars, IReadOnlyList<double[]> outputs)
    {
        IndicatorGuard.Outputs(bars, outputs, 1);
        Compute(bars.Close, outputs[0], Order, Delay, Window);
    }

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int order = 3, int delay = 1, int window = 20)
    {
        IndicatorGuard.SameLength(input.Length, output.Length, "output");
        var pe = new PermutationEntropy(order, delay, window);
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = pe.Update(input[i]);
        }
    }
}
