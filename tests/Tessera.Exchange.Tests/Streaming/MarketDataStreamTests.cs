using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Exchange.Streaming;
using Tessera.Exchange.Tests.Support;
using Xunit;
using static Tessera.Exchange.Tests.Support.StreamReading;

namespace Tessera.Exchange.Tests.Streaming;

/// <summary>The Alpaca market data stream client against the exchange: every message type and every error code.</summary>
public sealed class MarketDataStreamTests
{
    private static Task<LocalExchange> StartAsync(Func<Tessera.Exchange.ExchangeOptions, Tessera.Exchange.ExchangeOptions>? configure = null) =>
        LocalExchange.StartAsync(TestTapes.TwoHours(), "2013-10-07 09:29", o => (configure ?? (x => x))(o with { Venue = o.Venue with { CorrectionRate = 0.3, CancelErrorRate = 0.2 } }));

    [Fact]
    public async Task Every_data_message_type_arrives_for_the_subscribed_symbols_only()
    {
        await using var ex = await StartAsync();
        await using var stream = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, Streams.Fast);
        await stream.StartAsync();
        await stream.SubscribeAsync(Streams.Everything("SPY"));
        var ack = (await UntilAsync(stream.Messages, l => l.OfType<StreamSubscription>().Any())).OfType<StreamSubscription>().Single().Subscriptions;
        Assert.Equal(["SPY"], ack.Trades);
        Assert.Equal(["*"], ack.Bars);
        Assert.Equal(["SPY"], ack.Corrections);
        Assert.Equal(["SPY"], ack.CancelErrors);

        await ex.AdvanceAsync("2013-10-07 09:45");
        var m = await UntilAsync(stream.Messages, l => l.OfType<StreamBar>().Count(b => b.Kind == StreamBarKind.Minute) >= 30);
        var trades = m.OfType<StreamTrade>().Select(t => t.Trade).ToList();
        Assert.Equal(15, trades.Count);
        Assert.All(trades, t => Assert.Equal("SPY", t.Symbol));
        Assert.Equal(Enumerable.Range(0, 15).Select(i => 100m + (0.01m * i)), trades.Select(t => t.Price));
        Assert.All(m.OfType<StreamQuote>(), q => Assert.Equal("SPY", q.Quote.Symbol));
        Assert.Equal(15, m.OfType<StreamBar>().Count(b => b.Kind == StreamBarKind.Minute && b.Bar.Symbol == "AAPL"));
        Assert.Contains(m.OfType<StreamBar>(), b => b.Kind == StreamBarKind.Daily && b.Bar.Symbol == "SPY");
        var status = Assert.Single(m.OfType<StreamStatus>());
        Assert.Equal(("SPY", "T", Tapes.Et("2013-10-07 09:30")), (status.Symbol, status.StatusCode, status.Timestamp));
        Assert.Contains(m.OfType<StreamLuld>(), l => l.Symbol == "SPY" && l.LimitUp > l.LimitDown);
        var corrections = m.OfType<StreamCorrection>().ToList();
        Assert.NotEmpty(corrections);
        Assert.All(corrections, c => Assert.Equal(c.OriginalPrice + 0.01m, c.CorrectedPrice));
        Assert.Equal(corrections.Count, m.OfType<StreamBar>().Count(b => b.Kind == StreamBarKind.Updated));
        Assert.NotEmpty(m.OfType<StreamCancelError>());
    }

    [Fact]
    public async Task Unsubscribing_stops_a_channel_and_keeps_the_others()
    {
        await using var ex = await StartAsync();
        await using var stream = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Iex, Streams.Fast);
        await stream.StartAsync();
        await stream.SubscribeAsync(new SubscriptionSet { Trades = ["SPY", "AAPL"], Bars = ["SPY"] });
        await UntilAsync(stream.Messages, l => l.OfType<StreamSubscription>().Any());
        await stream.UnsubscribeAsync(new SubscriptionSet { Trades = ["SPY"] });
        var ack = (await UntilAsync(stream.Messages, l => l.OfType<StreamSubscription>().Any())).OfType<StreamSubscription>().Single().Subscriptions;
        Assert.Equal(["AAPL"], ack.Trades);
        await ex.AdvanceAsync("2013-10-07 09:35");
        var m = await UntilAsync(stream.Messages, l => l.OfType<StreamBar>().Count() >= 5);
        Assert.All(m.OfType<StreamTrade>(), t => Assert.Equal("AAPL", t.Trade.Symbol));
        Assert.All(m.OfType<StreamBar>(), b => Assert.Equal("SPY", b.Bar.Symbol));
    }

    [Fact]
    public async Task Talking_before_auth_is_401_and_ends_the_session()
    {
        await using var ex = await StartAsync();
        await using var raw = await RawSocket.ConnectAsync(ex.Host.BaseAddress, "/v2/sip");
        Assert.Equal("""[{"T":"success","msg":"connected"}]""", await raw.ReceiveAsync());
        await raw.SendAsync("""{"action":"subscribe","trades":["SPY"]}""");
        Assert.Equal("""[{"T":"error","code":401,"msg":"not authenticated"}]""", await raw.ReceiveAsync());
        Assert.Null(await raw.ReceiveAsync());
    }

    [Fact]
    public async Task Bad_frames_are_400_and_410_and_a_second_auth_is_403_without_ending_the_session()
    {
        await using var ex = await StartAsync();
        await using var raw = await RawSocket.ConnectAsync(ex.Host.BaseAddress, "/v2/iex");
        await raw.ReceiveAsync();
        await raw.SendAsync($$"""{"action":"auth","key":"{{LocalExchange.KeyId}}","secret":"{{LocalExchange.Secret}}"}""");
        Assert.Equal("""[{"T":"success","msg":"authenticated"}]""", await raw.ReceiveAsync());
        await raw.SendAsync("this is not json");
        Assert.Contains("\"code\":400", await raw.ReceiveAsync(), StringComparison.Ordinal);
        await raw.SendAsync("""{"action":"dance"}""");
        Assert.Contains("\"code\":410", await raw.ReceiveAsync(), StringComparison.Ordinal);
        await raw.SendAsync("""{"action":"subscribe","trades":"SPY"}""");
        Assert.Contains("\"code\":400", await raw.ReceiveAsync(), StringComparison.Ordinal);
        await raw.SendAsync($$"""{"action":"auth","key":"{{LocalExchange.KeyId}}","secret":"{{LocalExchange.Secret}}"}""");
        Assert.Contains("\"code\":403", await raw.ReceiveAsync(), StringComparison.Ordinal);
        await raw.SendAsync("""{"action":"subscribe","trades":["SPY"]}""");
        Assert.Contains("\"T\":\"subscription\"", await raw.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_auth_within_the_timeout_is_404()
    {
        await using var ex = await StartAsync(o => o with { Streams = o.Streams with { AuthTimeout = TimeSpan.FromMilliseconds(200) } });
        await using var raw = await RawSocket.ConnectAsync(ex.Host.BaseAddress, "/v2/sip");
        await raw.ReceiveAsync();
        Assert.Equal("""[{"T":"error","code":404,"msg":"auth timeout"}]""", await raw.ReceiveAsync());
        Assert.Null(await raw.ReceiveAsync());
    }

    [Fact]
    public async Task Wrong_keys_are_402_and_the_client_gives_up_instead_of_looping()
    {
        await using var ex = await StartAsync();
        var options = ex.ClientOptions with { Credentials = new Tessera.Alpaca.Configuration.AlpacaCredentials("nope", "nope") };
        await using var stream = new AlpacaMarketDataStream(options, DataFeed.Sip, Streams.Fast);
        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => stream.StartAsync());
        Assert.Equal(StreamErrorCode.AuthFailed, error.Code);
        Assert.Equal(0, stream.Reconnects);
    }

    [Fact]
    public async Task Too_many_symbols_is_405_and_the_subscription_is_unchanged()
    {
        await using var ex = await StartAsync(o => o with { Streams = o.Streams with { MaxSymbols = 2 } });
        await using var stream = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, Streams.Fast);
        await stream.StartAsync();
        await stream.SubscribeAsync(new SubscriptionSet { Trades = ["SPY", "AAPL", "MSFT"] });
        var error = (await UntilAsync(stream.Messages, l => l.OfType<StreamError>().Any())).OfType<StreamError>().Single();
        Assert.Equal(StreamErrorCode.SymbolLimitExceeded, error.Code);
        Assert.True(stream.IsAuthenticated);
    }

    [Fact]
    public async Task A_second_connection_with_the_same_key_is_406()
    {
        await using var ex = await StartAsync();
        await using var first = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, Streams.Fast);
        await first.StartAsync();
        await using var second = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, Streams.Fast);
        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => second.StartAsync());
        Assert.Equal(StreamErrorCode.ConnectionLimitExceeded, error.Code);
    }

    [Fact]
    public async Task A_feed_outside_the_plan_is_409_and_fatal()
    {
        await using var ex = await StartAsync(o => o with { Streams = o.Streams with { AllowedFeeds = [DataFeed.Iex] } });
        await using var stream = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, Streams.Fast);
        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => stream.StartAsync());
        Assert.Equal(StreamErrorCode.InsufficientSubscription, error.Code);
    }

    [Theory]
    [InlineData(408, StreamErrorCode.V2NotEnabled)]
    [InlineData(411, StreamErrorCode.InsufficientScope)]
    public async Task Server_errors_that_reconnecting_cannot_cure_end_the_stream(int code, StreamErrorCode expected)
    {
        await using var ex = await StartAsync();
        await using var stream = new AlpacaMarketDataStream(ex.ClientOptions, DataFeed.Sip, Streams.Fast);
        await stream.StartAsync();
        ex.Host.ApplyFaults(new Tessera.Exchange.Faults.FaultPlan { StreamErrorCode = code });
        var m = await UntilAsync(stream.Messages, l => l.OfType<StreamLifecycle>().Any(x => x.Event == StreamLifecycleEvent.GaveUp));
        Assert.Equal(expected, m.OfType<StreamError>().Single().Code);
        Assert.Equal(expected, Assert.IsType<AlpacaStreamException>(stream.Failure).Code);
    }
}
