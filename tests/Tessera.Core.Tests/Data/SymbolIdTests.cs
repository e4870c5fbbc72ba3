using Tessera.Core.Data;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Core.Tests.Data;

public sealed class SymbolIdTests
{
    [Theory]
    [InlineData("NYSE:ibm", "NYSE", "IBM", "NYSE:IBM")]
    [InlineData("aapl", "", "AAPL", "AAPL")]
    [InlineData(" NASDAQ:BRK.B ", "NASDAQ", "BRK.B", "NASDAQ:BRK.B")]
    public void Parses_and_canonicalizes(string text, string exchange, string ticker, string canonical)
    {
        var id = SymbolId.Parse(text);
        Assert.Equal(exchange, id.Exchange);
        Assert.Equal(ticker, id.Ticker);
        Assert.Equal(canonical, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(":AAPL")]
    [InlineData("NYSE:")]
    [InlineData("../etc/passwd")]
    [InlineData("A B")]
    public void Rejects_malformed_symbols_naming_the_field(string text)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => SymbolId.Parse(text, "candidate.symbol"));
        Assert.Equal("candidate.symbol", ex.Field);
    }
}
