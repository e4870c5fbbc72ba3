namespace Tessera.Core.Backtest.Sizing;

/// <summary>What a sizer may look at when an entry is decided at the close of <see cref="Bar"/>.</summary>
/// <param name="Data">all bars; a sizer must read only bars &lt;= <see cref="Bar"/> (no look-ahead).</param>
/// <param name="Symbol">symbol index in <paramref name="Data"/>.</param>
/// <param name="Bar">calendar index of the signal (close).</param>
/// <param name="Equity">mark-to-market equity at that close.</param>
/// <param name="Price">the symbol's close at that bar (the reference for the share count).</param>
/// <param name="Direction">Long or Short: the side of the entry.</param>
/// <param name="Strength">signal strength magnitude in [0, 1].</param>
public readonly record struct SizingRequest(MarketData Data, int Symbol, int Bar, double Equity, double Price, Side Direction, double Strength);

/// <summary>Position sizing: how many shares (before whole-share rounding and buying-power limits) to enter.</summary>
public interface IPositionSizer
{
    string Name { get; }

    double TargetQuantity(in SizingRequest request);
}
