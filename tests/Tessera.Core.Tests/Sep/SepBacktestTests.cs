using Tessera.Core.Backtest;
using Tessera.Core.Data;
using Tessera.Core.Sep;
using Xunit;

namespace Tessera.Core.Tests.Sep;

/// <summary>The SEP allocator replayed in event time, and the seed's span study.</summary>
public sealed class SepBacktestTests
{
    private static readonly long Day = 86_400_000L;
    private static readonly long Start = BarSeries.ToUnixMs(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));

    private static BarSeries Rising(string symbol, int bars)
    {
        var ts = new long[bars];
        double[] o = new double[bars], h = new double[bars], l = new double[bars], c = new double[bars], v = new double[bars];
        for (var i = 0; i < bars; i++)
        {
            ts[i] = Start + (i * Day);
            c[i] = 100 * Math.Pow(1.01, i);
            o[i] = c[i];
            h[i] = c[i] + (0.5 * (i + 1));
            l[i] = c[i] - (0.5 * (i + 1));
            v[i] = 1_000 + i;
        }

        return new BarSeries(symbol, ts, o, h, l, c, v);
    }

    [Fact]
    public void Two_evaluations_on_a_steady_riser_match_the_hand_computed_budget_and_equity()
    {
        var data = new MarketData([Rising("AAA", 30)]);
        var settings = new SepSettings { K = 1, Look = 4, MaxPerPosition = 1, RampStep = 1, CostBps = 0, MarginRate = 0.5 };
        var r = SepBacktest.Run(data, settings, from: 4, to: 6, initialEquity: 1_000);

        // Bar 4: budget min(1,000, 1,000) × 0.3 = 300, exposure 300 earns 1 %: equity 1,003, the position drifts to 303.
        // Bar 5: used 0.5 × 303 = 151.5, available 851.5, budget 255.45 < 303: reduced to 255.45, earns 2.5545.
        Assert.Equal(1, r.Entries);
        Assert.Equal(0, r.Exits);
        Assert.Equal(1_003, r.Equity[1], 9);
        Assert.Equal(1_005.5545, r.FinalEquity, 9);
        Assert.Equal(2, r.Evaluations);
    }

    [Fact]
    public void Costs_are_charged_on_the_traded_notional_and_replays_are_identical()
    {
        var data = new MarketData([Rising("AAA", 60), Rising("BBB", 60)]);
        var settings = new SepSettings { K = 1, Look = 4, CostBps = 10 };
        var a = SepBacktest.Run(data, settings, 4, 59, 10_000);
        var b = SepBacktest.Run(data, settings, 4, 59, 10_000);
        Assert.Equal(a.Equity, b.Equity);
        Assert.True(a.Costs > 0);
        Assert.True(a.FinalEquity < SepBacktest.Run(data, settings with { CostBps = 0 }, 4, 59, 10_000).FinalEquity);

        // One evaluation by hand: the entry trades 300 of notional at 10 bps (0.30) and earns 1 % of 300.
        var one = SepBacktest.Run(new MarketData([Rising("AAA", 30)]), settings with { MaxPerPosition = 1, RampStep = 1 }, 4, 5, 1_000);
        Assert.Equal(0.3, one.Costs, 12);
        Assert.Equal(1_000 + 3 - 0.3, one.FinalEquity, 9);
    }

    [Fact]
    public void The_span_study_runs_each_span_to_the_same_end_with_the_same_parameters_and_checks_the_invariant()
    {
        var data = new MarketData([Rising("AAA", 120), Rising("BBB", 120)]);
        var settings = new SepSettings { K = 1, Look = 4 };
        var study = SepSpanStudy.Run(data, settings, SepSpanStudy.DefaultSpans, end: 119, initialEquity: 10_000);
        Assert.Equal([60, 30, 14], study.Spans.Select(s => s.Days));
        foreach (var span in study.Spans)
        {
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(data.Calendar[119]), span.Result.To);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(data.Calendar[119 - span.Days]), span.Result.From);
        }

        Assert.True(study.InvariantHolds, string.Join("; ", study.Violations));
    }

    [Fact]
    public void Spans_without_enough_warm_up_or_repeated_are_refused_naming_the_rule()
    {
        var data = new MarketData([Rising("AAA", 40)]);
        var e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => SepSpanStudy.Run(data, new SepSettings { Look = 20 }, [30], 39, 1_000));
        Assert.Contains("sep.look", e.Rule, StringComparison.Ordinal);
        e = Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => SepSpanStudy.Run(data, new SepSettings { Look = 4 }, [14, 14], 39, 1_000));
        Assert.Equal("spans", e.Field);
    }
}
