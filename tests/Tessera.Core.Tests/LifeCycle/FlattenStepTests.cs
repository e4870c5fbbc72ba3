using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class FlattenStepTests
{
    // Means 0.0025 and 0.0025; sample variances 0.0011875 / 5 = 0.0002375 and 0.0007375 / 5 = 0.0001475;
    // sample covariance -0.0000375 / 5 = -0.0000075 (deviation products summed by hand).
    private static readonly double[] ReturnsA = [0.01, -0.02, 0.015, 0.0, -0.01, 0.02];
    private static readonly double[] ReturnsB = [-0.005, 0.01, 0.0, 0.02, -0.015, 0.005];
    private static readonly double[] ReturnsC = [0.001, 0.002, 0.003, 0.001, 0.002, 0.004];

    private static SynthesizedAtom Atom(string symbol, string logic, Side direction, string sector) =>
        new($"{symbol}|{logic}|{(direction == Side.Short ? "SHORT" : "LONG")}", symbol, logic, direction, sector, 100);

    private static FlattenResult Flatten(string[] names, double[] weights, SynthesizedAtom[] atoms, double maxWeight) =>
        FlattenStep.Run(names, weights, atoms, ["X:A", "X:B", "X:C"], [ReturnsA, ReturnsB, ReturnsC], maxWeight);

    [Fact]
    public void Long_and_short_atoms_of_one_asset_net_whatever_their_logic_and_keep_both_legs()
    {
        SynthesizedAtom[] atoms = [Atom("X:A", "hold", Side.Long, "s1"), Atom("X:A", "connors-rsi2", Side.Short, "s1"), Atom("X:B", "hold", Side.Short, "s2")];
        var result = Flatten(["X:A|hold|LONG", "X:A|connors-rsi2|SHORT", "X:B|hold|SHORT"], [0.5, 0.2, 0.3], atoms, maxWeight: 1.0);

        // A: 0.5 long - 0.2 short = 0.3; B: -0.3. Equal magnitudes: ordered by symbol. Gross 0.6, net 0.
        Assert.Equal(["X:A", "X:B"], result.Weights.Select(w => w.Symbol));
        var a = result.Weights[0];
        Assert.Equal(0.3, a.Weight, 15);
        Assert.Equal(0.5, a.LongWeight);
        Assert.Equal(0.2, a.ShortWeight);
        Assert.False(a.Capped);
        Assert.Equal("s1", a.Sector);
        var b = result.Weights[1];
        Assert.Equal(-0.3, b.Weight, 15);
        Assert.Equal(0.0, b.LongWeight);
        Assert.Equal(0.3, b.ShortWeight);
        Assert.Equal("s2", b.Sector);
        Assert.Equal(0.6, result.GrossExposure, 15);
        Assert.Equal(0.0, result.NetExposure, 15);

        // Sigma w = [0.3 x 0.0002375 + 0.3 x 0.0000075, -0.3 x 0.0000075 - 0.3 x 0.0001475] = [0.0000735, -0.0000465];
        // w' Sigma w = 0.00002205 + 0.00001395 = 0.000036: RC_A = 0.6125, RC_B = 0.3875 (X:C carries no weight).
        Assert.Equal(0.6125, a.RiskContribution, 12);
        Assert.Equal(0.3875, b.RiskContribution, 12);
        Assert.Contains(result.Notes, n => n.StartsWith("netted 0.2 of long and short on X:A", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cap_is_re_applied_after_netting_and_the_excess_stays_in_cash()
    {
        SynthesizedAtom[] atoms = [Atom("X:A", "hold", Side.Long, "s1"), Atom("X:A", "connors-rsi2", Side.Long, "s1"), Atom("X:B", "hold", Side.Short, "s2")];
        var result = Flatten(["X:A|hold|LONG", "X:A|connors-rsi2|LONG", "X:B|hold|SHORT"], [0.1, 0.08, 0.05], atoms, maxWeight: 0.1);

        // A: 0.1 + 0.08 = 0.18 long, cut to the 10% cap; the 0.08 excess is not moved to B. Gross 0.15, net 0.05.
        var a = result.Weights[0];
        Assert.Equal("X:A", a.Symbol);
        Assert.Equal(0.1, a.Weight, 15);
        Assert.Equal(0.18, a.LongWeight, 15);
        Assert.True(a.Capped);
        Assert.Equal(-0.05, result.Weights[1].Weight, 15);
        Assert.False(result.Weights[1].Capped);
        Assert.Equal(0.15, result.GrossExposure, 15);
        Assert.Equal(0.05, result.NetExposure, 15);
        Assert.Contains(result.Notes, n => n.StartsWith("cap 0.1 re-applied on X:A", StringComparison.Ordinal));
    }

    [Fact]
    public void Weights_are_ordered_by_magnitude_and_a_fully_netted_asset_stays_with_weight_zero()
    {
        SynthesizedAtom[] atoms = [Atom("X:C", "hold", Side.Long, "s3"), Atom("X:C", "rsi", Side.Short, "s3"), Atom("X:B", "hold", Side.Long, "s2"), Atom("X:A", "hold", Side.Short, "s1")];
        var result = Flatten(["X:C|hold|LONG", "X:C|rsi|SHORT", "X:B|hold|LONG", "X:A|hold|SHORT"], [0.2, 0.2, 0.1, 0.4], atoms, maxWeight: 1.0);
        Assert.Equal(["X:A", "X:B", "X:C"], result.Weights.Select(w => w.Symbol));
        Assert.Equal([-0.4, 0.1, 0.0], result.Weights.Select(w => w.Weight));
        Assert.Equal(0.5, result.GrossExposure, 15);
        Assert.Equal(-0.3, result.NetExposure, 15);
    }

    [Fact]
    public void A_weighted_atom_that_was_not_synthesized_or_a_ragged_input_is_a_typed_error()
    {
        SynthesizedAtom[] atoms = [Atom("X:A", "hold", Side.Long, "s1")];
        var ex = Assert.Throws<TesseraValidationException>(() => Flatten(["X:A|rsi|LONG"], [0.5], atoms, 1.0));
        Assert.Equal("X:A|rsi|LONG", ex.Value);
        Assert.Throws<TesseraValidationException>(() => Flatten(["X:A|hold|LONG"], [0.5, 0.5], atoms, 1.0));
    }
}
