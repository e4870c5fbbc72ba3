using MathNet.Numerics.Distributions;
using Tessera.Core.Errors;
using Tessera.Core.Metrics;

namespace Tessera.Core.Validation;

/// <summary>Sample moments used by the PSR: population (biased) skewness m3 / m2^1.5 and raw kurtosis m4 / m2^2.</summary>
public readonly record struct ReturnMoments(int Count, double Mean, double SampleStdDev, double Skewness, double Kurtosis)
{
    public double PeriodSharpe => SampleStdDev == 0 ? 0 : Mean / SampleStdDev;

    public static ReturnMoments Of(ReadOnlySpan<double> returns)
    {
        var n = returns.Length;
        if (n < 2)
        {
            throw new TesseraValidationException("returns", n.ToString(), "need at least two observations");
        }

        var mean = PerformanceMetrics.Mean(returns);
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var r in returns)
        {
            if (!double.IsFinite(r))
            {
                throw new TesseraValidationException("returns", r.ToString("R"), "values must be finite");
            }

            var d = r - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        m2 /= n;
        m3 /= n;
        m4 /= n;
        var skew = m2 == 0 ? 0 : m3 / Math.Pow(m2, 1.5);
        var kurt = m2 == 0 ? 3 : m4 / (m2 * m2);
        return new ReturnMoments(n, mean, PerformanceMetrics.SampleStdDev(returns), skew, kurt);
    }
}

/// <summary>
/// Probabilistic and deflated Sharpe ratios (Bailey &amp; Lopez de Prado 2012 "The Sharpe Ratio Efficient Frontier";
/// 2014 "The Deflated Sharpe Ratio"), exactly as in ALGORITHMS.md. All Sharpe ratios are per period (not annualized).
/// </summary>
public static class SharpeSignificance
{
    public const double EulerGamma = 0.5772156649;

    /// <summary>PSR(SR*) = Phi((SR - SR*) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2)).</summary>
    public static double Probabilistic(double sharpe, double benchmarkSharpe, int observations, double skewness, double kurtosis)
    {
        if (observations < 2)
        {
            throw new TesseraValidationException("observations", observations.ToString(), "must be >= 2");
        }

        Require(sharpe, "sharpe");
        Require(benchmarkSharpe, "benchmarkSharpe");
        Require(skewness, "skewness");
        Require(kurtosis, "kurtosis");
        var denom = 1.0 - (skewness * sharpe) + ((kurtosis - 1.0) / 4.0 * sharpe * sharpe);
        if (!(denom > 0))
        {
            throw new TesseraValidationException("kurtosis", kurtosis.ToString("R"), "1 - g3 SR + (g4 - 1)/4 SR^2 must be positive");
        }

        return Normal.CDF(0, 1, (sharpe - benchmarkSharpe) * Math.Sqrt(observations - 1) / Math.Sqrt(denom));
    }

    public static double Probabilistic(ReadOnlySpan<double> returns, double benchmarkSharpe = 0)
    {
        var m = ReturnMoments.Of(returns);
        return Probabilistic(m.PeriodSharpe, benchmarkSharpe, m.Count, m.Skewness, m.Kurtosis);
    }

    /// <summary>Expected maximum of N standard normal Sharpe estimates, in units of their standard deviation.</summary>
    public static double ExpectedMaxStandardNormal(int trials)
    {
        if (trials < 2)
        {
            throw new TesseraValidationException("trials", trials.ToString(), "must be >= 2 (one trial has nothing to deflate)");
        }

        return ((1 - EulerGamma) * Normal.InvCDF(0, 1, 1 - (1.0 / trials))) + (EulerGamma * Normal.InvCDF(0, 1, 1 - (1.0 / (trials * Math.E))));
    }

    /// <summary>SR0 = sqrt(V[SR_n]) * ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e))).</summary>
    public static double DeflatedBenchmark(double trialSharpeVariance, int trials)
    {
        if (!(trialSharpeVariance >= 0) || !double.IsFinite(trialSharpeVariance))
        {
            throw new TesseraValidationException("trialSharpeVariance", trialSharpeVariance.ToString("R"), "must be finite and >= 0");
        }

        return Math.Sqrt(trialSharpeVariance) * ExpectedMaxStandardNormal(trials);
    }

    /// <summary>DSR = PSR(SR0).</summary>
    public static double Deflated(double sharpe, int observations, double skewness, double kurtosis, double trialSharpeVariance, int trials) =>
        Probabilistic(sharpe, DeflatedBenchmark(trialSharpeVariance, trials), observations, skewness, kurtosis);

    /// <summary>DSR of the selected strategy's returns given the per-period Sharpe ratios of every trial (variance with n - 1).</summary>
    public static double Deflated(ReadOnlySpan<double> selectedReturns, ReadOnlySpan<double> trialSharpes)
    {
        var m = ReturnMoments.Of(selectedReturns);
        var sd = PerformanceMetrics.SampleStdDev(trialSharpes);
        return Deflated(m.PeriodSharpe, m.Count, m.Skewness, m.Kurtosis, sd * sd, trialSharpes.Length);
    }

    private static void Require(double v, string field)
    {
        if (!double.IsFinite(v))
        {
            throw new TesseraValidationException(field, v.ToString("R"), "must be finite");
        }
    }
}
