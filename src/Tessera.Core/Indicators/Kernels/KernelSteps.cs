using System.Runtime.CompilerServices;

namespace Tessera.Core.Indicators.Kernels;

// The per-value steps of the batch kernels, as mutable structs the JIT keeps in registers (no object, no virtual call,
// no per-value validation: the kernels validate each input column once before the first step). Each step performs
// exactly the arithmetic of its streaming class (Rma, Ema, WilderSum, RollingSum), in the same order, so the batch
// and streaming forms agree to the last bit (BatchIncrementalEquivalenceTests, FusedCoreIndicatorsTests).

/// <summary>Wilder's RMA step (<see cref="Rma.Update"/>): SMA seed over the first n values, then a += (x - a) / n.</summary>
internal struct RmaStep
{
    private readonly int _period;
    private double _seedSum;
    private int _count;

    public RmaStep(int period)
    {
        _period = period;
        Value = double.NaN;
    }

    public double Value;

    public readonly bool IsReady => _count >= _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next(double x)
    {
        if (_count >= _period)
        {
            Value += (x - Value) / _period;
            return Value;
        }

        _seedSum += x;
        if (++_count == _period)
        {
            Value = _seedSum / _period;
        }

        return Value;
    }
}

/// <summary>EMA step (<see cref="Ema.Update"/>): SMA seed over the first n values, then e += alpha (x - e), alpha = 2/(n+1).</summary>
internal struct EmaStep
{
    private readonly int _period;
    private readonly double _alpha;
    private double _seedSum;
    private int _count;

    public EmaStep(int period)
    {
        _period = period;
        _alpha = 2.0 / (period + 1);
        Value = double.NaN;
    }

    public double Value;

    public readonly bool IsReady => _count >= _period;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next(double x)
    {
        if (_count >= _period)
        {
            Value += _alpha * (x - Value);
            return Value;
        }

        _seedSum += x;
        if (++_count == _period)
        {
            Value = _seedSum / _period;
        }

        return Value;
    }
}

/// <summary>TA-Lib/TTR Wilder running sum step (<see cref="WilderSum"/>): n-1 values summed, then S = S - S/n + x.</summary>
internal struct WilderSumStep
{
    private readonly int _period;
    private int _count;
    private double _sum;

    public WilderSumStep(int period)
    {
        _period = period;
    }

    public readonly bool IsReady => _count >= _period;

    public readonly double Value => _sum;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next(double x)
    {
        if (_count < _period - 1)
        {
            _sum += x;
        }
        else
        {
            _sum = _sum - (_sum / _period) + x;
        }

        _count++;
    }
}

/// <summary>Neumaier-compensated sum (<see cref="RollingSum"/>'s arithmetic): Sum is the running sum plus its compensation.</summary>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    public readonly double Sum => _sum + _compensation;

    public void Reset()
    {
        _sum = 0;
        _compensation = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double x)
    {
        var t = _sum + x;
        _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
        _sum = t;
    }
}

/// <summary>
/// Wilder's RSI step (<see cref="Rsi"/>): the gain and the loss of each close-to-close change through their own RMA
/// step, the RSI once the loss average is seeded (NaN before, and the last value stays until then). Shared by the RSI
/// kernel and the fused batches, so the three agree by construction.
/// </summary>
internal struct RsiStep
{
    private RmaStep _gain;
    private RmaStep _loss;

    public RsiStep(int period)
    {
        _gain = new RmaStep(period);
        _loss = new RmaStep(period);
        Value = double.NaN;
    }

    public double Value;

    /// <summary>Takes one change of the close (close - previous close) and returns the RSI (NaN until ready).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next(double change)
    {
        var g = _gain.Next(Math.Max(change, 0.0));
        var l = _loss.Next(Math.Max(-change, 0.0));
        if (_loss.IsReady)
        {
            Value = IndicatorKernels.RsiOf(g, l);
        }

        return Value;
    }
}
