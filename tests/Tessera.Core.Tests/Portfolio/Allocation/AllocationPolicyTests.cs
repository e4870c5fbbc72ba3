using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class AllocationPolicyTests
{
    [Fact]
    public void Bad_input_is_not_masked_by_the_fallback()
    {
        var r = PortfolioTestData.FactorReturns(3, 20, 1);
        r[0][3] = double.NaN;
        Assert.Throws<TesseraValidationException>(() => new AllocationPolicy().Allocate(new MinimumVarianceAllocator(), new AllocationProblem { AssetIds = PortfolioTestData.Ids(3), Returns = r }));
    }

    [Fact]
    public void Infeasible_beta_band_in_min_variance_falls_back_to_ERC_which_reports_the_same_infeasibility()
    {
        // The band is infeasible for every engine (all betas >= 0.8 > 0.15), so the fallback cannot fix it
        // and its typed error propagates: the caller sees why, nothing is returned silently.
        var problem = new AllocationProblem { AssetIds = PortfolioTestData.Ids(4), Covariance = PortfolioTestData.FactorCovariance(4, 51), Betas = [0.8, 0.9, 1.0, 1.1], Constraints = new AllocationConstraints { BetaBand = 0.15 } };
        Assert.Throws<InfeasibleProblemException>(() => new AllocationPolicy().Allocate(new MinimumVarianceAllocator(), problem));
    }

    [Fact]
    public void Solver_that_does_not_converge_raises_a_typed_error_and_the_policy_records_the_fallback()
    {
        var cov = PortfolioTestData.FactorCovariance(30, 7);
        var problem = new AllocationProblem { AssetIds = PortfolioTestData.Ids(30), Covariance = cov };
        Assert.Throws<SolverConvergenceException>(() => new RiskBudgetingAllocator { MaxSweeps = 1 }.Allocate(problem));
        var result = new AllocationPolicy(new InverseVolatilityAllocator()).Allocate(new RiskBudgetingAllocator { MaxSweeps = 1 }, problem);
        Assert.Equal("ivol", result.Method);
        Assert.Equal("erc", result.FallbackFrom);
        Assert.Contains("residual", result.FallbackReason!, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_weight_is_invariant_to_permuting_the_asset_order_with_per_asset_caps()
    {
        var ids = PortfolioTestData.Ids(6);
        var caps = new[] { 0.1, 0.3, 0.3, 0.3, 0.3, 0.3 };
        var perm = PortfolioTestData.Shuffle(6, 3);
        var cov = PortfolioTestData.FactorCovariance(6, 4);
        var a = new EqualWeightAllocator().Allocate(new AllocationProblem { AssetIds = ids, Covariance = cov, Constraints = new AllocationConstraints { MaxWeights = caps } }).Weights;
        var b = new EqualWeightAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Permute(ids, perm), Covariance = PortfolioTestData.Permute(cov, perm), Constraints = new AllocationConstraints { MaxWeights = PortfolioTestData.Permute(caps, perm) } }).Weights;
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(a[perm[i]], b[i], 12);
        }

        Assert.Equal(0.1, a[0], 9);
        Assert.Equal(0.18, a[1], 9);
    }
}

public sealed class L4OnEveryOutputTests
{
    private sealed class BrokenAllocator : IAllocator
    {
        public string Name => "broken";

        public AllocationResult Allocate(AllocationProblem problem) =>
            AllocationResult.Create(Name, problem, problem.ResolveCovariance(), [0.9, 0.4, -0.3], []);
    }

    [Fact]
    public void A_result_that_breaks_L4_cannot_be_built_and_the_policy_replaces_it_with_ERC()
    {
        var problem = new AllocationProblem { AssetIds = ["a", "b", "c"], Covariance = PortfolioTestData.FactorCovariance(3, 9) };
        var ex = Assert.Throws<PortfolioInvariantException>(() => new BrokenAllocator().Allocate(problem));
        Assert.Equal("weights[c]", ex.Field);
        var result = new AllocationPolicy().Allocate(new BrokenAllocator(), problem);
        Assert.Equal("erc", result.Method);
        Assert.Equal("broken", result.FallbackFrom);
    }

    [Fact]
    public void Ledoit_Wolf_allocates_with_fewer_rows_than_assets_where_the_sample_covariance_is_refused()
    {
        var returns = PortfolioTestData.FactorReturns(40, 25, 12);
        var ids = PortfolioTestData.Ids(40);
        Assert.Throws<TesseraValidationException>(() => new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = ids, Returns = returns }));
        var result = new MinimumVarianceAllocator().Allocate(new AllocationProblem { AssetIds = ids, Returns = returns, CovarianceEstimator = new LedoitWolfEstimator() });
        Assert.Equal(1.0, result.Weights.Sum(), 9);
    }
}
