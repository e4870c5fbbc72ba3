using Tessera.Core.Contracts;
using Tessera.Core.Data;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

public sealed class L0GateTests
{
    [Fact]
    public void A_clean_series_passes_untouched()
    {
        var bars = Bars.Flat("A", 5);
        var result = L0Gate.Check(bars, ContractMode.Strict, dailyBars: true);
        Assert.Same(bars, result.Series);
        Assert.Empty(result.Violations);
    }

    public static TheoryData<string, string, string> Breakages() => new()
    {
        { "duplicate", ContractRules.Duplicate, "timestamp" },
        { "unsorted", ContractRules.NotSorted, "timestamp" },
        { "nan-close", ContractRules.NonFinite, "close" },
        { "inf-volume", ContractRules.NonFinite, "volume" },
        { "zero-low", ContractRules.NonPositivePrice, "low" },
        { "negative-volume", ContractRules.NegativeVolume, "volume" },
        { "open-above-high", ContractRules.Ohlc, "open" },
        { "close-below-low", ContractRules.Ohlc, "close" },
        { "high-below-low", ContractRules.Ohlc, "open" },
        { "not-midnight", ContractRules.NotUtcMidnight, "timestamp" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Lenient_drops_exactly_the_broken_bar_and_strict_throws(string breakage, string rule, string field)
    {
        var bars = Broken(breakage);
        var lenient = L0Gate.Check(bars, ContractMode.Lenient, dailyBars: true);
        Assert.Equal(4, lenient.Series.Count);
        var v = Assert.Single(lenient.Violations);
        Assert.Equal(rule, v.Rule);
        Assert.Equal(field, v.Field);
        Assert.Equal("A", v.Subject);
        Assert.Equal(bars.Timestamps[2], v.Timestamp);
        Assert.Equal(ViolationSeverity.Dropped, v.Severity);

        var ex = Assert.Throws<ContractViolationException>(() => L0Gate.Check(bars, ContractMode.Strict, dailyBars: true));
        Assert.Equal(rule, ex.Rule);
        Assert.Equal(field, ex.Field);
    }

    private static BarSeries Broken(string breakage)
    {
        var b = Bars.Flat("A", 5);
        var (ts, o, h, l, c, v) = (b.Timestamps, b.Open, b.High, b.Low, b.Close, b.Volume);
        switch (breakage)
        {
            case "duplicate": ts[2] = ts[1]; break;
            case "unsorted": ts[2] = ts[0] - 1; break;
            case "nan-close": c[2] = double.NaN; break;
            case "inf-volume": v[2] = double.PositiveInfinity; break;
            case "zero-low": l[2] = 0; break;
            case "negative-volume": v[2] = -1; break;
            case "open-above-high": o[2] = h[2] + 0.01; break;
            case "close-below-low": c[2] = l[2] - 0.01; break;
            case "high-below-low": h[2] = 90; l[2] = 95; break;
            case "not-midnight": ts[2] += 3_600_000; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }

        return new BarSeries("A", ts, o, h, l, c, v);
    }
}
