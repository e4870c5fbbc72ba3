using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.LifeCycle.Activities;
using Xunit;

namespace Tessera.Orchestrations.Tests.LifeCycle;

public sealed class FlattenAndChooseTests
{
    private static Candidate Atom(string symbol, string direction, string sector) =>
        new(symbol, "X", direction, "spot", new Dictionary<string, string> { ["sector"] = sector });

    [Fact]
    public void Longs_and_shorts_of_one_asset_net_and_keep_both_legs()
    {
        var atoms = new[] { Atom("X:A", "LONG", "s1"), Atom("X:A", "SHORT", "s1"), Atom("X:B", "SHORT", "s2") };
        var weights = FlattenActivity.Flatten(["X:A|LONG", "X:A|SHORT", "X:B|SHORT"], [0.5, 0.2, 0.3], atoms);
        var a = weights.Single(w => w.Symbol == "X:A");
        Assert.Equal(0.3, a.Weight, 15);
        Assert.Equal(0.5, a.LongWeight);
        Assert.Equal(0.2, a.ShortWeight);
        var b = weights.Single(w => w.Symbol == "X:B");
        Assert.Equal(-0.3, b.Weight);
        Assert.Equal("s2", b.Sector);
        Assert.Equal(["X:A", "X:B"], weights.Select(w => w.Symbol));
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
