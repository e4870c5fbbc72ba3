using Tessera.Core.Errors;
using Tessera.Core.Meta;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.Meta;

/// <summary>The meta portfolio's domain, each rule on hand-worked numbers.</summary>
public sealed class MetaDomainTests
{
    private static SleeveStream Stream(string name, Side side, long[] dates, double[] returns, double[]? basket = null, params (string Symbol, double Weight)[] weights) =>
        new(name, side, dates, returns, basket ?? new double[returns.Length], [.. weights.Select(w => new SleeveAssetWeight(w.Symbol, "S", w.Weight))]);

    [Fact]
    public void Completeness_fails_on_a_missing_run_id_artifact_or_empty_stream_naming_each_sleeve()
    {
        var report = SleeveCompletenessGate.Evaluate(
        [
            new SleeveFacts("ok", Side.Long, "r1", [], 10),
            new SleeveFacts("no_run", Side.Long, null, [], 0),
            new SleeveFacts("no_file", Side.Short, "r3", ["weights.json"], 0),
            new SleeveFacts("empty", Side.Short, "r4", [], 0),
        ], allowSingleSleeve: false);
        Assert.False(report.Passed);
        Assert.Equal([true, false, false, false], report.Rows.Select(r => r.Complete));
        Assert.Equal(
            ["sleeve no_run: no run id", "sleeve no_file: missing required artifact weights.json in run r3", "sleeve empty: empty return stream in run r4"],
            report.Failures);
    }

    [Fact]
    public void A_single_sleeve_passes_only_when_declared()
    {
        SleeveFacts[] one = [new("only", Side.Long, "r1", [], 5)];
        var refused = SleeveCompletenessGate.Evaluate(one, allowSingleSleeve: false);
        Assert.False(refused.Passed);
        Assert.Contains("allow_single_sleeve", refused.Failures.Single(), StringComparison.Ordinal);
        Assert.True(SleeveCompletenessGate.Evaluate(one, allowSingleSleeve: true).Passed);
        Assert.False(SleeveCompletenessGate.Evaluate([], allowSingleSleeve: true).Passed);
    }

    [Fact]
    public void Correlation_matches_the_hand_computed_value()
    {
        // x = [1,2,3], y = [1,3,2]: deviations [-1,0,1] and [-1,1,0]; sxy = 1, sxx = syy = 2 -> 0.5.
        Assert.Equal(0.5, DirectionalSignTest.Correlation([1, 2, 3], [1, 3, 2]), 15);
        Assert.Equal(0, DirectionalSignTest.Correlation([1, 1, 1], [1, 3, 2])); // constant: 0, which a short sleeve fails
    }

    [Fact]
    public void The_sign_test_passes_a_true_short_and_names_an_inverted_or_net_long_one()
    {
        long[] d = [1, 2, 3, 4];
        double[] basket = [0.01, -0.02, 0.03, -0.01];
        double[] shortReturns = [-0.01, 0.02, -0.03, 0.01];
        var report = DirectionalSignTest.BeforeOptimization(
        [
            Stream("long", Side.Long, d, basket, basket, ("A", 1.0)), // long sleeves are not tested
            Stream("good", Side.Short, d, shortReturns, basket, ("A", -1.0)),
            Stream("inverted", Side.Short, d, basket, basket, ("A", -1.0)), // booked as a long: moves with its basket
            Stream("net_long", Side.Short, d, shortReturns, basket, ("A", -0.4), ("B", 0.6)),
        ]);
        Assert.False(report.Passed);
        Assert.Equal(["good", "inverted", "net_long"], report.Rows.Select(r => r.Sleeve));
        Assert.Equal(-1.0, report.Rows[0].BasketCorrelation, 12);
        Assert.True(report.Rows[0].Passed);
        Assert.Equal(1.0, report.Rows[1].BasketCorrelation, 12);
        Assert.Equal(2, report.Failures.Count);
        Assert.StartsWith("sleeve inverted: return stream does not move against", report.Failures[0], StringComparison.Ordinal);
        Assert.StartsWith("sleeve net_long: not net short: net exposure 0.2", report.Failures[1], StringComparison.Ordinal);
    }

    [Fact]
    public void After_optimization_a_short_sleeve_needs_a_non_negative_weight_and_contributes_short_exposure()
    {
        long[] d = [1, 2, 3];
        var sleeves = new[]
        {
            Stream("l", Side.Long, d, [0.01, 0.0, -0.01], null, ("A", 1.0)),
            Stream("s", Side.Short, d, [-0.01, 0.0, 0.01], [0.01, 0.0, -0.01], ("B", -0.5)),
        };
        var ok = DirectionalSignTest.AfterOptimization(sleeves, [0.6, 0.4]);
        Assert.True(ok.Passed);
        Assert.Equal(-0.2, ok.Rows.Single().ContributedExposure!.Value, 15); // 0.4 x -0.5
        Assert.True(DirectionalSignTest.AfterOptimization(sleeves, [1.0, 0.0]).Passed); // weight 0: not held
        var flipped = DirectionalSignTest.AfterOptimization(sleeves, [1.2, -0.2]);
        Assert.False(flipped.Passed);
        Assert.Contains("sleeve s: meta weight -0.2 < 0", flipped.Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_inner_join_keeps_only_shared_dates_pads_nothing_and_records_what_it_dropped()
    {
        var a = Stream("a", Side.Long, [1, 2, 3, 4], [0.1, 0.2, 0.3, 0.4], [1, 2, 3, 4]);
        var b = Stream("b", Side.Short, [2, 3, 5], [-0.2, -0.3, -0.5], [2, 3, 5]);
        var m = CalendarAggregation.InnerJoin([a, b]);
        Assert.Equal([2L, 3L], m.Timestamps);
        Assert.Equal([0.2, 0.3], m.Columns[0]);
        Assert.Equal([-0.2, -0.3], m.Columns[1]);
        Assert.Equal([2.0, 3.0], m.Baskets[0]);
        Assert.Equal([1L, 4L], m.Dropped[0].Timestamps);
        Assert.Equal([5L], m.Dropped[1].Timestamps);
        Assert.Equal(["a", "b"], m.Sleeves);
        var disjoint = CalendarAggregation.InnerJoin([a, Stream("c", Side.Long, [7, 8], [0.1, 0.1])]);
        Assert.Equal(0, disjoint.Observations);
        Assert.Throws<TesseraValidationException>(() => CalendarAggregation.InnerJoin([Stream("bad", Side.Long, [2, 1], [0.1, 0.1])]));
    }

    [Fact]
    public void Risk_parity_over_two_uncorrelated_sleeves_weights_them_by_inverse_volatility_and_reports_the_hedge_ratio()
    {
        // Sleeve returns in orthogonal +/- patterns (zero sample covariance) with volatilities in ratio 1:2, repeated to 20 rows:
        // ERC weights are proportional to 1/sigma: 2/3 and 1/3.
        var n = 20;
        var dates = new long[n];
        var r1 = new double[n];
        var r2 = new double[n];
        for (var t = 0; t < n; t++)
        {
            dates[t] = t + 1;
            r1[t] = (t % 4 < 2 ? 1 : -1) * 0.01;
            r2[t] = (t % 2 == 0 ? 1 : -1) * 0.02;
        }

        var sleeves = new[]
        {
            Stream("long", Side.Long, dates, r1, null, ("A", 0.5), ("B", 0.5)), // gross 1
            Stream("short", Side.Short, dates, r2, null, ("C", -0.3), ("D", -0.3)), // gross 0.6
        };
        var matrix = CalendarAggregation.InnerJoin(sleeves);
        var erc = MetaOptimization.Run(Optimizer.Erc, matrix, [1.0, 1.0], sleeves);
        Assert.Equal(2.0 / 3, erc.Weights[0], 6);
        Assert.Equal(1.0 / 3, erc.Weights[1], 6);
        Assert.Equal(2.0 / 3, erc.LongLegWeight, 6);
        // Hedge ratio = (1/3 x 0.6) / (2/3 x 1) = 0.3.
        Assert.Equal(0.3, erc.HedgeRatio!.Value, 6);

        var ew = MetaOptimization.Run(Optimizer.EqualWeight, matrix, [1.0, 1.0], sleeves);
        Assert.Equal([0.5, 0.5], ew.Weights);
        Assert.Equal(0.6, ew.HedgeRatio!.Value, 12);
        Assert.Equal([0.5 * 0.01 + 0.5 * 0.02, 0.5 * 0.01 - 0.5 * 0.02], MetaOptimization.Combine(matrix, ew.Weights)[..2]);

        var longsOnly = MetaOptimization.Run(Optimizer.EqualWeight, matrix, [1.0, 1.0], [sleeves[0], sleeves[0] with { Sleeve = "long2" }]);
        Assert.Null(longsOnly.HedgeRatio);
        Assert.Throws<TesseraValidationException>(() => MetaOptimization.Run(Optimizer.Erc, CalendarAggregation.InnerJoin([Stream("x", Side.Long, [1, 2], [0.1, 0.2])]), [1.0], [sleeves[0]]));
    }

    [Fact]
    public void A_single_sleeve_takes_the_whole_meta_and_caps_bind_the_optimizer()
    {
        var n = 20;
        var dates = Enumerable.Range(1, n).Select(i => (long)i).ToArray();
        var r = dates.Select(t => (t % 3 - 1) * 0.01).ToArray();
        var single = Stream("only", Side.Long, dates, r, null, ("A", 1.0));
        var one = MetaOptimization.Run(Optimizer.Erc, CalendarAggregation.InnerJoin([single]), [1.0], [single]);
        Assert.Equal([1.0], one.Weights);

        var low = Stream("low", Side.Long, dates, r.Select(x => x * 0.1).ToArray(), null, ("A", 1.0));
        var high = Stream("high", Side.Long, dates, dates.Select(t => (t % 2 == 0 ? 1 : -1) * 0.03).ToArray(), null, ("B", 1.0));
        var uncapped = MetaOptimization.Run(Optimizer.MinVariance, CalendarAggregation.InnerJoin([low, high]), [1.0, 1.0], [low, high]);
        Assert.True(uncapped.Weights[0] > 0.7);
        var capped = MetaOptimization.Run(Optimizer.MinVariance, CalendarAggregation.InnerJoin([low, high]), [0.6, 1.0], [low, high]);
        Assert.Equal(0.6, capped.Weights[0], 6);
        Assert.Equal(0.4, capped.Weights[1], 6);
    }

    [Fact]
    public void Flattening_nets_the_legs_then_reapplies_the_cap()
    {
        long[] d = [1];
        var longSleeve = Stream("l", Side.Long, d, [0.0], null, ("A", 0.6), ("B", 0.4));
        var shortSleeve = Stream("s", Side.Short, d, [0.0], null, ("A", -0.5), ("C", -0.5));
        // W = 0.5 each: A = 0.30 - 0.25 = 0.05 (its long leg 0.30 is above the cap but the net is not: caps bind after netting),
        // B = 0.20 (exactly the cap: not cut), C = -0.25 -> -0.20 with 0.05 left in cash.
        var flat = MetaFlattening.Flatten([0.5, 0.5], [longSleeve, shortSleeve], 0.2);
        var bySymbol = flat.Weights.ToDictionary(w => w.Symbol);
        Assert.Equal(0.05, bySymbol["A"].Weight, 15);
        Assert.Equal(0.30, bySymbol["A"].LongWeight, 15);
        Assert.Equal(0.25, bySymbol["A"].ShortWeight, 15);
        Assert.False(bySymbol["A"].Capped);
        Assert.Equal(0.2, bySymbol["B"].Weight, 15);
        Assert.False(bySymbol["B"].Capped);
        Assert.Equal(-0.2, bySymbol["C"].Weight, 15);
        Assert.True(bySymbol["C"].Capped);
        Assert.Equal(0.05, flat.CappedAway, 15);
        Assert.Equal(0.45, flat.GrossExposure, 15);
        Assert.Equal(0.05, flat.NetExposure, 15);
        Assert.Equal(["B", "C", "A"], flat.Weights.Select(w => w.Symbol)); // |w| descending, ties by symbol
        Assert.Single(flat.Notes);
        Assert.Throws<TesseraValidationException>(() => MetaFlattening.Flatten([1.0], [longSleeve], 0));
    }

    [Fact]
    public void A_sleeve_basket_is_the_mean_of_its_held_assets_on_the_stream_s_dates()
    {
        // Basket of A and B on dates 20 and 30 of a market with dates 10, 20, 30.
        var b = SleeveReturns.Basket([20, 30], [10, 20, 30], ["A", "B", "C"], [[0.1, 0.2, 0.3], [0.3, 0.4, 0.5], [9, 9, 9]], ["A", "B"]);
        Assert.Equal([0.3, 0.4], b.Select(x => Math.Round(x, 12)));
        Assert.Throws<TesseraValidationException>(() => SleeveReturns.Basket([25], [10, 20, 30], ["A"], [[0.1, 0.2, 0.3]], ["A"]));
    }

    [Fact]
    public void The_meta_graph_finds_direct_and_indirect_cycles_but_not_diamonds()
    {
        var graph = new Dictionary<string, string[]> { ["a"] = ["b", "c"], ["b"] = ["d"], ["c"] = ["d"], ["d"] = [], ["x"] = ["x"], ["p"] = ["q"], ["q"] = ["p"] };
        IReadOnlyList<string> Children(string n) => graph.GetValueOrDefault(n) ?? [];
        Assert.Null(MetaGraph.FindCycle("a", Children));
        Assert.Equal(["x", "x"], MetaGraph.FindCycle("x", Children));
        Assert.Equal(["p", "q", "p"], MetaGraph.FindCycle("p", Children));
    }
}
