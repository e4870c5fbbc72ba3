using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

public sealed class WalkForwardSplitsTests
{
    [Fact]
    public void Rolling_defaults_on_the_sp500_calendar_length()
    {
        // 1259 bars: test windows start at 252, 315, ... while start + 63 <= 1259 -> 15 complete windows.
        var splits = WalkForwardSplits.Create(1259);
        Assert.Equal(15, splits.Count);
        Assert.Equal(new WalkForwardSplit(0, 0, 252, 252, 315), splits[0]);
        Assert.Equal(new WalkForwardSplit(1, 63, 315, 315, 378), splits[1]);
        Assert.Equal(1197, splits[^1].TestEnd);
        foreach (var s in splits)
        {
            Assert.Equal(252, s.TrainLength);
            Assert.Equal(63, s.TestLength);
            Assert.Equal(s.TrainEnd, s.TestStart);
        }

        for (var i = 1; i < splits.Count; i++)
        {
            Assert.Equal(splits[i - 1].TestEnd, splits[i].TestStart);
        }
    }

    [Fact]
    public void Anchored_train_always_starts_at_zero_and_grows()
    {
        var splits = WalkForwardSplits.Create(100, train: 40, test: 20, mode: WalkForwardMode.Anchored);
        Assert.Equal(3, splits.Count);
        Assert.Equal(new WalkForwardSplit(0, 0, 40, 40, 60), splits[0]);
        Assert.Equal(new WalkForwardSplit(1, 0, 60, 60, 80), splits[1]);
        Assert.Equal(new WalkForwardSplit(2, 0, 80, 80, 100), splits[2]);
    }

    [Theory]
    [InlineData(100, 0, 10)]
    [InlineData(100, 10, 0)]
    [InlineData(50, 40, 20)]
    public void Bad_sizes_are_rejected(int length, int train, int test) =>
        Assert.Throws<TesseraValidationException>(() => WalkForwardSplits.Create(length, train, test));
}
