using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

/// <summary>Profile constraints over atoms: Alpha blueprint ADV cap (seed 000 risk.adv_position_limit), sector caps, the beta band's benchmark.</summary>
public sealed class AtomConstraintsTests
{
    private static readonly double[][] Market = [[0.01, -0.02, 0.03, 0.0], [0.03, 0.0, -0.01, 0.02]];

    [Fact]
    public void Seed000_adv_cap_is_fraction_times_adv_over_capital_split_over_the_assets_atoms()
    {
        // Asset A: 0.01 x 1e6 / 1e7 = 0.001, two atoms -> 0.0005 each; asset B: 0.01 x 4e6 / 1e7 = 0.004, one atom.
        var c = AtomConstraints.Build(["X:A", "X:A", "X:B"], ["tech", "tech", "energy"], [Market[0], Market[0], Market[1]], ["X:A", "X:B"], Market, [1e6, 4e6], null, null, 0.01, 1e7);
        Assert.Equal([0.0005, 0.0005, 0.004], c.CapacityCaps!);
        Assert.Equal(0.001, c.AssetCaps!["X:A"], 15);
        Assert.Equal(0.004, c.AssetCaps["X:B"], 15);
        Assert.Null(c.Groups);
        Assert.Null(c.Betas);
    }

    [Fact]
    public void Sector_caps_group_atoms_by_their_assets_sector_and_reach_the_allocation_constraints()
    {
        var c = AtomConstraints.Build(["X:A", "X:A", "X:B"], ["tech", "tech", "energy"], [Market[0], Market[0], Market[1]], ["X:A", "X:B"], Market, [1e6, 4e6], null, 0.6, null, null);
        Assert.Equal(new string?[] { "tech", "tech", "energy" }.AsEnumerable(), c.Groups!.AsEnumerable());
        Assert.Equal(0.6, c.GroupCaps!["tech"]);
        Assert.Equal(0.6, c.GroupCaps["energy"]);
        var allocation = c.ToAllocation(0.5);
        Assert.Equal(0.5, allocation.MaxWeight);
        Assert.Same(c.Groups, allocation.AssetGroups);
        Assert.Null(allocation.CapacityCaps);
        Assert.Null(allocation.BetaBand);
    }

    [Fact]
    public void The_beta_benchmark_is_the_universes_equal_weight_return_row_by_row()
    {
        var mean = AtomConstraints.EqualWeightBenchmark(Market, 4);
        double[] expected = [0.02, -0.01, 0.01, 0.01]; // (0.01 + 0.03) / 2, (-0.02 + 0) / 2, (0.03 - 0.01) / 2, (0 + 0.02) / 2
        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(expected[t], mean[t], 15);
        }

        // An atom that is the benchmark itself has beta 1; its short inversion has beta -1.
        double[] benchmark = [0.02, -0.01, 0.01, 0.01];
        var c = AtomConstraints.Build(["X:A", "X:B"], ["s", "s"], [benchmark, [-0.02, 0.01, -0.01, -0.01]], ["X:A", "X:B"], Market, [1, 1], 0.15, null, null, null);
        Assert.Equal(1.0, c.Betas![0], 12);
        Assert.Equal(-1.0, c.Betas[1], 12);
        Assert.Equal(0.15, c.BetaBand);
    }

    [Fact]
    public void Adv_caps_below_the_budget_make_the_allocation_infeasible_with_a_typed_error()
    {
        var c = AtomConstraints.Build(["X:A", "X:B"], ["s", "s"], Market, ["X:A", "X:B"], Market, [1e6, 1e6], null, null, 0.01, 1e7);
        var problem = new AllocationProblem { AssetIds = ["X:A|hold|LONG", "X:B|hold|LONG"], Returns = Market, Constraints = c.ToAllocation(1.0) };
        Assert.Throws<InfeasibleProblemException>(() => new EqualWeightAllocator().Allocate(problem));
    }
}
