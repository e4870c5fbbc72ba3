namespace Tessera.Core.Indicators;

/// <summary>
/// Wilder's running sum as TA-Lib (<c>TA_ADX</c>) and R TTR (<c>wilderSum</c>) seed it: the first n-1 inputs are
/// summed, and from the n-th input on S = S - S/n + x. The first value is therefore (n-1)/n times the sum of n-1
/// inputs plus the n-th, not the sum of n inputs: this is why their ADX differs from TradingView's during warm-up.
/// Used by <see cref="Adx"/> under <see cref="FirstBarConvention.TaLibTtr"/>.
/// </summary>
internal sealed class WilderSum
{
    private readonly int _period;
    private int _count;
    private double _sum;

    public WilderSum(int period)
    {
        _period = IndicatorGuard.Period(period, 1);
    }

    public bool IsReady => _count >= _period;

    public double Value => IsReady ? _sum : double.NaN;

    public void Update(double value)
    {
        if (_count < _period - 1)
        {
            _sum += value;
        }
        else
        {
            // TA-Lib's expression order: prevTR = prevTR - (prevTR / n) + TR.
            _sum = _sum - (_sum / _period) + value;
        }

        _count++;
    }
}
