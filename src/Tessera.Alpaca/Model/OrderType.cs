namespace Tessera.Alpaca.Model;

/// <summary>Alpaca order types.</summary>
public enum OrderType
{
    Unknown = 0,
    Market,
    Limit,
    Stop,
    StopLimit,
    TrailingStop,
}
