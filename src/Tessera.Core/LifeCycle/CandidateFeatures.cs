using Tessera.Core.Indicators;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// The features a recruited candidate carries into data/portfolio_candidates.json, where the L1 contract checks them:
/// <c>rsi_14</c> (Wilder's RSI(14) on the last day, on the 0..100 scale) and <c>adv_20d</c> (the 20-day average dollar
/// volume the L0 step measured). The market frame holds returns, not prices; RSI is computed on the closes rebuilt
/// from the returns (c_0 = 1, c_t = c_(t-1) (1 + r_t)), which gives the RSI of the real closes because RSI is
/// invariant to the price scale (gains and losses scale together). Missing returns (NaN, before an asset's history
/// starts) are skipped. Fewer than 15 closes leave RSI undefined (NaN), which the L1 contract refuses.
/// </summary>
public static class CandidateFeatures
{
    public const string Rsi14 = "rsi_14";
    public const string AverageDollarVolume20 = "adv_20d";

    public static double Rsi(ReadOnlySpan<double> returns, int period = 14)
    {
        var rsi = new Rsi(period);
        var close = 1.0;
        rsi.Update(close);
        foreach (var r in returns)
        {
            if (double.IsNaN(r))
            {
                continue;
            }

            close *= 1.0 + r;
            rsi.Update(close);
        }

        return rsi.IsReady ? rsi.Value : double.NaN;
    }

    /// <summary>The features of one asset, by name (ordinal order when enumerated through a sorted view).</summary>
    public static IReadOnlyDictionary<string, double> Of(ReadOnlySpan<double> returns, double averageDollarVolume) =>
        new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [AverageDollarVolume20] = averageDollarVolume,
            [Rsi14] = Rsi(returns),
        };
}
