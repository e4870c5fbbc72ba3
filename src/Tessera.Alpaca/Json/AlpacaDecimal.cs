using System.Globalization;

namespace Tessera.Alpaca.Json;

/// <summary>
/// Decimals as Alpaca sends them: JSON strings in the trading API ("103820.56"), numbers in market data. Parsing is
/// invariant-culture and refuses NaN/Infinity spellings, thousands separators and exponents larger than decimal.
/// </summary>
public static class AlpacaDecimal
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static bool TryParse(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text.Trim(), Style, CultureInfo.InvariantCulture, out value);

    public static bool TryParse(ReadOnlySpan<byte> utf8, out decimal value) =>
        decimal.TryParse(utf8, Style, CultureInfo.InvariantCulture, out value);

    /// <summary>Invariant, no trailing-zero games: the scale the value carries is the scale written.</summary>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops trailing zeros (100.5000 -> 100.5) so computed values print the way Alpaca prints them.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
