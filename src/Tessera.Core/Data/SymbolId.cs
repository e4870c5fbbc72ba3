using Tessera.Core.Errors;

namespace Tessera.Core.Data;

/// <summary>
/// Canonical asset identity <c>EXCHANGE:SYMBOL</c>; the exchange may be unknown (empty). This is the one symbol
/// grammar of Tessera (imports lenient and strict, <c>--exchange</c>, every CSV input, HTTP bodies): both parts are
/// upper-cased, then
/// <list type="bullet">
/// <item>exchange (<see cref="ExchangeRule"/>): 1..16 characters, A-Z first, then A-Z, 0-9, '_' or '-';</item>
/// <item>ticker (<see cref="TickerRule"/>): 1..32 characters, A-Z or 0-9 first, then A-Z, 0-9, '.', '-', '/', '_', never '..'.</item>
/// </list>
/// Symbols end up in blob paths and on terminals, so nothing that could climb a path, hide a segment, carry console
/// markup or a control character can pass.
/// </summary>
public readonly record struct SymbolId(string Exchange, string Ticker)
{
    /// <summary>The exchange part's rule, as errors name it.</summary>
    public const string ExchangeRule = "exchange must be 1..16 characters: A-Z first, then A-Z, 0-9, '_' or '-'";

    /// <summary>The ticker part's rule, as errors name it.</summary>
    public const string TickerRule = "ticker must be 1..32 characters: A-Z or 0-9 first, then A-Z, 0-9, '.', '-', '/', '_', and no '..'";

    public const int MaxExchangeLength = 16;

    public const int MaxTickerLength = 32;

    public override string ToString() => Exchange.Length == 0 ? Ticker : Exchange + ":" + Ticker;

    /// <summary>Parses <c>EXCHANGE:SYMBOL</c> or a bare <c>SYMBOL</c>; upper-cases both parts; a violation names <paramref name="field"/> and the part's rule.</summary>
    public static SymbolId Parse(string text, string field = "symbol")
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new TesseraValidationException(field, text, "symbol must be non-empty");
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var exchange = colon < 0 ? string.Empty : trimmed[..colon].ToUpperInvariant();
        var ticker = colon < 0 ? trimmed.ToUpperInvariant() : trimmed[(colon + 1)..].ToUpperInvariant();
        // Checked on the text as given: upper-casing could turn a non-ASCII letter into an ASCII one.
        if (colon >= 0 && !(System.Text.Ascii.IsValid(trimmed.AsSpan(0, colon)) && IsExchange(exchange)))
        {
            throw new TesseraValidationException(field, text, ExchangeRule);
        }

        if (!(System.Text.Ascii.IsValid(trimmed.AsSpan(colon + 1)) && IsTicker(ticker)))
        {
            throw new TesseraValidationException(field, text, TickerRule);
        }

        return new SymbolId(exchange, ticker);
    }

    /// <summary>Parses an exchange on its own (e.g. <c>--exchange</c>): upper-cased; empty stays empty (unknown exchange).</summary>
    public static string ParseExchange(string text, string field = "exchange")
    {
        ArgumentNullException.ThrowIfNull(text);
        var upper = text.Trim().ToUpperInvariant();
        return upper.Length == 0 || (System.Text.Ascii.IsValid(text) && IsExchange(upper)) ? upper : throw new TesseraValidationException(field, text, ExchangeRule);
    }

    /// <summary>True when <paramref name="exchange"/> (already upper-case) follows <see cref="ExchangeRule"/>.</summary>
    public static bool IsExchange(string exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Length is 0 or > MaxExchangeLength || !char.IsAsciiLetterUpper(exchange[0]))
        {
            return false;
        }

        foreach (var c in exchange)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="ticker"/> (already upper-case) follows <see cref="TickerRule"/>.</summary>
    public static bool IsTicker(string ticker)
    {
        ArgumentNullException.ThrowIfNull(ticker);
        if (ticker.Length is 0 or > MaxTickerLength || !(char.IsAsciiLetterUpper(ticker[0]) || char.IsAsciiDigit(ticker[0])) || ticker.Contains("..", StringComparison.Ordinal) || ticker.EndsWith('/'))
        {
            return false;
        }

        foreach (var c in ticker)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '/' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
