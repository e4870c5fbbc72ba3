using Tessera.Core.Data;
using Xunit;

namespace Tessera.Core.Tests.Data;

public sealed class BarSeriesMergeTests
{
    private static BarSeries Series(long[] ts, double[] close) =>
        new("A", ts, close, close, close, close, close.Select(_ => 1.0).ToArray());

    [Fact]
    public void Incoming_wins_on_equal_timestamps_and_history_is_kept()
    {
        var existing = Series([1, 2, 3], [10, 20, 30]);
        var incoming = Series([2, 3, 4], [20, 31, 40]);
        var (merged, stats) = BarSeriesMerge.Merge(existing, incoming);
        Assert.Equal([1L, 2, 3, 4], merged.Timestamps);
        Assert.Equal([10.0, 20, 31, 40], merged.Close);
        Assert.Equal(new MergeStats(1, 1, 1), stats);
    }

    [Fact]
    public void Merging_the_same_bars_again_changes_nothing_and_returns_the_existing_instance()
    {
        var existing = Series([1, 2], [10, 20]);
        var (merged, stats) = BarSeriesMerge.Merge(existing, Series([1, 2], [10, 20]));
        Assert.Same(existing, merged);
        Assert.False(stats.Changed);
        Assert.Equal(2, stats.Unchanged);
    }

    [Fact]
    public void Merging_into_nothing_adds_everything()
    {
        var incoming = Series([5, 6], [1, 2]);
        var (merged, stats) = BarSeriesMerge.Merge(null, incoming);
        Assert.Same(incoming, merged);
        Assert.Equal(new MergeStats(2, 0, 0), stats);
    }
}
