using Tessera.Core.Errors;
using Tessera.Core.Streaming;
using Xunit;

namespace Tessera.Core.Tests.Streaming;

public sealed class TradeSanityTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 13, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Zero_or_negative_prices_and_sizes_are_skipped()
    {
        var s = TradeSanity.CreateDefault();
        Assert.Equal(TradeVerdict.NotPositive, s.Check("SPY", 0m, 100m, T0, T0, out _));
        Assert.Equal(TradeVerdict.NotPositive, s.Check("SPY", -1m, 100m, T0, T0, out _));
        Assert.Equal(TradeVerdict.NotPositive, s.Check("SPY", 10m, 0m, T0, T0, out _));
        Assert.Equal(3, s.Count(TradeVerdict.NotPositive));
    }

    [Fact]
    public void Prices_at_the_sane_bound_or_ten_times_away_from_the_reference_are_absurd()
    {
        var s = TradeSanity.CreateDefault();
        Assert.Equal(TradeVerdict.AbsurdPrice, s.Check("A", 10_000_000m, 1m, T0, T0, out _));
        Assert.Equal(TradeVerdict.Accepted, s.Check("B", 9_999_999.99m, 1m, T0, T0, out _));

        s.SeedReference("SPY", 100m);
        Assert.Equal(TradeVerdict.AbsurdPrice, s.Check("SPY", 1000.01m, 1m, T0, T0, out _));
        Assert.Equal(TradeVerdict.AbsurdPrice, s.Check("SPY", 9.99m, 1m, T0, T0, out _));
        Assert.Equal(TradeVerdict.Accepted, s.Check("SPY", 10m, 1m, T0, T0, out var accepted));
        Assert.Equal(10m, accepted);

        // The accepted trade is the new reference: 100.01 is now more than ten times away, 100 exactly is not.
        Assert.Equal(TradeVerdict.AbsurdPrice, s.Check("SPY", 100.01m, 1m, T0, T0, out _));
        Assert.Equal(TradeVerdict.Accepted, s.Check("SPY", 100m, 1m, T0, T0, out _));
        Assert.Equal(4, s.Count(TradeVerdict.AbsurdPrice));
    }

    [Fact]
    public void A_skipped_trade_does_not_move_the_reference()
    {
        var s = TradeSanity.CreateDefault();
        s.SeedReference("SPY", 100m);
        Assert.Equal(TradeVerdict.AbsurdPrice, s.Check("SPY", 0.5m, 1m, T0, T0, out _));
        Assert.Equal(TradeVerdict.AbsurdPrice, s.Check("SPY", 5m, 1m, T0, T0, out _));
        Assert.Equal(TradeVerdict.Accepted, s.Check("SPY", 95m, 1m, T0, T0, out _));
    }

    [Fact]
    public void Timestamps_more_than_the_tolerance_in_the_future_are_skipped()
    {
        var s = TradeSanity.CreateDefault();
        Assert.Equal(TradeVerdict.Accepted, s.Check("SPY", 100m, 1m, T0.AddSeconds(2), T0, out _));
        Assert.Equal(TradeVerdict.FutureTimestamp, s.Check("SPY", 100m, 1m, T0.AddSeconds(2).AddTicks(1), T0, out _));
        Assert.Equal(TradeVerdict.Accepted, s.Check("SPY", 100m, 1m, T0.AddHours(-1), T0, out _));
    }

    [Fact]
    public void Settings_are_validated()
    {
        Assert.Equal("max_price_ratio", Assert.Throws<TesseraValidationException>(() => new TradeSanity(1m, TimeSpan.Zero)).Field);
        Assert.Equal("future_tolerance", Assert.Throws<TesseraValidationException>(() => new TradeSanity(2m, TimeSpan.FromSeconds(-1))).Field);
    }
}
