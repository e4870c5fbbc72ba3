namespace Tessera.Alpaca.Model;

/// <summary>
/// The side of an order: Alpaca's buy/sell. Not a position direction (long/short is Tessera.Core.Side):
/// a sell can close a long or open a short.
/// </summary>
public enum OrderSide
{
    Unknown = 0,
    Buy,
    Sell,
}
