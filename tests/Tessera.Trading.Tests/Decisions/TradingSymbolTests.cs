using Tessera.Core.Errors;
using Tessera.Trading.Decisions;
using Xunit;

namespace Tessera.Trading.Tests.Decisions;

public sealed class TradingSymbolTests
{
    [Theory]
    [InlineData("AAPL")]
    [InlineData("A")]
    [InlineData("BRK.B")]
    [InlineData("BF-B")]
    [InlineData("ABCDEFGHIJKLMNOP")] // 16
    [InlineData("3M0")]
    public void Valid_symbols_pass_unchanged(string symbol) => Assert.Equal(symbol, TradingSymbol.Validate(symbol));

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEFGHIJKLMNOPQ")] // 17
    [InlineData("aapl")]
    [InlineData(" AAPL")]
    [InlineData("AAPL\n")]
    [InlineData("AA\u0000PL")]
    [InlineData("../etc")]
    [InlineData("A/B")]
    [InlineData("BTC/USD")]
    [InlineData("NYSE:IBM")]
    [InlineData("<script>")]
    [InlineData("A&B")]
    [InlineData("BRK..B")]
    [InlineData(".BRK")]
    [InlineData("BRK.")]
    [InlineData("A_B")]
    [InlineData("A B")]
    [InlineData("ÄPPL")]
    public void Hostile_or_malformed_symbols_are_typed_errors(string symbol)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => TradingSymbol.Validate(symbol));
        Assert.Equal("symbol", ex.Field);
        Assert.Equal(TradingSymbol.Rule, ex.Rule);
        Assert.DoesNotContain("<script>", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Null_symbol_is_a_typed_error() =>
        Assert.Equal("symbol", Assert.Throws<TesseraValidationException>(() => TradingSymbol.Validate(null)).Field);
}
