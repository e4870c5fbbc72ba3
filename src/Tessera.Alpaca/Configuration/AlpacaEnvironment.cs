namespace Tessera.Alpaca.Configuration;

/// <summary>Which broker endpoints a client talks to.</summary>
public enum AlpacaEnvironment
{
    /// <summary>Tessera's local Alpaca-compatible exchange (loopback).</summary>
    Local,

    /// <summary>Alpaca paper trading.</summary>
    Paper,

    /// <summary>Alpaca live trading: real money; built only with an explicit confirmation.</summary>
    Live,
}
