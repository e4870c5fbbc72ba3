using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;

namespace Tessera.Alpaca.Rest;

/// <summary>Alpaca Market Data v2 (stocks): bars with paging, latest trades and quotes, snapshots.</summary>
public sealed class AlpacaMarketDataClient : IDisposable
{
    private readonly AlpacaTransport _transport;
    private readonly AlpacaClientOptions _options;

    public AlpacaMarketDataClient(AlpacaClientOptions options, HttpClient? httpClient = null, ClientRateLimiter? sharedLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new AlpacaTransport(options, httpClient, sharedLimiter);
    }

    private Uri Base => _options.Endpoints.MarketData;

    /// <summary>One page of bars for one or more symbols.</summary>
    public async Task<BarsPage> GetBarsAsync(BarsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Symbols.Count == 0)
        {
            throw new TesseraValidationException("symbols", string.Empty, "at least one symbol is required");
        }

        if (request.Limit is < 1 or > 10_000)
        {
            throw new TesseraValidationException("limit", request.Limit.ToString(), "must be in 1..10000");
        }

        var qs = new Query()
            .Add("symbols", request.Symbols)
            .Add("timeframe", request.TimeFrame.ToString())
            .Add("start", request.Start)
            .Add("end", request.End)
            .Add("limit", request.Limit)
            .Add("adjustment", request.Adjustment is { } a ? Wire<BarAdjustment>.Name(a) : null)
            .Add("feed", request.Feed is { } f ? Wire<DataFeed>.Name(f) : null)
            .Add("sort", request.Sort is { } s ? Wire<SortDirection>.Name(s) : null)
            .Add("page_token", request.PageToken);
        var page = await GetAsync<BarsResponse>("v2/stocks/bars" + qs, cancellationToken).ConfigureAwait(false);
        var bars = new Dictionary<string, IReadOnlyList<Bar>>(StringComparer.Ordinal);
        foreach (var (symbol, list) in page.Bars ?? [])
        {
            bars[symbol] = list.ConvertAll(b => b with { Symbol = symbol });
        }

        return new BarsPage(bars, string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken);
    }

    /// <summary>Every bar of the request, following next_page_token, one symbol's bars after the other as Alpaca pages them.</summary>
    public async IAsyncEnumerable<Bar> GetAllBarsAsync(BarsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request;
        while (true)
        {
            var result = await GetBarsAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var list in result.Bars.Values)
            {
                foreach (var bar in list)
                {
                    yield return bar;
                }
            }

            if (result.NextPageToken is null)
            {
                yield break;
            }

            page = page with { PageToken = result.NextPageToken };
        }
    }

    public async Task<IReadOnlyDictionary<string, Trade>> GetLatestTradesAsync(IReadOnlyList<string> symbols, DataFeed? feed = null, CancellationToken cancellationToken = default)
    {
        var r = await GetAsync<LatestTradesResponse>("v2/stocks/trades/latest" + SymbolsQuery(symbols, feed), cancellationToken).ConfigureAwait(false);
        return (r.Trades ?? []).ToDictionary(kv => kv.Key, kv => kv.Value with { Symbol = kv.Key }, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, Quote>> GetLatestQuotesAsync(IReadOnlyList<string> symbols, DataFeed? feed = null, CancellationToken cancellationToken = default)
    {
        var r = await GetAsync<LatestQuotesResponse>("v2/stocks/quotes/latest" + SymbolsQuery(symbols, feed), cancellationToken).ConfigureAwait(false);
        return (r.Quotes ?? []).ToDictionary(kv => kv.Key, kv => kv.Value with { Symbol = kv.Key }, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, Snapshot>> GetSnapshotsAsync(IReadOnlyList<string> symbols, DataFeed? feed = null, CancellationToken cancellationToken = default)
    {
        var r = await GetAsync<Dictionary<string, Snapshot?>>("v2/stocks/snapshots" + SymbolsQuery(symbols, feed), cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, Snapshot>(StringComparer.Ordinal);
        foreach (var (symbol, snapshot) in r)
        {
            // Alpaca answers null for a symbol it has no data for.
            if (snapshot is not null)
            {
                result[symbol] = snapshot;
            }
        }

        return result;
    }

    public void Dispose() => _transport.Dispose();

    private static string SymbolsQuery(IReadOnlyList<string> symbols, DataFeed? feed)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0)
        {
            throw new TesseraValidationException("symbols", string.Empty, "at least one symbol is required");
        }

        return new Query().Add("symbols", symbols).Add("feed", feed is { } f ? Wire<DataFeed>.Name(f) : null).ToString();
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        var response = await _transport.SendIdempotentAsync(HttpMethod.Get, Base, path, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return AlpacaTransport.Parse<T>(response, AlpacaTransport.Route(HttpMethod.Get, path));
    }

    private sealed record BarsResponse
    {
        [JsonPropertyName("bars")] public Dictionary<string, List<Bar>>? Bars { get; init; }
        [JsonPropertyName("next_page_token")] public string? NextPageToken { get; init; }
    }

    private sealed record LatestTradesResponse
    {
        [JsonPropertyName("trades")] public Dictionary<string, Trade>? Trades { get; init; }
    }

    private sealed record LatestQuotesResponse
    {
        [JsonPropertyName("quotes")] public Dictionary<string, Quote>? Quotes { get; init; }
    }
}
