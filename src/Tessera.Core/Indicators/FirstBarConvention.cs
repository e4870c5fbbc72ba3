namespace Tessera.Core.Indicators;

/// <summary>
/// How ATR and ADX treat the first bar, which has no previous close (docs/INDICATORS.md, "First-bar conventions").
/// The two reference families differ only during warm-up (up to ~3 % for ATR, ~6 % for ADX) and converge afterwards,
/// so a backtest that must reproduce one of them names it.
/// </summary>
public enum FirstBarConvention
{
    /// <summary>
    /// Tessera's default, as TradingView: ATR takes h-l as the first bar's true range (first ATR at index n-1, the mean
    /// of TR_0..TR_{n-1}); ADX has no true range or directional movement on bar 0 and seeds its RMAs with the mean of
    /// the first n values (bars 1..n), as TradingView's <c>ta.dmi</c> does.
    /// </summary>
    TradingView = 0,

    /// <summary>
    /// TA-Lib (<c>TA_ATR</c>, <c>TA_ADX</c>) and R TTR (<c>ATR</c>, <c>ADX</c>): no true range on bar 0. ATR's first value
    /// is the mean of TR_1..TR_n at index n. ADX's Wilder sums of TR, +DM and -DM are seeded with the sum of the first
    /// n-1 values (bars 1..n-1) and take one Wilder step S = S - S/n + x at bar n, where +DI/-DI start; ADX is the mean
    /// of the first n DX (index 2n-1), then RMA.
    /// </summary>
    TaLibTtr = 1,
}
