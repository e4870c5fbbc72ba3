using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Xunit;

namespace Tessera.Core.Tests.Portfolio.Allocation;

public sealed class EqualWeightAllocatorTests
{
    [Fact]
    public void Unconstrained_gives_one_over_n_and_risk_contributions_sum_to_one()
    {
        var returns = PortfolioTestData.FactorReturns(5, 200, 1);
        var result = new EqualWeightAllocator().Allocate(new AllocationProblem { AssetIds = PortfolioTestData.Ids(5), Returns = returns });
        foreach (var w in result.Weights)
        {
            Assert.Equal(0.2, w, 15);
        }

        Assert.Equal(1.0, PortfolioTestData.Sum(result.RiskContributions), 12);
        Assert.Equal("ew", result.Method);
    }

    [Fact]
    public void Max_weight_cap_redistributes_proportionally_to_the_uncapped_assets()
    {
        // 3 assets, cap 0.3 and min 0.5 on asset 0: w0 = 0.5, the other two share 0.5 equally (0.25 each < 0.3).
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(3),
            Covariance = PortfolioTestData.FactorCovariance(3, 2),
            Constraints = new AllocationConstraints { MinWeights = [0.5, 0, 0], MaxWeights = [0.6, 0.3, 0.3] },
        };
        var w = new EqualWeightAllocator().Allocate(problem).Weights;
        Assert.Equal(0.5, w[0], 9);
        Assert.Equal(0.25, w[1], 9);
        Assert.Equal(0.25, w[2], 9);
    }

    [Fact]
    public void Group_cap_is_respected_and_the_rest_stays_equal_inside_each_side()
    {
        // 4 assets, group "tech" = {0,1} capped at 0.3: tech gets 0.15 each, the others 0.35 each.
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(4),
            Covariance = PortfolioTestData.FactorCovariance(4, 3),
            Constraints = new AllocationConstraints
            {
                AssetGroups = ["tech", "tech", "energy", null],
                GroupCaps = new Dictionary<string, double>(StringComparer.Ordinal) { ["tech"] = 0.3 },
            },
        };
        var w = new EqualWeightAllocator().Allocate(problem).Weights;
        Assert.Equal(0.15, w[0], 9);
        Assert.Equal(0.15, w[1], 9);
        Assert.Equal(0.35, w[2], 9);
        Assert.Equal(0.35, w[3], 9);
    }

    [Fact]
    public void Turnover_penalty_blends_toward_previous_weights()
    {
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(2),
            Covariance = PortfolioTestData.FactorCovariance(2, 4),
            Constraints = new AllocationConstraints { PreviousWeights = [1.0, 0.0], TurnoverPenalty = 1.0 },
        };
        var w = new EqualWeightAllocator().Allocate(problem).Weights;
        Assert.Equal(0.75, w[0], 12);
        Assert.Equal(0.25, w[1], 12);
    }

    [Fact]
    public void Infeasible_bounds_raise_a_typed_error_naming_the_problem()
    {
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(3),
            Covariance = PortfolioTestData.FactorCovariance(3, 5),
            Constraints = new AllocationConstraints { MaxWeight = 0.2 },
        };
        var ex = Assert.Throws<InfeasibleProblemException>(() => new EqualWeightAllocator().Allocate(problem));
        Assert.Contains("sum below the budget", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_above_max_raises_infeasible_bounds()
    {
        var problem = new AllocationProblem
        {
            AssetIds = PortfolioTestData.Ids(2),
            Covariance = PortfolioTestData.FactorCovariance(2, 5),
            Constraints = new AllocationConstraints { MinWeights = [0.6, 0], MaxWeights = [0.5, 1] },
        };
        var ex = Assert.Throws<InfeasibleProblemException>(() => new EqualWeightAllocator().Allocate(problem));
        Assert.Equal("constraints[A000]", ex.Field);
    }

    [Fact]
    public void Covariance_of_the_wrong_size_is_rejected()
    {
        var problem = new AllocationProblem { AssetIds = PortfolioTestData.Ids(3), Covariance = PortfolioTestData.FactorCovariance(2, 5) };
        Assert.Throws<TesseraValidationException>(() => new EqualWeightAllocator().Allocate(problem));
    }

    [Fact]
    public void Covariance_matrix_rejects_asymmetry_and_nonpositive_variance()
    {
        Assert.Throws<TesseraValidationException>(() => new CovarianceMatrix(2, [1, 0.5, 0.4, 1]));
        Assert.Throws<TesseraValidationException>(() => new CovarianceMatrix(2, [1, 0, 0, 0]));
        Assert.Throws<TesseraValidationException>(() => new CovarianceMatrix(2, [1, double.NaN, double.NaN, 1]));
    }
}
