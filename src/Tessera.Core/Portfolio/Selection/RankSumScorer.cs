using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Selection;

/// <summary>
/// Rank-sum scoring: each factor is normalized across the candidates of one direction (logistic,
/// z-score or rank), reversed for SHORT candidates (they want low values: ascending), ranked, and
/// the ranks are summed; score = sum of ranks / (factors * (n - 1)) in [0, 1], higher is better.
/// Summing ranks instead of raw values keeps one extreme factor from dominating.
/// </summary>
public static class RankSumScorer
{
    public static double[] Score(IReadOnlyList<SelectionCandidate> candidates, IReadOnlyList<ScoringFactor> factors)
    {
        var n = candidates.Count;
        var scores = new double[n];
        if (n == 0 || factors.Count == 0)
        {
            return scores;
        }

        foreach (var direction in new[] { Side.Long, Side.Short })
        {
            var members = new List<int>();
            for (var i = 0; i < n; i++)
            {
                if (candidates[i].Direction == direction)
                {
                    members.Add(i);
                }
            }

            if (members.Count == 0)
            {
                continue;
            }

            var sum = new double[members.Count];
            foreach (var factor in factors)
            {
                var raw = new double[members.Count];
                for (var a = 0; a < members.Count; a++)
                {
                    var c = candidates[members[a]];
                    if (!c.Factors.TryGetValue(factor.Name, out var v) || !double.IsFinite(v))
                    {
                        throw new TesseraValidationException("factors[" + factor.Name + "]", c.Key, "every candidate needs a finite value for each scoring factor");
                    }

                    raw[a] = v;
                }

                var normalized = Normalize(raw, factor.Normalization);
                if (direction == Side.Short)
                {
                    for (var a = 0; a < normalized.Length; a++)
                    {
                        normalized[a] = 1.0 - normalized[a];
                    }
                }

                var ranks = AverageRanks(normalized);
                for (var a = 0; a < sum.Length; a++)
                {
                    sum[a] += ranks[a];
                }
            }

            var denominator = factors.Count * Math.Max(1, members.Count - 1);
            for (var a = 0; a < members.Count; a++)
            {
                scores[members[a]] = members.Count == 1 ? 1.0 : sum[a] / denominator;
            }
        }

        return scores;
    }

    public static double[] Normalize(double[] x, FactorNormalization how)
    {
        var n = x.Length;
        if (how == FactorNormalization.Rank)
        {
            var r = AverageRanks(x);
            for (var i = 0; i < n; i++)
            {
                r[i] = n == 1 ? 0.5 : r[i] / (n - 1);
            }

            return r;
        }

        var mean = 0.0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= n;
        var ss = 0.0;
        foreach (var v in x)
        {
            ss += (v - mean) * (v - mean);
        }

        var sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0.0;
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var z = sd > 0 ? (x[i] - mean) / sd : 0.0;
            result[i] = how == FactorNormalization.Logistic ? 1.0 / (1.0 + Math.Exp(-z)) : (Math.Clamp(z, -3, 3) + 3) / 6;
        }

        return result;
    }

    /// <summary>0-based ranks ascending; ties get the average of their positions.</summary>
    public static double[] AverageRanks(double[] x)
    {
        var n = x.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => x[a].CompareTo(x[b]) != 0 ? x[a].CompareTo(x[b]) : a.CompareTo(b));
        var ranks = new double[n];
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end + 1 < n && x[order[end + 1]] == x[order[start]])
            {
                end++;
            }

            var avg = (start + end) / 2.0;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = avg;
            }

            start = end + 1;
        }

        return ranks;
    }
}
