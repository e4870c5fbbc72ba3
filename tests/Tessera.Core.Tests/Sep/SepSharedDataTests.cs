using Tessera.Core.Backtest;
using Tessera.Core.Data.Import;
using Tessera.Core.Sep;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Sep;

/// <summary>The SEP allocator on real data: the span study on the S&amp;P 500 daily bars, a replay of SPY's minute bars.</summary>
public sealed class SepSharedDataTests
{
    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void The_span_study_runs_on_the_SP500_daily_bars_and_reports_the_invariant_from_the_entries_it_counted()
    {
        using var file = File.OpenRead(SharedData.Path_("sp500-daily-2013-2018.csv.gz"));
        var data = new MarketData(BarCsvImporter.Import(file, new BarImportOptions { Source = "sp500" }).Series);
        var settings = new SepSettings { K = 10, Look = 20 };
        var study = SepSpanStudy.Run(data, settings, SepSpanStudy.DefaultSpans, data.BarCount - 1, 1_000_000);

        Assert.Equal([60, 30, 14], study.Spans.Select(s => s.Days));
        var trades = study.Spans.Select(s => s.Result.Entries).ToArray();
        Assert.All(trades, t => Assert.True(t >= settings.K, "every span fills its K instruments at least once"));
        Assert.Equal(trades[0] >= trades[1] && trades[1] >= trades[2], study.InvariantHolds);
        Assert.All(study.Spans, s => Assert.True(s.Result.Entries >= s.Result.Exits));

        // Identical parameters and the same end: running the study again gives the same counts (event time, no clock).
        var again = SepSpanStudy.Run(data, settings, SepSpanStudy.DefaultSpans, data.BarCount - 1, 1_000_000);
        Assert.Equal(trades, again.Spans.Select(s => s.Result.Entries));
    }

    [SharedDataFact("spy-minute-2013-10-07.csv")]
    public void SPY_minute_bars_replay_through_the_allocator_with_a_single_instrument_always_filled()
    {
        using var file = File.OpenRead(SharedData.Path_("spy-minute-2013-10-07.csv"));
        var data = new MarketData(BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Strict, Source = "spy-minute" }).Series);
        var settings = new SepSettings { K = 1, Look = 20, CostBps = 0 };
        var result = SepBacktest.Run(data, settings, settings.Look, data.BarCount - 1, 100_000);

        // One instrument and fill-to-K: it is selected at the first evaluation and never dropped.
        Assert.Equal(1, result.Entries);
        Assert.Equal(0, result.Exits);
        Assert.Equal(data.BarCount - 1 - settings.Look, result.Evaluations);
        Assert.True(double.IsFinite(result.FinalEquity));
    }
}
