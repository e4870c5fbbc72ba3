namespace Tessera.Core.Regime.Hmm;

/// <summary>Per-regime figures of a decoded series: share of time, mean daily return and daily volatility, mean spell length.</summary>
public sealed record RegimeStatistic(HmmRegime Regime, int Days, double TimeShare, double MeanReturn, double Volatility, double MeanSpellDays);

/// <summary>Aggregates over a state path (Viterbi) and the observations it explains; what docs publish instead of the series.</summary>
public static class RegimeStatistics
{
    public static IReadOnlyList<RegimeStatistic> Compute(ReadOnlySpan<double> returns, ReadOnlySpan<int> path, IReadOnlyList<HmmRegime> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (returns.Length != path.Length)
        {
            throw new ArgumentException("returns and path differ in length", nameof(path));
        }

        var k = labels.Count;
        var days = new int[k];
        var sum = new double[k];
        var spells = new int[k];
        for (var n = 0; n < path.Length; n++)
        {
            days[path[n]]++;
            sum[path[n]] += returns[n];
            if (n == 0 || path[n - 1] != path[n])
            {
                spells[path[n]]++;
            }
        }

        var ss = new double[k];
        for (var n = 0; n < path.Length; n++)
        {
            var d = returns[n] - (sum[path[n]] / days[path[n]]);
            ss[path[n]] += d * d;
        }

        var result = new List<RegimeStatistic>(k);
        for (var s = 0; s < k; s++)
        {
            result.Add(new RegimeStatistic(
                labels[s],
                days[s],
                path.Length == 0 ? 0 : (double)days[s] / path.Length,
                days[s] == 0 ? double.NaN : sum[s] / days[s],
                days[s] < 2 ? double.NaN : Math.Sqrt(ss[s] / (days[s] - 1)),
                spells[s] == 0 ? 0 : (double)days[s] / spells[s]));
        }

        return result;
    }
}
