using Tessera.Core.Data;

namespace Tessera.Core.Contracts;

/// <summary>
/// Builds the returns matrix the optimizers see, in this order: (1) L0 gate on each series; (2) union calendar
/// of all surviving bars; (3) density rule: drop assets whose gap ratio 1 - n_i/|U| exceeds MaxGapRatio;
/// (4) inner join of the remaining assets' calendars (dates any of them lacks are dropped and reported; nothing
/// is ever zero-filled); (5) simple returns close[t]/close[t-1]-1 on the joined calendar; (6) toxic check
/// |r| &gt; ToxicAbsReturn: strict throws, lenient drops the asset, records it, and re-joins without it;
/// (7) |r| &gt; WarnAbsReturn recorded as warnings.
/// </summary>
public static class ReturnsMatrixBuilder
{
    public static ReturnsBuildResult Build(IReadOnlyList<BarSeries> series, ReturnsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new ReturnsOptions();
        var violations = new List<ContractViolation>();
        var dropped = new List<DroppedAsset>();

        var clean = new List<BarSeries>(series.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (!seen.Add(s.Symbol))
            {
                throw new ContractViolationException(new ContractViolation("symbols must be unique", s.Symbol, "symbol", s.Symbol, null, ViolationSeverity.Dropped));
            }

            var gated = L0Gate.Check(s, options.Mode, options.DailyBars);
            violations.AddRange(gated.Violations);
            clean.Add(gated.Series);
        }

        var union = TradingCalendar.Union(clean);
        var dense = new List<BarSeries>(clean.Count);
        foreach (var s in clean)
        {
            var gap = union.Length == 0 ? 1.0 : 1.0 - (s.Count / (double)union.Length);
            if (gap > options.MaxGapRatio || s.Count < 2)
            {
                var rule = s.Count < 2 ? ContractRules.TooShort : ContractRules.Density;
                dropped.Add(new DroppedAsset(s.Symbol, rule, gap, s.Count, $"{union.Length - s.Count} of {union.Length} union dates missing"));
                continue;
            }

            dense.Add(s);
        }

        while (true)
        {
            if (dense.Count == 0)
            {
                throw Empty("no asset survived the L0 gate, density rule and toxic filter");
            }

            var (dates, droppedDates) = InnerJoin(dense);
            if (dates.Length < 2)
            {
                throw Empty($"inner join of {dense.Count} assets leaves {dates.Length} common dates");
            }

            var columns = new double[dense.Count][];
            var toxic = new List<int>();
            for (var j = 0; j < dense.Count; j++)
            {
                columns[j] = Returns(dense[j], dates);
                var worst = WorstAbs(columns[j], out var at);
                if (worst > options.ToxicAbsReturn)
                {
                    var v = new ContractViolation(ContractRules.ToxicReturn, dense[j].Symbol, "return", columns[j][at].ToString("R"), dates[at + 1], ViolationSeverity.Dropped);
                    if (options.Mode == ContractMode.Strict)
                    {
                        throw new ContractViolationException(v);
                    }

                    violations.Add(v);
                    dropped.Add(new DroppedAsset(dense[j].Symbol, ContractRules.ToxicReturn, 1.0 - (dense[j].Count / (double)union.Length), dense[j].Count, $"r = {columns[j][at]:R} on {BarSeries.ToUtc(dates[at + 1]):yyyy-MM-dd}"));
                    toxic.Add(j);
                }
            }

            if (toxic.Count > 0)
            {
                for (var k = toxic.Count - 1; k >= 0; k--)
                {
                    dense.RemoveAt(toxic[k]);
                }

                continue;
            }

            for (var j = 0; j < columns.Length; j++)
            {
                var col = columns[j];
                for (var t = 0; t < col.Length; t++)
                {
                    if (Math.Abs(col[t]) > options.WarnAbsReturn)
                    {
                        violations.Add(new ContractViolation(ContractRules.LargeReturn, dense[j].Symbol, "return", col[t].ToString("R"), dates[t + 1], ViolationSeverity.Warning));
                    }
                }
            }

            var symbols = new string[dense.Count];
            for (var j = 0; j < symbols.Length; j++)
            {
                symbols[j] = dense[j].Symbol;
            }

            var matrix = new ReturnsMatrix(dates[1..], symbols, columns);
            return new ReturnsBuildResult(matrix, union.Length, dropped, droppedDates, violations);
        }
    }

    private static ContractViolationException Empty(string detail) =>
        new(new ContractViolation(ContractRules.EmptyMatrix, "matrix", "assets", detail, null, ViolationSeverity.Dropped));

    /// <summary>Dates every asset has, and dates some asset has but not all (dropped by the join).</summary>
    private static (long[] Common, long[] Dropped) InnerJoin(List<BarSeries> series)
    {
        var union = TradingCalendar.Union(series);
        var counts = new int[union.Length];
        foreach (var s in series)
        {
            var u = 0;
            foreach (var ts in s.Timestamps)
            {
                while (union[u] != ts)
                {
                    u++;
                }

                counts[u]++;
            }
        }

        var common = new List<long>(union.Length);
        var dropped = new List<long>();
        for (var u = 0; u < union.Length; u++)
        {
            (counts[u] == series.Count ? common : dropped).Add(union[u]);
        }

        return (common.ToArray(), dropped.ToArray());
    }

    /// <summary>Simple returns of <paramref name="s"/> between consecutive <paramref name="dates"/> (all present in s).</summary>
    private static double[] Returns(BarSeries s, long[] dates)
    {
        var r = new double[dates.Length - 1];
        var k = 0;
        var previous = double.NaN;
        for (var t = 0; t < dates.Length; t++)
        {
            while (s.Timestamps[k] != dates[t])
            {
                k++;
            }

            var close = s.Close[k];
            if (t > 0)
            {
                r[t - 1] = (close / previous) - 1.0;
            }

            previous = close;
        }

        return r;
    }

    private static double WorstAbs(double[] values, out int at)
    {
        at = 0;
        var worst = 0.0;
        for (var t = 0; t < values.Length; t++)
        {
            var a = Math.Abs(values[t]);
            if (a > worst)
            {
                worst = a;
                at = t;
            }
        }

        return worst;
    }
}
