using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Estimators;

public sealed class BetaEstimatorTests
{
    [Fact]
    public void Beta_of_an_affine_series_is_its_slope()
    {
        double[] b = [0.01, -0.02, 0.015, 0.003, -0.007];
        var doubled = b.Select(x => (2 * x) + 0.001).ToArray();
        var betas = BetaEstimator.Estimate([doubled, b], b);
        Assert.Equal(2.0, betas[0], 12);
        Assert.Equal(1.0, betas[1], 12);
    }

    [Fact]
    public void Misaligned_or_constant_benchmark_is_rejected()
    {
        Assert.Throws<TesseraValidationException>(() => BetaEstimator.Estimate([[1, 2, 3]], [1, 2]));
        Assert.Throws<TesseraValidationException>(() => BetaEstimator.Estimate([[1, 2, 3]], [1, 1, 1]));
    }
}
