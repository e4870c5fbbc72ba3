using Tessera.Core.Errors;
using Tessera.Trading.Safety;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

public sealed class CircuitBreakerRuleTests
{
    private static readonly CircuitBreakerRule Rule = new(0.03m);

    [Theory]
    [InlineData("100000", "97000", true)] // exactly -3.00 %: trips (">= 3 %")
    [InlineData("100000", "97000.01", false)] // one cent above the line
    [InlineData("100000", "96999.99", true)]
    [InlineData("100000", "103000", false)] // a gain is a negative drawdown
    [InlineData("100000", "0", true)]
    public void Trips_at_exactly_three_percent_from_the_opening_equity(string opening, string current, bool breached)
    {
        var reading = Rule.Evaluate(decimal.Parse(opening, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(current, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(breached, reading.Breached);
    }

    [Fact]
    public void Drawdown_is_one_minus_current_over_opening()
    {
        Assert.Equal(0.025m, Rule.Evaluate(80_000m, 78_000m).Drawdown);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.03")]
    public void A_limit_outside_zero_one_is_a_typed_error(string limit)
    {
        var e = Assert.Throws<TesseraValidationException>(() => new CircuitBreakerRule(decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("max_intraday_drawdown", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_opening_equity_is_a_typed_error()
    {
        var e = Assert.Throws<TesseraValidationException>(() => Rule.Evaluate(0m, 1m));
        Assert.Contains("equity_opening", e.Message, StringComparison.Ordinal);
    }
}
