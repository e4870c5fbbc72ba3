namespace Tessera.Alpaca.Model;

/// <summary>Corporate-action adjustment of historical bars.</summary>
public enum BarAdjustment
{
    Unknown = 0,
    Raw,
    Split,
    Dividend,
    All,
}
