namespace Tessera.Core.Governance;

/// <summary>
/// One-day historical value at risk: the loss not exceeded on (confidence) of the last <c>window</c> daily returns.
/// Estimator (stated because historical VaR has several): the returns sorted ascending, the k-th smallest with
/// k = ⌊(1 − confidence) × n⌋ (0-based), so at 95 % over 250 days it is the 13th worst return; VaR is its negative
/// (a positive number is a loss). Returns must be finite.
/// </summary>
public static class HistoricalVar
{
    public static double OneDay(ReadOnlySpan<double> returns, double confidence = 0.95, int window = 250)
    {
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence in (0, 1)");
        }

        if (window < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "a window of at least 20 returns");
        }

        if (returns.Length < window)
        {
            throw new ArgumentException($"{returns.Length} returns, the window needs {window}", nameof(returns));
        }

        var sample = returns[^window..].ToArray();
        foreach (var r in sample)
        {
            if (!double.IsFinite(r))
            {
                throw new ArgumentException("returns must be finite", nameof(returns));
            }
        }

        Array.Sort(sample);
        var k = (int)Math.Floor((1 - confidence) * window);
        return -sample[k];
    }
}
