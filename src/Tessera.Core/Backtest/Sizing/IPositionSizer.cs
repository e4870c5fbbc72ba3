namespace Tessera.Core.Backtest.Sizing;

/// <summary>What a sizer may look at when an entry is decided at the close of <see cref="Bar"/>.</summary>
/// <param name="Data">all bars; a sizer must read only bars &lt;= <see cref="Bar"/> (no look-ahead).</param>
/// <param name="Symbol">symbol index in <paramref name="Data"/>.</param>
/// <param name="Bar">calendar index of the signal (close).</param>
/// <param name="Equity">mark-to-market equity at that close.</param>
/// <param name="Price">the symbol's close at that bar (the reference for the share count).</param>
/// <param name="Direction">Long or Short: the side of the entry.</param>
/// <param name="Strength">signal strength magnitude in [0, 1].</param>
/// <param name="Cash">the account's cash at that close (after the fills of this bar, before the orders queued at this
/// close): what Kobe81's "0.7% of current cash" sizes from (<see cref="CashFractionSizer"/>).</param>
/// <param name="PeakEquity">the highest of the initial cash and every simulated close's equity up to and including this
/// one: the drawdown <see cref="DrawdownThrottleSizer"/> reads is 1 - Equity / PeakEquity.</param>
public readonly record struct SizingRequest(MarketData Data, int Symbol, int Bar, double Equity, double Price, Side Direction, double Strength, double Cash, double PeakEquity);

/// <summary>Position sizing: how many shares (before whole-share rounding and buying-power limits) to enter.</summary>
public interface IPositionSizer
{
    string Name { get; }

    /// <summary>The name with the parameters that matter, as reports print it (e.g. "fixed-fraction 0.05").</summary>
    string Description => Name;

    double TargetQuantity(in SizingRequest request);
}
