namespace Tessera.Alpaca.Model;

/// <summary>Market data feeds (also the path of the market data WebSocket: /v2/{feed}).</summary>
public enum DataFeed
{
    Unknown = 0,
    Iex,
    Sip,
    DelayedSip,
    Otc,
    Test,
}
