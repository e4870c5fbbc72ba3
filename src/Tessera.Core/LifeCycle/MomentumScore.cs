using Tessera.Core.Errors;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// Momentum 12-1 from a simple-return column: the compounded return from t-lookback to t-skip
/// (ALGORITHMS.md: t-252 to t-21), i.e. prod(1 + r_k) - 1 over k in (t-lookback, t-skip], evaluated at the
/// last observation t = n-1. Only past data is used; the most recent <c>skip</c> days are excluded
/// on purpose (short-term reversal).
/// </summary>
public static class MomentumScore
{
    public static double Compute(ReadOnlySpan<double> returns, int lookback, int skip)
    {
        if (lookback < 1 || skip < 0 || skip >= lookback)
        {
            throw new TesseraValidationException("momentum.lookback", $"{lookback}/{skip}", "need lookback >= 1 and 0 <= skip < lookback");
        }

        var n = returns.Length;
        if (n < lookback)
        {
            throw new TesseraValidationException("momentum.returns", n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"need at least {lookback} returns");
        }

        // Price index P_t = prod(1 + r); momentum = P_{t-skip} / P_{t-lookback} - 1, which compounds r over (t-lookback, t-skip].
        var growth = 1.0;
        for (var k = n - lookback; k < n - skip; k++)
        {
            var r = returns[k];
            if (!double.IsFinite(r))
            {
                throw new TesseraValidationException("momentum.returns", r.ToString(System.Globalization.CultureInfo.InvariantCulture), "returns must be finite");
            }

            growth *= 1.0 + r;
        }

        return growth - 1.0;
    }
}
