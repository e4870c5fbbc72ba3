using MathNet.Numerics.Distributions;
using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

public sealed class SharpeSignificanceTests
{
    /// <summary>
    /// Worked example of Bailey &amp; Lopez de Prado (2014), "The Deflated Sharpe Ratio", J. Portfolio Management 40(5),
    /// section "A numerical example": N = 100 trials, V[SR_n] = 1/2 annualized (1/500 per day with 250 days a year),
    /// the selected strategy has annualized SR 2.5 over T = 1250 daily returns, skewness -3, kurtosis 10.
    /// The paper reports SR0 = 0.1132 (per day) and DSR = 0.9004 (both to four decimals).
    /// </summary>
    [Fact]
    public void Deflated_sharpe_matches_the_paper_worked_example()
    {
        var sr0 = SharpeSignificance.DeflatedBenchmark(0.5 / 250, 100);
        Assert.Equal(0.1132, sr0, 4);
        var dsr = SharpeSignificance.Deflated(2.5 / Math.Sqrt(250), 1250, -3, 10, 0.5 / 250, 100);
        Assert.Equal(0.9004, dsr, 4);
    }

    [Fact]
    public void Expected_maximum_of_standard_normals_is_the_euler_mascheroni_approximation()
    {
        // (1 - g) Phi^-1(0.99) + g Phi^-1(1 - 1/(100 e)) with g = 0.5772156649.
        var expected = (0.4227843351 * 2.3263478740408408) + (0.5772156649 * Normal.InvCDF(0, 1, 1 - (1 / (100 * Math.E))));
        Assert.Equal(expected, SharpeSignificance.ExpectedMaxStandardNormal(100), 12);
        Assert.Equal(2.5306, SharpeSignificance.ExpectedMaxStandardNormal(100), 4);
    }

    [Fact]
    public void Psr_hand_cases()
    {
        Assert.Equal(0.5, SharpeSignificance.Probabilistic(0.1, 0.1, 250, -1, 6), 14);

        // Normal returns (g3 = 0, g4 = 3): z = SR sqrt(T - 1) / sqrt(1 + SR^2 / 2).
        var z = 0.1 * Math.Sqrt(99) / Math.Sqrt(1 + (0.01 / 2));
        Assert.Equal(Normal.CDF(0, 1, z), SharpeSignificance.Probabilistic(0.1, 0, 100, 0, 3), 14);

        // Negative skew and fat tails lower the PSR of a positive Sharpe.
        Assert.True(SharpeSignificance.Probabilistic(0.1, 0, 100, -2, 9) < SharpeSignificance.Probabilistic(0.1, 0, 100, 0, 3));
    }

    [Fact]
    public void Psr_from_returns_uses_population_moments()
    {
        double[] r = [0.10, -0.05, 0.02, -0.03];

        // Hand-derived: mean .01, deviations .09 -.06 .01 -.04.
        var m2 = 0.0134 / 4;
        var m3 = (0.000729 - 0.000216 + 0.000001 - 0.000064) / 4;
        var m4 = (0.00006561 + 0.00001296 + 0.00000001 + 0.00000256) / 4;
        var moments = ReturnMoments.Of(r);
        Assert.Equal(m3 / Math.Pow(m2, 1.5), moments.Skewness, 10);
        Assert.Equal(m4 / (m2 * m2), moments.Kurtosis, 10);
        var sr = 0.01 / Math.Sqrt(0.0134 / 3);
        Assert.Equal(SharpeSignificance.Probabilistic(sr, 0, 4, moments.Skewness, moments.Kurtosis), SharpeSignificance.Probabilistic(r), 14);
    }

    [Fact]
    public void Dsr_from_trials_uses_the_sample_variance_of_trial_sharpes()
    {
        double[] selected = [0.02, -0.01, 0.015, 0.005, -0.002, 0.01, 0.0, 0.012];
        double[] trials = [0.1, 0.3, -0.2, 0.05, 0.4];
        var m = ReturnMoments.Of(selected);
        var mean = trials.Average();
        var v = trials.Sum(x => (x - mean) * (x - mean)) / 4;
        var expected = SharpeSignificance.Probabilistic(m.PeriodSharpe, Math.Sqrt(v) * SharpeSignificance.ExpectedMaxStandardNormal(5), 8, m.Skewness, m.Kurtosis);
        Assert.Equal(expected, SharpeSignificance.Deflated(selected, trials), 14);
    }

    [Fact]
    public void Bad_inputs_are_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => SharpeSignificance.Probabilistic(double.NaN, 0, 10, 0, 3));
        Assert.Throws<TesseraValidationException>(() => SharpeSignificance.Probabilistic(0.1, 0, 1, 0, 3));
        Assert.Throws<TesseraValidationException>(() => SharpeSignificance.ExpectedMaxStandardNormal(1));
        Assert.Throws<TesseraValidationException>(() => SharpeSignificance.DeflatedBenchmark(-1, 10));
    }
}
