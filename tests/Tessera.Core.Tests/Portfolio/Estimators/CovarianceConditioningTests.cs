using Tessera.Core.Portfolio.Estimators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

public sealed class CovarianceConditioningTests
{
    [Fact]
    public void Condition_number_of_a_diagonal_matrix_is_the_ratio_of_extremes()
    {
        var c = new CovarianceMatrix(3, [4, 0, 0, 0, 1, 0, 0, 0, 0.5]);
        Assert.Equal(8.0, CovarianceConditioning.ConditionNumber(c), 10);
    }

    [Fact]
    public void Repair_clips_the_negative_eigenvalue_of_an_indefinite_correlation_like_matrix()
    {
        // [[1, .9, .9], [.9, 1, -.9], [.9, -.9, 1]] has eigenvalues -0.8, 1.9, 1.9 (hand: trace 3, det < 0).
        var c = new CovarianceMatrix(3, [1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]);
        Assert.False(CovarianceConditioning.IsPositiveDefinite(c));
        var fixedC = CovarianceConditioning.RepairPositiveDefinite(c, out var repaired);
        Assert.True(repaired);
        var spectral = SpectralDecomposition.Of(fixedC);
        Assert.True(spectral.MinEigenValue > 0);
        Assert.Equal(1.9, spectral.MaxEigenValue, 10);
        Assert.Equal(-0.8, SpectralDecomposition.Of(c).MinEigenValue, 10);
    }

    [Fact]
    public void Ridge_doubles_lambda_until_kappa_below_5000_and_stops_at_the_first_such_lambda()
    {
        // Eigenvalues 1 and 1e-6 (kappa 1e6). trace/p = 0.5000005; lambda_k = 1e-8 * 0.5000005 * 2^(k-1).
        var c = new CovarianceMatrix(2, [1, 0, 0, 1e-6]);
        var report = CovarianceConditioning.Prepare(c);
        Assert.True(report.ConditionAfter < 5000);
        Assert.Equal(report.ConditionAfter, CovarianceConditioning.ConditionNumber(report.Covariance), 6);
        var previous = report.RidgeLambda / 2;
        Assert.True((1 + previous) / (1e-6 + previous) >= 5000, "the previous doubling must not yet satisfy kappa < 5000");
        Assert.Equal(report.RidgeLambda, 1e-8 * 0.5000005 * Math.Pow(2, report.RidgeSteps - 1), 15);
        Assert.NotEmpty(report.Notes);
    }

    [Fact]
    public void Well_conditioned_matrix_is_returned_unchanged()
    {
        var c = new CovarianceMatrix(2, [1, 0.2, 0.2, 1]);
        var report = CovarianceConditioning.Prepare(c);
        Assert.Same(c, report.Covariance);
        Assert.Equal(0.0, report.RidgeLambda);
    }

    [Fact]
    public void Fast_path_condition_number_matches_the_full_eigendecomposition()
    {
        // Lanczos extremes (Prepare's fast path) against MathNet's full symmetric EVD.
        var returns = PortfolioTestData.FactorReturns(60, 90, 17);
        var cov = new SampleCovarianceEstimator().Estimate(returns);
        var exact = SpectralDecomposition.Of(cov).ConditionNumber;
        var fast = CovarianceConditioning.Prepare(cov).ConditionBefore;
        Assert.Equal(exact, fast, exact * 1e-8);
    }

    [Fact]
    public void Ill_conditioned_sample_covariance_gets_a_ridge_that_brings_kappa_below_5000()
    {
        var returns = PortfolioTestData.FactorReturns(80, 85, 18);
        var cov = new SampleCovarianceEstimator().Estimate(returns);
        var report = CovarianceConditioning.Prepare(cov);
        Assert.True(report.ConditionBefore >= 5000, "fixture must be ill-conditioned; kappa = " + report.ConditionBefore);
        Assert.True(report.RidgeLambda > 0);
        Assert.True(SpectralDecomposition.Of(report.Covariance).ConditionNumber < 5000);
    }

    [Theory]
    [InlineData(4990.0, false)]
    [InlineData(4999.0, false)]
    [InlineData(5001.0, true)]
    [InlineData(5010.0, true)]
    [InlineData(40.0, false)]
    [InlineData(1e5, true)]
    public void The_ridge_decision_and_lambda_equal_the_full_eigendecomposition_path_on_both_sides_of_5000(double kappa, bool ridge)
    {
        // A rotated spectrum from kappa down to 1 (a dense matrix, not a diagonal one), exact kappa by construction.
        var cov = RotatedSpectrum(40, kappa, seed: 5);
        var fast = CovarianceConditioning.Prepare(cov);
        var exact = CovarianceConditioning.PrepareWithSpectrum(cov);
        Assert.Equal(ridge, fast.RidgeLambda > 0);
        Assert.Equal(exact.RidgeSteps, fast.RidgeSteps);
        Assert.Equal(exact.RidgeLambda, fast.RidgeLambda, exact.RidgeLambda * 1e-9); // trace summed from the diagonal vs the eigenvalues
        Assert.Equal(!ridge, fast.CertifiedWellConditioned);
        Assert.Equal(kappa, fast.ConditionBefore, kappa * 1e-8);
        if (!ridge)
        {
            Assert.Same(cov, fast.Covariance);
            Assert.Equal(fast.ConditionBefore, fast.ConditionAfter);
        }
    }

    [Fact]
    public void Certified_well_conditioned_report_gives_the_Lanczos_condition_number_when_read()
    {
        var returns = PortfolioTestData.FactorReturns(60, 90, 17);
        var cov = new SampleCovarianceEstimator().Estimate(returns);
        var report = CovarianceConditioning.Prepare(cov);
        Assert.True(report.CertifiedWellConditioned);
        Assert.Equal(SpectralDecomposition.Of(cov).ConditionNumber, report.ConditionBefore, report.ConditionBefore * 1e-8);
        Assert.NotNull(report.Factor);
        Assert.Empty(report.Notes);
    }

    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void Peer_benchmark_covariance_kappa_3379_is_certified_and_needs_no_ridge_as_on_the_full_eigendecomposition()
    {
        // The bench-peers input: Ledoit-Wolf of the daily returns of the symbols with a bar on every date (461 x 1,258).
        var universe = Tessera.Core.Tests.Indicators.SpDailyData.All;
        var calendar = universe.Max(s => s.Count);
        var full = universe.Where(s => s.Count == calendar).ToList();
        full = full.Where(s => s.Timestamps.AsSpan().SequenceEqual(full[0].Timestamps)).ToList();
        var returns = new double[full.Count][];
        for (var j = 0; j < full.Count; j++)
        {
            var c = full[j].Close;
            returns[j] = new double[c.Length - 1];
            for (var t = 1; t < c.Length; t++)
            {
                returns[j][t - 1] = (c[t] / c[t - 1]) - 1.0;
            }
        }

        var cov = new LedoitWolfEstimator().Estimate(returns);
        var fast = CovarianceConditioning.Prepare(cov);
        var exact = CovarianceConditioning.PrepareWithSpectrum(cov);
        Assert.True(fast.CertifiedWellConditioned);
        Assert.Equal(0.0, exact.RidgeLambda);
        Assert.Equal(0.0, fast.RidgeLambda);
        Assert.Same(cov, fast.Covariance);
        Assert.Equal(exact.ConditionBefore, fast.ConditionBefore, exact.ConditionBefore * 1e-8);
        Assert.InRange(fast.ConditionBefore, 3000, 4000);
    }

    private static CovarianceMatrix RotatedSpectrum(int n, double kappa, ulong seed)
    {
        var rng = new Tessera.Core.Determinism.DeterministicRandom(seed);
        var q = new double[n][];
        for (var k = 0; k < n; k++)
        {
            q[k] = new double[n];
            for (var i = 0; i < n; i++)
            {
                q[k][i] = rng.NextDouble() - 0.5;
            }

            // Gram-Schmidt, twice.
            for (var pass = 0; pass < 2; pass++)
            {
                for (var b = 0; b < k; b++)
                {
                    var dot = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        dot += q[k][i] * q[b][i];
                    }

                    for (var i = 0; i < n; i++)
                    {
                        q[k][i] -= dot * q[b][i];
                    }
                }
            }

            var norm = Math.Sqrt(q[k].Sum(x => x * x));
            for (var i = 0; i < n; i++)
            {
                q[k][i] /= norm;
            }
        }

        // Eigenvalues geometrically from 1e-4 * kappa down to 1e-4 (a covariance-like scale).
        var values = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            var lambda = 1e-4 * Math.Pow(kappa, (double)k / (n - 1));
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    values[(i * n) + j] += lambda * q[k][i] * q[k][j];
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var m = 0.5 * (values[(i * n) + j] + values[(j * n) + i]);
                values[(i * n) + j] = m;
                values[(j * n) + i] = m;
            }
        }

        return new CovarianceMatrix(n, values);
    }
}
