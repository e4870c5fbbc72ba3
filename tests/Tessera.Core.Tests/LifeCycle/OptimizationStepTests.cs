using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class OptimizationStepTests
{
    // Zero-mean streams with zero covariance: var(a) = 4 x 0.0001 / 3, var(b) = 2 x 0.0004 / 3 = 2 var(a).
    private static readonly double[] A = [0.01, -0.01, 0.01, -0.01];
    private static readonly double[] B = [0.02, 0.0, -0.02, 0.0];

    private sealed class Refusing : IAllocator
    {
        public string Name => "refusing";

        public AllocationResult Allocate(AllocationProblem problem) => throw new InfeasibleProblemException("refusing", "problem", null, "no room");
    }

    [Fact]
    public void Weights_risk_contributions_and_annualized_volatility_of_one_engine()
    {
        var result = OptimizationStep.Run(new EqualWeightAllocator(), ["a", "b"], [A, B], maxWeight: 1.0);

        Assert.Equal([0.5, 0.5], result.Weights);

        // Portfolio 0.5 a + 0.5 b = [0.015, -0.005, -0.005, -0.005]: mean 0, sample variance 0.0003 / 3 = 0.0001.
        Assert.Equal(0.01 * Math.Sqrt(252), result.AnnualizedVolatility, 12);

        // RC_i = w_i (Sigma w)_i / w' Sigma w = 0.25 var_i / 0.0001: var(a) : var(b) = 1 : 2.
        Assert.Equal(1.0 / 3.0, result.RiskContributions[0], 12);
        Assert.Equal(2.0 / 3.0, result.RiskContributions[1], 12);
        Assert.DoesNotContain(result.Diagnostics, d => d.StartsWith("fallback", StringComparison.Ordinal));
    }

    [Fact]
    public void An_infeasible_engine_falls_back_to_erc_and_the_fallback_leads_the_diagnostics()
    {
        var result = OptimizationStep.Run(new Refusing(), ["a", "b"], [A, B], maxWeight: 1.0);

        // ERC with zero correlation is inverse volatility: sigma_b = sqrt(2) sigma_a, so w_a = sqrt(2) / (1 + sqrt(2)).
        Assert.Equal(Math.Sqrt(2) / (1 + Math.Sqrt(2)), result.Weights[0], 6);
        Assert.Equal(1 / (1 + Math.Sqrt(2)), result.Weights[1], 6);
        Assert.StartsWith("fallback from refusing to erc: ", result.Diagnostics[0], StringComparison.Ordinal);
        Assert.Contains("no room", result.Diagnostics[0], StringComparison.Ordinal);
    }
}
