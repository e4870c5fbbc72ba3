using Tessera.Core.Errors;
using Tessera.Core.Metrics;

namespace Tessera.Core.Validation;

public enum CscvMetric
{
    /// <summary>Per-period Sharpe ratio mean / sample sd (the paper's default).</summary>
    Sharpe = 0,

    /// <summary>Mean per-period return.</summary>
    Mean = 1,
}

/// <summary>Result of CSCV: one logit per split and their share at or below zero.</summary>
public sealed record PboResult(double Pbo, double[] Logits, int[] SelectedStrategy, int Splits);

/// <summary>
/// Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein,
/// Lopez de Prado &amp; Zhu 2017). The T x N performance matrix (N strategies, column layout
/// returns[n][t]) is cut into S equal row blocks (trailing T mod S rows are dropped); for each of the C(S, S/2)
/// choices of in-sample blocks the best in-sample strategy n* (lowest index on ties) is ranked out of sample among
/// all N (rank 1 = worst, ties get average ranks), omega = rank / (N + 1), lambda = ln(omega / (1 - omega)),
/// and PBO = share of splits with lambda &lt;= 0.
/// </summary>
public static class BacktestOverfitting
{
    public static PboResult Cscv(IReadOnlyList<double[]> returnsByStrategy, int blocks = 16, CscvMetric metric = CscvMetric.Sharpe)
    {
        ArgumentNullException.ThrowIfNull(returnsByStrategy);
        var n = returnsByStrategy.Count;
        if (n < 2)
        {
            throw new TesseraValidationException("strategies", n.ToString(), "need at least two strategies");
        }

        if (blocks < 2 || blocks % 2 != 0)
        {
            throw new TesseraValidationException("blocks", blocks.ToString(), "must be even and >= 2");
        }

        var t = returnsByStrategy[0].Length;
        for (var j = 0; j < n; j++)
        {
            if (returnsByStrategy[j].Length != t)
            {
                throw new TesseraValidationException("returns", returnsByStrategy[j].Length.ToString(), "every strategy must have " + t + " observations", "strategy " + j);
            }

            ReturnSeries.RequireFinite(returnsByStrategy[j], "returns");
        }

        var blockLen = t / blocks;
        if (blockLen < 1 || (metric == CscvMetric.Sharpe && blockLen * blocks / 2 < 2))
        {
            throw new TesseraValidationException("observations", t.ToString(), "too few observations for " + blocks + " blocks");
        }

        var half = blocks / 2;
        var combos = Combinations.All(blocks, half);
        var logits = new double[combos.Count];
        var selected = new int[combos.Count];
        var isPerf = new double[n];
        var oosPerf = new double[n];
        var isBuf = new double[half * blockLen];
        var oosBuf = new double[half * blockLen];
        var overfit = 0;
        for (var c = 0; c < combos.Count; c++)
        {
            var inSample = new bool[blocks];
            foreach (var b in combos[c])
            {
                inSample[b] = true;
            }

            for (var j = 0; j < n; j++)
            {
                int ki = 0, ko = 0;
                var r = returnsByStrategy[j];
                for (var b = 0; b < blocks; b++)
                {
                    var dst = inSample[b] ? isBuf : oosBuf;
                    var k = inSample[b] ? ki : ko;
                    Array.Copy(r, b * blockLen, dst, k, blockLen);
                    if (inSample[b])
                    {
                        ki += blockLen;
                    }
                    else
                    {
                        ko += blockLen;
                    }
                }

                isPerf[j] = Evaluate(isBuf, metric);
                oosPerf[j] = Evaluate(oosBuf, metric);
            }

            var best = 0;
            for (var j = 1; j < n; j++)
            {
                if (isPerf[j] > isPerf[best])
                {
                    best = j;
                }
            }

            double below = 0, ties = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == best)
                {
                    continue;
                }

                if (oosPerf[j] < oosPerf[best])
                {
                    below++;
                }
                else if (oosPerf[j] == oosPerf[best])
                {
                    ties++;
                }
            }

            var rank = 1 + below + (ties / 2.0);
            var omega = rank / (n + 1.0);
            logits[c] = Math.Log(omega / (1 - omega));
            selected[c] = best;
            if (logits[c] <= 0)
            {
                overfit++;
            }
        }

        return new PboResult((double)overfit / combos.Count, logits, selected, combos.Count);
    }

    private static double Evaluate(double[] r, CscvMetric metric) =>
        metric == CscvMetric.Mean ? PerformanceMetrics.Mean(r) : PerformanceMetrics.PeriodSharpe(r);
}
