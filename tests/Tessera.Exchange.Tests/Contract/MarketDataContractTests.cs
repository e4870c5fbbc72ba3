using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Tests.Support;
using Xunit;

namespace Tessera.Exchange.Tests.Contract;

/// <summary>Market data REST against the exchange: bars (every timeframe family, paging), latest trades and quotes, snapshots.</summary>
public sealed class MarketDataContractTests : IAsyncLifetime
{
    private LocalExchange _ex = null!;

    public async Task InitializeAsync()
    {
        _ex = await LocalExchange.StartAsync(TestTapes.TwoHours(), "2013-10-07 09:29");
        await _ex.AdvanceAsync("2013-10-07 11:00");
    }

    public async Task DisposeAsync() => await _ex.DisposeAsync();

    [Fact]
    public async Task Minute_bars_page_through_both_symbols_with_next_page_token()
    {
        var pages = 0;
        var request = new BarsRequest { Symbols = ["SPY", "AAPL"], TimeFrame = BarTimeFrame.OneMinute, Limit = 40, Feed = DataFeed.Sip, Adjustment = BarAdjustment.Raw };
        var bars = new List<Bar>();
        while (true)
        {
            var page = await _ex.Data.GetBarsAsync(request);
            pages++;
            bars.AddRange(page.Bars.Values.SelectMany(b => b));
            if (page.NextPageToken is null)
            {
                break;
            }

            request = request with { PageToken = page.NextPageToken };
        }

        // 09:30 .. 10:59 are complete at 11:00: 90 bars per symbol, AAPL first (symbols are ordered), 40 per page.
        Assert.Equal(5, pages);
        Assert.Equal(180, bars.Count);
        Assert.Equal(90, bars.Count(b => b.Symbol == "AAPL"));
        var first = bars.First(b => b.Symbol == "SPY");
        Assert.Equal((Tapes.Et("2013-10-07 09:30"), 100.00m, 100m, 1L), (first.Timestamp, first.Open, first.Volume, first.TradeCount!.Value));
        Assert.Equal(Tapes.Et("2013-10-07 10:59"), bars.Last(b => b.Symbol == "SPY").Timestamp);
        var all = new List<Bar>();
        await foreach (var b in _ex.Data.GetAllBarsAsync(new BarsRequest { Symbols = ["SPY"], Limit = 7 }))
        {
            all.Add(b);
        }

        Assert.Equal(90, all.Count);
    }

    [Fact]
    public async Task Longer_timeframes_aggregate_the_minutes()
    {
        var page = await _ex.Data.GetBarsAsync(new BarsRequest { Symbols = ["SPY"], TimeFrame = BarTimeFrame.Parse("15Min") });
        var bars = page.Bars["SPY"];
        Assert.Equal(6, bars.Count);
        Assert.Equal((100.00m, 100.14m, 1500m, 15L), (bars[0].Open, bars[0].Close, bars[0].Volume, bars[0].TradeCount!.Value));
        var hourly = (await _ex.Data.GetBarsAsync(new BarsRequest { Symbols = ["SPY"], TimeFrame = BarTimeFrame.Parse("1Hour") })).Bars["SPY"];
        Assert.Equal([Tapes.Et("2013-10-07 09:00"), Tapes.Et("2013-10-07 10:00")], hourly.Select(b => b.Timestamp));
        var daily = Assert.Single((await _ex.Data.GetBarsAsync(new BarsRequest { Symbols = ["SPY"], TimeFrame = BarTimeFrame.OneDay })).Bars["SPY"]);
        Assert.Equal((100.00m, 100.89m), (daily.Open, daily.Close));
        var window = (await _ex.Data.GetBarsAsync(new BarsRequest { Symbols = ["SPY"], Start = Tapes.Et("2013-10-07 10:00"), End = Tapes.Et("2013-10-07 10:04"), Sort = SortDirection.Desc })).Bars["SPY"];
        Assert.Equal([Tapes.Et("2013-10-07 10:04"), Tapes.Et("2013-10-07 10:03"), Tapes.Et("2013-10-07 10:02"), Tapes.Et("2013-10-07 10:01"), Tapes.Et("2013-10-07 10:00")], window.Select(b => b.Timestamp));
    }

    [Fact]
    public async Task Latest_trades_quotes_and_snapshots_show_the_replay_up_to_now()
    {
        var trades = await _ex.Data.GetLatestTradesAsync(["SPY", "AAPL"]);
        Assert.Equal((100.89m, Tapes.Et("2013-10-07 10:59:01")), (trades["SPY"].Price, trades["SPY"].Timestamp));
        Assert.Equal(480.89m, trades["AAPL"].Price);
        var quotes = await _ex.Data.GetLatestQuotesAsync(["SPY"]);
        // An uptick prints at the ask: ask 100.89, bid one tick below.
        Assert.Equal((100.88m, 100.89m), (quotes["SPY"].BidPrice, quotes["SPY"].AskPrice));
        var snap = (await _ex.Data.GetSnapshotsAsync(["SPY"]))["SPY"];
        Assert.Equal(100.89m, snap.LatestTrade!.Price);
        Assert.Equal(Tapes.Et("2013-10-07 10:59"), snap.MinuteBar!.Timestamp);
        Assert.Equal(100.00m, snap.DailyBar!.Open);
        Assert.Null(snap.PrevDailyBar);
    }

    [Fact]
    public async Task Bad_market_data_requests_are_422()
    {
        foreach (var request in new[]
        {
            new BarsRequest { Symbols = ["ZZZZ"] },
            new BarsRequest { Symbols = ["SPY"], PageToken = "bm90IG91cnM=" },
        })
        {
            var ex = await Assert.ThrowsAsync<AlpacaApiException>(() => _ex.Data.GetBarsAsync(request));
            Assert.Equal(422, ex.Status);
        }

        var (status, body, _) = await _ex.SendAsync(HttpMethod.Get, "v2/stocks/bars?symbols=SPY&timeframe=7Fortnight");
        Assert.Equal(422, status);
        Assert.Contains("timeframe", body, StringComparison.Ordinal);
        Assert.Equal(422, (await _ex.SendAsync(HttpMethod.Get, "v2/stocks/bars?timeframe=1Min")).Status);
        Assert.Equal(422, (await _ex.SendAsync(HttpMethod.Get, "v2/stocks/bars?symbols=SPY&timeframe=1Min&limit=0")).Status);
        Assert.Equal(422, (await _ex.SendAsync(HttpMethod.Get, "v2/stocks/trades/latest?symbols=SPY,NOPE")).Status);
    }
}
