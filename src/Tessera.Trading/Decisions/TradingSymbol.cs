using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Trading.Decisions;

/// <summary>
/// The symbol grammar of the order path: what may reach a decision id, a client order id, a ledger block and the
/// broker. Built on <see cref="SymbolId.Parse"/> (non-empty, no '..', safe characters) and stricter, because a symbol
/// here is sent as is: already canonical (upper case, no blanks, no exchange prefix), 1-16 characters, A-Z and 0-9
/// with single '.' or '-' between them (BRK.B); no '/', '_', path, control or markup characters.
/// </summary>
public static class TradingSymbol
{
    public const int MaxLength = 16;

    public const string Rule = "a tradable symbol is 1-16 characters A-Z or 0-9, with single '.' or '-' between them (e.g. AAPL, BRK.B), already upper case";

    /// <summary>Returns <paramref name="symbol"/> when valid; otherwise throws naming <paramref name="field"/>.</summary>
    public static string Validate(string? symbol, string field = "symbol")
    {
        if (symbol is null || symbol.Length is 0 or > MaxLength)
        {
            throw new TesseraValidationException(field, symbol is null ? null : Printable(symbol), Rule);
        }

        SymbolId parsed;
        try
        {
            parsed = SymbolId.Parse(symbol, field);
        }
        catch (TesseraValidationException)
        {
            throw new TesseraValidationException(field, Printable(symbol), Rule);
        }

        if (parsed.Exchange.Length != 0 || !string.Equals(parsed.Ticker, symbol, StringComparison.Ordinal))
        {
            throw new TesseraValidationException(field, Printable(symbol), Rule);
        }

        var previousSeparator = true; // a separator may not come first
        foreach (var c in symbol)
        {
            var separator = c is '.' or '-';
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || separator) || (separator && previousSeparator))
            {
                throw new TesseraValidationException(field, Printable(symbol), Rule);
            }

            previousSeparator = separator;
        }

        if (previousSeparator)
        {
            throw new TesseraValidationException(field, Printable(symbol), Rule);
        }

        return symbol;
    }

    /// <summary>The symbol as it appears inside ids (which allow only A-Z, a-z, 0-9, '_' and '-'): '.' becomes '-'.</summary>
    public static string ForId(string symbol) => symbol.Replace('.', '-');

    // A hostile value may carry control characters or markup: the error shows them escaped, never raw.
    private static string Printable(string value)
    {
        var chars = new System.Text.StringBuilder(Math.Min(value.Length, 64));
        foreach (var c in value)
        {
            if (chars.Length >= 64)
            {
                break;
            }

            chars.Append(c is >= ' ' and <= '~' && c is not '<' and not '>' and not '&' ? c.ToString() : "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }

        return chars.ToString();
    }
}
