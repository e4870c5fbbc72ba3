using Tessera.Core.Contracts;
using Tessera.Core.Data;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

public sealed class ReturnsMatrixBuilderTests
{
    [Fact]
    public void Simple_returns_are_close_over_previous_close_minus_one()
    {
        var result = ReturnsMatrixBuilder.Build([Bars.Closes("A", [0, 1, 2], [100, 110, 99])]);
        var m = result.Matrix;
        Assert.Equal([Bars.Day(1), Bars.Day(2)], m.Dates);
        Assert.Equal(0.1, m[0, 0], 15);
        Assert.Equal(-0.1, m[1, 0], 15);
        Assert.Empty(result.DroppedAssets);
        Assert.Empty(result.DroppedDates);
    }

    [Fact]
    public void Mixed_calendars_are_inner_joined_reporting_the_dropped_dates_and_never_zero_filled()
    {
        var a = Bars.Closes("A", [0, 1, 2, 3, 4], [100, 101, 102, 103, 104]);
        var b = Bars.Closes("B", [0, 1, 3, 4, 5], [50, 55, 60, 66, 70]);
        var result = ReturnsMatrixBuilder.Build([a, b], new ReturnsOptions { MaxGapRatio = 0.5 });
        var m = result.Matrix;

        // Union {0..5}; common {0,1,3,4}; day 2 (only A) and day 5 (only B) are dropped.
        Assert.Equal([Bars.Day(2), Bars.Day(5)], result.DroppedDates);
        Assert.Equal([Bars.Day(1), Bars.Day(3), Bars.Day(4)], m.Dates);

        // The return into day 3 spans the removed day 2: 103/101 - 1 for A and 60/55 - 1 for B (no zero return).
        Assert.Equal((103.0 / 101.0) - 1.0, m[1, m.IndexOf("A")], 15);
        Assert.Equal((60.0 / 55.0) - 1.0, m[1, m.IndexOf("B")], 15);
        Assert.DoesNotContain(0.0, m.Column("B").ToArray());
    }

    [Fact]
    public void Density_rule_drops_assets_missing_more_than_ten_percent_of_the_union_calendar()
    {
        var full = Bars.Flat("FULL", 20);
        var ninety = Bars.Closes("NINETY", Enumerable.Range(0, 20).Where(d => d is not (3 or 7)).ToArray(), Enumerable.Repeat(10.0, 18).ToArray());
        var sparse = Bars.Closes("SPARSE", Enumerable.Range(0, 20).Where(d => d is not (3 or 7 or 9)).ToArray(), Enumerable.Repeat(10.0, 17).ToArray());
        var result = ReturnsMatrixBuilder.Build([full, ninety, sparse]);

        Assert.Equal(["FULL", "NINETY"], result.Matrix.Symbols);
        var dropped = Assert.Single(result.DroppedAssets);
        Assert.Equal("SPARSE", dropped.Symbol);
        Assert.Equal(ContractRules.Density, dropped.Rule);
        Assert.Equal(0.15, dropped.GapRatio, 12);
        Assert.Equal(17, dropped.Observations);
        Assert.Equal(20, result.UnionCalendarLength);

        // NINETY (exactly 10% gaps) stays, so days 3 and 7 go in the inner join.
        Assert.Equal([Bars.Day(3), Bars.Day(7)], result.DroppedDates);
        Assert.Equal(17, result.Matrix.Rows);
    }

    [Fact]
    public void A_toxic_asset_is_dropped_and_recorded_in_lenient_mode_and_refused_in_strict_mode()
    {
        var good = Bars.Closes("GOOD", [0, 1, 2, 3], [10, 11, 12, 13]);
        var toxic = Bars.Closes("TOXIC", [0, 1, 2, 3], [1, 1, 7.5, 7.5]);
        var result = ReturnsMatrixBuilder.Build([good, toxic]);
        Assert.Equal(["GOOD"], result.Matrix.Symbols);
        var dropped = Assert.Single(result.DroppedAssets);
        Assert.Equal(ContractRules.ToxicReturn, dropped.Rule);
        var v = Assert.Single(result.Violations, x => x.Rule == ContractRules.ToxicReturn);
        Assert.Equal("TOXIC", v.Subject);
        Assert.Equal(Bars.Day(2), v.Timestamp);
        Assert.Equal("6.5", v.Value);

        var ex = Assert.Throws<ContractViolationException>(() => ReturnsMatrixBuilder.Build([good, toxic], new ReturnsOptions { Mode = ContractMode.Strict }));
        Assert.Equal(ContractRules.ToxicReturn, ex.Rule);
    }

    [Fact]
    public void Returns_above_one_are_kept_with_a_warning()
    {
        var result = ReturnsMatrixBuilder.Build([Bars.Closes("A", [0, 1, 2], [10, 25, 25])]);
        Assert.Equal(1.5, result.Matrix[0, 0], 15);
        var w = Assert.Single(result.Violations);
        Assert.Equal(ContractRules.LargeReturn, w.Rule);
        Assert.Equal(ViolationSeverity.Warning, w.Severity);
    }

    [Fact]
    public void L0_failures_drop_bars_in_lenient_mode_before_the_join()
    {
        var a = Bars.Closes("A", [0, 1, 2, 3], [10, 11, 12, 13]);
        a.Close[1] = double.NaN;
        var result = ReturnsMatrixBuilder.Build([a], new ReturnsOptions { MaxGapRatio = 0.3 });
        Assert.Equal([Bars.Day(2), Bars.Day(3)], result.Matrix.Dates);
        Assert.Equal((12.0 / 10.0) - 1.0, result.Matrix[0, 0], 15);
        Assert.Contains(result.Violations, v => v.Rule == ContractRules.NonFinite);
        Assert.Throws<ContractViolationException>(() => ReturnsMatrixBuilder.Build([a], new ReturnsOptions { Mode = ContractMode.Strict }));
    }

    [Fact]
    public void When_nothing_survives_the_build_fails_with_a_typed_error()
    {
        var ex = Assert.Throws<ContractViolationException>(() => ReturnsMatrixBuilder.Build([Bars.Closes("A", [0], [10])]));
        Assert.Equal(ContractRules.EmptyMatrix, ex.Rule);
    }

    [Fact]
    public void Duplicate_symbols_are_refused()
    {
        var ex = Assert.Throws<ContractViolationException>(() => ReturnsMatrixBuilder.Build([Bars.Flat("A", 3), Bars.Flat("A", 3)]));
        Assert.Equal("symbols must be unique", ex.Rule);
    }

    [Fact]
    public void Builds_from_the_synthetic_market()
    {
        var market = Tessera.Core.Data.Synthetic.SyntheticMarket.GenerateDaily(new Tessera.Core.Data.Synthetic.SyntheticMarketSpec(8, 60, 3));
        var result = ReturnsMatrixBuilder.Build(market.Bars, new ReturnsOptions { DailyBars = true, Mode = ContractMode.Strict });
        Assert.Equal(8, result.Matrix.Assets);
        Assert.Equal(59, result.Matrix.Rows);
        var s = market.Bars[0];
        Assert.Equal((s.Close[1] / s.Close[0]) - 1.0, result.Matrix[0, 0], 15);
        _ = BarSeries.ToUtc(result.Matrix.Dates[0]);
    }
}
