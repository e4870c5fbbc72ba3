using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

public class CrossSectionalRankStrategyTests
{
    private static BarSeries Growth(int k, Func<int, double> dailyReturn, int bars = 300)
    {
        var closes = new List<double> { 100 };
        for (var i = 1; i < bars; i++)
        {
            closes.Add(closes[^1] * (1 + dailyReturn(i)));
        }

        return SyntheticBars.FromCloses("S" + k.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), closes, spread: 0.01);
    }

    [Fact]
    public void Momentum_longs_the_top_decile_and_shorts_the_bottom_then_exits_a_name_that_fell()
    {
        // Series k grows 0.01% x k per day; S09 turns to -1%/day after bar 260.
        var universe = Enumerable.Range(0, 10).Select(k => Growth(k, i => k == 9 && i > 260 ? -0.01 : 0.0001 * k)).ToList();
        var strategy = new MomentumRankStrategy();
        var signals = strategy.SignalsOverTime(universe);
        var ts = universe[0].Timestamps;

        // First defined score at bar 252 (= 12 x 21, a rebalance date).
        var first = signals.Where(s => s.TimestampUtcMs == ts[252]).ToList();
        Assert.Equal(2, first.Count);
        Assert.Equal(("S09", Side.Long, 1.0), (first[0].Symbol, first[0].Side, first[0].Strength));
        Assert.Equal(("S00", Side.Short, -1.0), (first[1].Symbol, first[1].Side, first[1].Strength));
        Assert.DoesNotContain(signals, s => s.TimestampUtcMs < ts[252]);
        Assert.Equal(2, signals.Count(s => s.TimestampUtcMs == ts[273]));

        // Bar 294: S09's 12-1 return (~6.8%) now ranks mid-pack: exit:rank, S08 takes the long side.
        var later = signals.Where(s => s.TimestampUtcMs == ts[294]).ToList();
        Assert.Contains(later, s => s is { Symbol: "S09", Side: Side.Flat, Reason: SignalReasons.ExitRank });
        Assert.Contains(later, s => s is { Symbol: "S08", Side: Side.Long, Reason: SignalReasons.Entry });

        var latest = strategy.LatestSignals(universe);
        Assert.All(latest, s => Assert.Equal(ts[^1], s.TimestampUtcMs));
        Assert.Equal(2, latest.Count);
    }

    [Fact]
    public void Quality_prefers_the_smallest_downside_deviation()
    {
        // Alternating +a/-a returns with a = 0.1% x (k+1): downside deviation grows with k.
        var universe = Enumerable.Range(0, 10).Select(k => Growth(k, i => (i % 2 == 0 ? 1 : -1) * 0.001 * (k + 1))).ToList();
        var signals = new QualityRankStrategy().SignalsOverTime(universe);
        var atFirst = signals.Where(s => s.TimestampUtcMs == universe[0].Timestamps[252]).ToList();
        Assert.Equal(("S00", Side.Long), (atFirst[0].Symbol, atFirst[0].Side));
        Assert.Equal(("S09", Side.Short), (atFirst[1].Symbol, atFirst[1].Side));
    }

    [Fact]
    public void Too_few_names_gives_no_ranking_and_duplicates_are_rejected()
    {
        var small = Enumerable.Range(0, 4).Select(k => Growth(k, _ => 0.001 * k)).ToList();
        Assert.Empty(new MomentumRankStrategy().SignalsOverTime(small));
        var dup = new List<BarSeries> { small[0], small[0] };
        Assert.Throws<TesseraValidationException>(() => new MomentumRankStrategy().SignalsOverTime(dup));
        Assert.Throws<TesseraValidationException>(() => new MomentumRankStrategy(new MomentumRankParameters(Selection: new RankSelection(TopPercentile: 0.7))));
    }
}
