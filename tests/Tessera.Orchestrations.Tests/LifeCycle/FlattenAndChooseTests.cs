using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.LifeCycle.Activities;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

public sealed class FlattenAndChooseTests
{
    private static AtomDescriptor Atom(string symbol, string direction, string sector, string logic = "hold") =>
        new($"{symbol}|{logic}|{direction}", symbol, logic, direction, sector, 100);

    private static MarketArtifact Market()
    {
        double[] a = [0.01, -0.02, 0.015, 0.0, -0.01, 0.02];
        double[] b = [-0.005, 0.01, 0.0, 0.02, -0.015, 0.005];
        return new MarketArtifact([1, 2, 3, 4, 5, 6], ["X:A", "X:B"], ["s1", "s2"], [a, b], [1e7, 1e7]);
    }

    [Fact]
    public void Longs_and_shorts_of_one_asset_net_whatever_their_logic_and_keep_both_legs()
    {
        var atoms = new[] { Atom("X:A", "LONG", "s1"), Atom("X:A", "SHORT", "s1", "connors-rsi2"), Atom("X:B", "SHORT", "s2") };
        var (weights, _) = FlattenActivity.Flatten(["X:A|hold|LONG", "X:A|connors-rsi2|SHORT", "X:B|hold|SHORT"], [0.5, 0.2, 0.3], atoms, Market(), maxWeight: 1.0);
        var a = weights.Single(w => w.Symbol == "X:A");
        Assert.Equal(0.3, a.Weight, 15);
        Assert.Equal(0.5, a.LongWeight);
        Assert.Equal(0.2, a.ShortWeight);
        Assert.False(a.Capped);
        var b = weights.Single(w => w.Symbol == "X:B");
        Assert.Equal(-0.3, b.Weight, 15);
        Assert.Equal("s2", b.Sector);
        Assert.Equal(1.0, weights.Sum(w => w.RiskContribution), 12); // risk contributions of the net weights sum to 1
    }

    [Fact]
    public void The_cap_is_re_applied_after_netting_and_the_excess_stays_in_cash()
    {
        var atoms = new[] { Atom("X:A", "LONG", "s1"), Atom("X:A", "LONG", "s1", "connors-rsi2"), Atom("X:B", "SHORT", "s2") };
        var (weights, _) = FlattenActivity.Flatten(["X:A|hold|LONG", "X:A|connors-rsi2|LONG", "X:B|hold|SHORT"], [0.1, 0.08, 0.05], atoms, Market(), maxWeight: 0.1);
        var a = weights.Single(w => w.Symbol == "X:A");
        Assert.Equal(0.1, a.Weight, 15); // 0.18 from two atoms, cut to the 10% cap
        Assert.True(a.Capped);
        Assert.Equal(-0.05, weights.Single(w => w.Symbol == "X:B").Weight, 15);
    }

    private static OptimizerOutput Result(string name, double vol) =>
        new(name, new ArtifactRecord("p", "h", 1, "application/json"), ["a"], [1.0], [1.0], vol, []);

    [Fact]
    public void Min_volatility_policy_picks_the_lowest_and_prefer_policy_picks_the_named_one()
    {
        var results = new[] { Result("equal_weight", 0.20), Result("inverse_volatility", 0.15) };
        Assert.Equal("inverse_volatility", ChooseActivity.Choose("min_volatility", results).Chosen.Optimizer);
        Assert.Equal("equal_weight", ChooseActivity.Choose("prefer:equal_weight", results).Chosen.Optimizer);
        var tie = new[] { Result("b", 0.1), Result("a", 0.1) };
        Assert.Equal("a", ChooseActivity.Choose("min_volatility", tie).Chosen.Optimizer);
    }
}

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("Energy", "Energy")]
    [InlineData("Oil, Gas", "\"Oil, Gas\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData(null, "")]
    public void Quotes_per_rfc_4180_and_defuses_formulas(string? text, string expected) =>
        Assert.Equal(expected, Tessera.Orchestrations.Artifacts.CsvText.Field(text));
}
