namespace Tessera.Alpaca.Model;

/// <summary>
/// Alpaca order classes. Responses may carry an empty string for simple orders; it parses as Unknown and
/// <see cref="Order.Class"/> reads it as Simple.
/// </summary>
public enum OrderClass
{
    Unknown = 0,
    Simple,
    Bracket,
    Oco,
    Oto,
}
