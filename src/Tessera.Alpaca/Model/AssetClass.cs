namespace Tessera.Alpaca.Model;

/// <summary>
/// Asset classes. Alpaca has us_equity, us_option and crypto; <see cref="Fx"/> is not an Alpaca class but lets the
/// broker interface describe an FX instrument (OANDA) without a second vocabulary.
/// </summary>
public enum AssetClass
{
    Unknown = 0,
    UsEquity,
    UsOption,
    Crypto,
    Fx,
}
