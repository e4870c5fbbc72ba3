using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Strategies;

/// <summary>
/// The batch form of a series strategy against its per-bar engine replayed bar by bar (the reference): same signals in
/// the same order, every field equal and the doubles equal to the bit.
/// </summary>
internal static class BatchSignalAssert
{
    public static void SameAsPerBar(SeriesStrategy strategy, BarSeries bars)
    {
        Assert.NotNull(strategy.CreateBatch());
        Same(strategy.SignalsBarByBar(bars), strategy.SignalsOverTime(bars), bars.Symbol);
    }

    /// <summary>The universe form against the order it always had: the per-bar signals of each series concatenated in
    /// universe order, then a stable sort by time and ordinal symbol.</summary>
    public static void UniverseSameAsPerBar(SeriesStrategy strategy, IReadOnlyList<BarSeries> universe)
    {
        var all = new List<Signal>();
        foreach (var s in universe)
        {
            all.AddRange(strategy.SignalsBarByBar(s));
        }

        var expected = all.OrderBy(s => s.TimestampUtcMs).ThenBy(s => s.Symbol, StringComparer.Ordinal).ToList();
        Same(expected, strategy.SignalsOverTime(universe), "universe");
    }

    public static void Same(IReadOnlyList<Signal> expected, IReadOnlyList<Signal> actual, string where)
    {
        Assert.True(expected.Count == actual.Count, $"{where}: {actual.Count} signals, per-bar engine {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            var same = e == a
                && BitConverter.DoubleToInt64Bits(e.Strength) == BitConverter.DoubleToInt64Bits(a.Strength)
                && BitConverter.DoubleToInt64Bits(e.StopPrice ?? double.NaN) == BitConverter.DoubleToInt64Bits(a.StopPrice ?? double.NaN);
            Assert.True(same, $"{where}: signal {i} differs: per-bar {e}, batch {a}");
        }
    }

    /// <summary>Bad bars fail on the batch path with the per-bar engine's error (same field, value, rule, location).</summary>
    public static void SameError(SeriesStrategy strategy, BarSeries bars)
    {
        var expected = Assert.Throws<TesseraValidationException>(() => strategy.SignalsBarByBar(bars));
        var actual = Assert.Throws<TesseraValidationException>(() => strategy.SignalsOverTime(bars));
        Assert.Equal((expected.Field, expected.Value, expected.Rule, expected.Location), (actual.Field, actual.Value, actual.Rule, actual.Location));
        var inUniverse = Assert.Throws<TesseraValidationException>(() => strategy.SignalsOverTime([bars]));
        Assert.Equal(expected.Message, inUniverse.Message);
    }
}
