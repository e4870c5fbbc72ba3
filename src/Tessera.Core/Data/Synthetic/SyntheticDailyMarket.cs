namespace Tessera.Core.Data.Synthetic;

/// <summary>
/// Output of <see cref="SyntheticMarket.GenerateDaily"/>: one <see cref="BarSeries"/> per symbol (all on the
/// same business-day calendar, <see cref="BarSeries.Symbol"/> = <c>EXCHANGE:TICKER</c>), the metadata in the
/// same order, the hidden regime of each day and the market factor's daily log-return.
/// </summary>
public sealed class SyntheticDailyMarket
{
    public SyntheticDailyMarket(IReadOnlyList<BarSeries> bars, IReadOnlyList<SymbolMetadata> symbols, long[] timestamps, MarketRegime[] regimes, double[] marketReturns)
    {
        Bars = bars;
        Symbols = symbols;
        Timestamps = timestamps;
        Regimes = regimes;
        MarketReturns = marketReturns;
    }

    public IReadOnlyList<BarSeries> Bars { get; }

    public IReadOnlyList<SymbolMetadata> Symbols { get; }

    /// <summary>The shared calendar: UTC midnight of each business day, Unix epoch ms.</summary>
    public long[] Timestamps { get; }

    public MarketRegime[] Regimes { get; }

    /// <summary>Daily log-return of the market factor (index 0 is the first day's move from the start level).</summary>
    public double[] MarketReturns { get; }
}
