using Tessera.Core.Data;

namespace Tessera.Core.Contracts;

/// <summary>Bars that passed the L0 gate and what was found on the way.</summary>
public sealed record L0Result(BarSeries Series, IReadOnlyList<ContractViolation> Violations);

/// <summary>
/// L0 gate over one bar series (ALGORITHMS.md "Returns and contracts"): timestamps strictly increasing (sorted,
/// unique), every value finite, prices &gt; 0, volume &gt;= 0, low &lt;= open, close &lt;= high, and for daily bars a
/// 00:00 UTC stamp. Timestamps are UTC by construction (epoch ms). Strict mode throws on the first violation;
/// lenient mode drops the offending bar and records why. The gate never repairs a value.
/// </summary>
public static class L0Gate
{
    public static L0Result Check(BarSeries bars, ContractMode mode = ContractMode.Lenient, bool dailyBars = false)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var violations = new List<ContractViolation>();
        var keep = new int[bars.Count];
        var kept = 0;
        var last = long.MinValue;
        for (var t = 0; t < bars.Count; t++)
        {
            var v = Inspect(bars, t, last, dailyBars);
            if (v is not null)
            {
                if (mode == ContractMode.Strict)
                {
                    throw new ContractViolationException(v);
                }

                violations.Add(v);
                continue;
            }

            keep[kept++] = t;
            last = bars.Timestamps[t];
        }

        if (kept == bars.Count)
        {
            return new L0Result(bars, violations);
        }

        return new L0Result(Select(bars, keep.AsSpan(0, kept)), violations);
    }

    private static ContractViolation? Inspect(BarSeries b, int t, long previous, bool daily)
    {
        var ts = b.Timestamps[t];
        ContractViolation Drop(string rule, string field, double value) =>
            new(rule, b.Symbol, field, value.ToString("R"), ts, ViolationSeverity.Dropped);

        if (ts == previous)
        {
            return new ContractViolation(ContractRules.Duplicate, b.Symbol, "timestamp", ts.ToString(), ts, ViolationSeverity.Dropped);
        }

        if (ts < previous)
        {
            return new ContractViolation(ContractRules.NotSorted, b.Symbol, "timestamp", ts.ToString(), ts, ViolationSeverity.Dropped);
        }

        if (daily && ts % 86_400_000L != 0)
        {
            return new ContractViolation(ContractRules.NotUtcMidnight, b.Symbol, "timestamp", ts.ToString(), ts, ViolationSeverity.Dropped);
        }

        var (o, h, l, c, vol) = (b.Open[t], b.High[t], b.Low[t], b.Close[t], b.Volume[t]);
        foreach (var (name, value) in new[] { ("open", o), ("high", h), ("low", l), ("close", c), ("volume", vol) })
        {
            if (!double.IsFinite(value))
            {
                return Drop(ContractRules.NonFinite, name, value);
            }
        }

        foreach (var (name, value) in new[] { ("open", o), ("high", h), ("low", l), ("close", c) })
        {
            if (value <= 0)
            {
                return Drop(ContractRules.NonPositivePrice, name, value);
            }
        }

        if (vol < 0)
        {
            return Drop(ContractRules.NegativeVolume, "volume", vol);
        }

        if (o < l || o > h)
        {
            return Drop(ContractRules.Ohlc, "open", o);
        }

        if (c < l || c > h)
        {
            return Drop(ContractRules.Ohlc, "close", c);
        }

        return null;
    }

    private static BarSeries Select(BarSeries b, ReadOnlySpan<int> rows)
    {
        var n = rows.Length;
        var ts = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        for (var k = 0; k < n; k++)
        {
            var t = rows[k];
            ts[k] = b.Timestamps[t];
            o[k] = b.Open[t];
            h[k] = b.High[t];
            l[k] = b.Low[t];
            c[k] = b.Close[t];
            v[k] = b.Volume[t];
        }

        return new BarSeries(b.Symbol, ts, o, h, l, c, v);
    }
}
