using Tessera.Core.Data;

namespace Tessera.Trading.Scan;

/// <summary>
/// What the scan knows about one symbol when it decides: its completed daily bars (the strategy's input: the signal is
/// known at the close of the last COMPLETED session, never today's partial bar), the latest quote, and the figures the
/// sizing and the gates read, computed from the bars by <see cref="MarketFacts"/>.
/// </summary>
public sealed record SymbolMarketFacts(
    string Symbol,
    BarSeries DailyBars,
    decimal? Bid,
    decimal? Ask,
    DateTimeOffset? QuoteTime,
    double LastClose,
    double AverageDailyVolume20,
    double AtrPercent14,
    double DailyVolatility20);
