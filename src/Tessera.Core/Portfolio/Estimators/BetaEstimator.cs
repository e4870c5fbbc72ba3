using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Estimators;

/// <summary>beta_i = cov(r_i, r_b) / var(r_b) against a benchmark series aligned row by row.</summary>
public static class BetaEstimator
{
    public static double[] Estimate(double[][] returns, double[] benchmark)
    {
        var n = returns[0].Length;
        if (benchmark is null || benchmark.Length != n)
        {
            throw new TesseraValidationException("benchmark", PortfolioInputValidation.Str(benchmark?.Length ?? 0) + " rows", "the benchmark must have one return per row (" + PortfolioInputValidation.Str(n) + ")");
        }

        var mb = ColumnStatistics.Mean(benchmark);
        var varB = 0.0;
        for (var t = 0; t < n; t++)
        {
            if (!double.IsFinite(benchmark[t]))
            {
                throw new TesseraValidationException("benchmark", PortfolioInputValidation.Str(benchmark[t]), "benchmark returns must be finite", "row " + PortfolioInputValidation.Str(t));
            }

            var d = benchmark[t] - mb;
            varB += d * d;
        }

        if (varB == 0)
        {
            throw new TesseraValidationException("benchmark", "constant", "a constant benchmark has zero variance; betas are undefined");
        }

        var betas = new double[returns.Length];
        for (var j = 0; j < returns.Length; j++)
        {
            var col = returns[j];
            var mj = ColumnStatistics.Mean(col);
            var cov = 0.0;
            for (var t = 0; t < n; t++)
            {
                cov += (col[t] - mj) * (benchmark[t] - mb);
            }

            betas[j] = cov / varB;
        }

        return betas;
    }
}
