using Tessera.Trading.Decisions;
using Xunit;

namespace Tessera.Trading.Tests.Decisions;

public sealed class IocLimitPriceTests
{
    [Theory]
    [InlineData("50.00", "50.05")] // 50.05 exactly
    [InlineData("100.00", "100.10")]
    [InlineData("12.34", "12.35")] // 12.35234: nearest cent is down
    [InlineData("10.005", "10.02")] // 10.015005: nearest cent is up
    [InlineData("74.925", "75.00")] // 74.999925
    [InlineData("3.00", "3.00")] // 3.003 rounds to 3.00: still at the ask, never below
    [InlineData("2.997", "3.00")] // 2.999997
    [InlineData("3.004", "3.01")] // 3.007004 -> 3.01, and the ask rounded up is 3.01 too
    [InlineData("3.0001", "3.01")] // 3.0031001 -> 3.00 would be below the ask: kept at the ask rounded up
    public void Buy_limit_is_ask_times_1001_to_the_nearest_cent_never_below_the_ask(string ask, string expected)
    {
        var limit = IocLimitPrice.ForBuy(decimal.Parse(ask, System.Globalization.CultureInfo.InvariantCulture), 1.001);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), limit);
        Assert.True(limit >= decimal.Parse(ask, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("50.00", "49.95")]
    [InlineData("12.34", "12.33")] // 12.32766
    [InlineData("3.00", "3.00")] // 2.997 -> 3.00 (nearest), equal to the bid
    [InlineData("3.009", "3.00")] // 3.005991 -> 3.01 would be above the bid: kept at the bid rounded down
    public void Sell_limit_is_bid_times_0999_to_the_nearest_cent_never_above_the_bid(string bid, string expected)
    {
        var limit = IocLimitPrice.ForSell(decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture), 0.999);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), limit);
        Assert.True(limit <= decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture));
    }
}
