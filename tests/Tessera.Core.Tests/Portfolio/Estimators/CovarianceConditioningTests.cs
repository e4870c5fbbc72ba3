using Tessera.Core.Portfolio.Estimators;
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
}
