using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;
using Tessera.Core.Data;
using Tessera.Core.Markets;

namespace Tessera.Trading.Scan;

/// <summary>
/// The scan's market data from the broker's data API (Alpaca, or the local exchange which serves the same routes):
/// daily bars of the sessions COMPLETED by <c>asOf</c> (the bar request ends at the previous session's close, so today's
/// partial bar never reaches a strategy) and the latest quote of each symbol. Symbols without bars are reported apart,
/// not dropped silently.
/// </summary>
public sealed class BrokerMarketData(AlpacaMarketDataClient data)
{
    /// <summary>Calendar days requested per wanted bar: 252 sessions span ~365 days; the slack covers holidays.</summary>
    private const double CalendarDaysPerSession = 1.5;

    public async Task<MarketDataLoad> LoadAsync(IReadOnlyList<string> symbols, DateTimeOffset asOf, int sessions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 2);
        var lastClosed = NyseCalendar.PreviousSessionClosedBy(asOf)
            ?? throw new InvalidOperationException("no completed NYSE session within 30 days of " + asOf.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var request = new BarsRequest
        {
            Symbols = symbols,
            TimeFrame = BarTimeFrame.OneDay,
            Start = lastClosed.Close.AddDays(-Math.Ceiling(sessions * CalendarDaysPerSession)),
            End = lastClosed.Close,
            Limit = 10_000,
            Sort = SortDirection.Asc,
        };

        var bySymbol = new Dictionary<string, List<Bar>>(StringComparer.Ordinal);
        await foreach (var bar in data.GetAllBarsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (bar.Symbol is null)
            {
                continue;
            }

            if (!bySymbol.TryGetValue(bar.Symbol, out var list))
            {
                bySymbol[bar.Symbol] = list = [];
            }

            list.Add(bar);
        }

        var quotes = await data.GetLatestQuotesAsync(symbols, cancellationToken: cancellationToken).ConfigureAwait(false);
        var facts = new List<SymbolMarketFacts>(symbols.Count);
        var missing = new List<string>();
        foreach (var symbol in symbols)
        {
            if (!bySymbol.TryGetValue(symbol, out var bars) || bars.Count == 0)
            {
                missing.Add(symbol);
                continue;
            }

            var series = ToSeries(symbol, bars, sessions);
            quotes.TryGetValue(symbol, out var q);
            facts.Add(MarketFacts.From(series, q?.BidPrice, q?.AskPrice, q?.Timestamp));
        }

        return new MarketDataLoad(facts, missing, lastClosed.Date);
    }

    private static BarSeries ToSeries(string symbol, List<Bar> bars, int keep)
    {
        var from = Math.Max(0, bars.Count - keep);
        var n = bars.Count - from;
        var t = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            var b = bars[from + i];
            t[i] = b.Timestamp.ToUnixTimeMilliseconds();
            o[i] = (double)b.Open;
            h[i] = (double)b.High;
            l[i] = (double)b.Low;
            c[i] = (double)b.Close;
            v[i] = (double)b.Volume;
        }

        return new BarSeries(symbol, t, o, h, l, c, v);
    }
}

/// <summary>The scan's inputs: facts per symbol, the symbols the broker had no bars for, and the last completed session.</summary>
public sealed record MarketDataLoad(IReadOnlyList<SymbolMarketFacts> Facts, IReadOnlyList<string> MissingSymbols, DateOnly LastCompletedSession);
