using Tessera.Core.Errors;

namespace Tessera.Core.Data;

/// <summary>Canonical asset identity <c>EXCHANGE:SYMBOL</c>; the exchange may be unknown (empty).</summary>
public readonly record struct SymbolId(string Exchange, string Ticker)
{
    public override string ToString() => Exchange.Length == 0 ? Ticker : Exchange + ":" + Ticker;

    /// <summary>Parses <c>EXCHANGE:SYMBOL</c> or a bare <c>SYMBOL</c>; upper-cases both parts.</summary>
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
        if (ticker.Length == 0 || ticker.Length > 32 || (colon >= 0 && exchange.Length == 0))
        {
            throw new TesseraValidationException(field, text, "symbol must be EXCHANGE:SYMBOL or SYMBOL, ticker 1..32 chars");
        }

        // Symbols end up in blob paths: forbid anything that could climb or hide a path segment.
        if (!char.IsAsciiLetterOrDigit(ticker[0]) || ticker.Contains("..", StringComparison.Ordinal) || ticker.EndsWith('/'))
        {
            throw new TesseraValidationException(field, text, "ticker must start with A-Z or 0-9 and contain no '..'");
        }

        foreach (var c in ticker)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/' or '_'))
            {
                throw new TesseraValidationException(field, text, "ticker may contain only A-Z, 0-9, '.', '-', '/', '_'");
            }
        }

        return new SymbolId(exchange, ticker);
    }
}
