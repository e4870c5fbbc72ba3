using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;
using Tessera.Alpaca.Streaming;
using Tessera.Core.Data;
using Tessera.Core.Markets;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Storage;
using Tessera.Stream.Engine;
using Tessera.Stream.Hosting;
using Tessera.Testing;
using Tessera.Trading.Configuration;
using Tessera.Trading.Desk;

namespace Tessera.Stream.Tests.Support;

/// <summary>
/// The real parts: the local exchange in-process on 127.0.0.1 (manual clock, no costs, a fresh account per harness),
/// the Alpaca client pointed at it, Azurite for the stores and the ledger, config/trading-demo.yaml, and the stream
/// worker on top. The worker can be stopped and started again on the same storage and exchange (restart tests).
/// </summary>
internal sealed class StreamHarness : IAsyncDisposable
{
    public static readonly DateOnly Day = new(2024, 3, 13);

    private StreamHarness(ExchangeHost host, AlpacaClientOptions client, TradingDeskParts parts)
    {
        Host = host;
        Client = client;
        Parts = parts;
    }

    public ExchangeHost Host { get; }

    public AlpacaClientOptions Client { get; }

    public TradingDeskParts Parts { get; }

    public RecordingEvents Events => (RecordingEvents)Parts.Events;

    public StreamWorker? Worker { get; private set; }

    public static DateTimeOffset At(int h, int m, int s = 0) => UsEastern.At(Day, new TimeOnly(h, m, s));

    /// <summary>A tape of one symbol: (New York time, price) prints of 1,000 shares.</summary>
    public static MarketTape Tape(string symbol, params (DateTimeOffset At, double Price)[] prints) => MarketTape.Build(
        [new TradeTape(symbol, [.. prints.Select(p => p.At.ToUnixTimeMilliseconds())], [.. prints.Select(p => p.Price)], [.. prints.Select(_ => 1_000.0)], [.. prints.Select(_ => (byte)'P')], new int[prints.Length], new bool[prints.Length])],
        []);

    public static async Task<StreamHarness> StartAsync(string azurite, MarketTape tape, DateTimeOffset start, ClockMode clock = ClockMode.Manual, double speed = 1)
    {
        var host = await ExchangeHost.StartAsync(new ExchangeOptions
        {
            Tape = tape,
            ClockMode = clock,
            Speed = speed,
            Start = start,
            RateLimitPerMinute = 0,
            Venue = new VenueOptions { Costs = CostModel.Free, StartingCash = 100_000m, AccountId = Guid.NewGuid() },
            PersistInterval = TimeSpan.FromMilliseconds(50),
        });
        var client = new AlpacaClientOptions
        {
            Endpoints = AlpacaEndpoints.Local(host.BaseAddress),
            Credentials = new AlpacaCredentials(BrokerSelection.DefaultExchangeKeyId, BrokerSelection.DefaultExchangeSecret),
            RequestsPerMinute = 0,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReconcileDelay = TimeSpan.FromMilliseconds(10),
        };
        var config = TradingConfigurationLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "config", "trading-demo.yaml"));
        var storage = StorageAccount.FromConnectionString(azurite);
        var parts = new TradingDeskParts(config, config.DefaultProfileName, new AlpacaBroker(client), new AlpacaMarketDataClient(client), storage.Blobs, storage.Tables, new RecordingEvents(), TimeProvider.System);
        return new StreamHarness(host, client, parts);
    }

    /// <summary>Quick reconnects for tests; the PONG timeout is generous (the test machine is shared).</summary>
    public static StreamOptions FastStreams => new()
    {
        PingInterval = TimeSpan.FromMilliseconds(500),
        PongTimeout = TimeSpan.FromSeconds(2),
        BackoffBase = TimeSpan.FromMilliseconds(50),
        BackoffMax = TimeSpan.FromMilliseconds(200),
        ConnectionLimitBackoff = TimeSpan.FromMilliseconds(200),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>An engine read on the worker's loop (never concurrently with it).</summary>
    public Task<T> ReadAsync<T>(Func<StreamEngine, T> read) => Worker!.OnLoopAsync((e, _) => Task.FromResult(read(e)));

    public async Task<StreamWorker> StartWorkerAsync(StreamSettings? settings = null)
    {
        var desk = await TradingDesk.OpenAsync(Parts);
        Worker = await StreamWorker.StartAsync(new StreamWorkerParts(desk, Client, settings ?? new StreamSettings { MeasureLag = false, StatusInterval = TimeSpan.FromMilliseconds(500) }, DataFeed.Iex) { StreamOptions = FastStreams });
        return Worker;
    }

    public async Task StopWorkerAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
            Worker = null;
        }
    }

    public async Task BuyAsync(string symbol, decimal qty)
    {
        var order = await Parts.Broker.SubmitOrderAsync(new BrokerOrderRequest(new Instrument(symbol, AssetClass.UsEquity), OrderSide.Buy, qty, OrderType.Market, TimeInForce.Day, ClientOrderId: "setup-" + Guid.NewGuid().ToString("N")));
        if ((await Parts.Broker.FindOrderAsync(order.Id))!.Status != OrderStatus.Filled)
        {
            throw new InvalidOperationException("the setup buy did not fill");
        }
    }

    public async Task<decimal> PositionAtBrokerAsync(string symbol)
    {
        foreach (var p in await Parts.Broker.GetPositionsAsync())
        {
            if (p.Instrument.Symbol == symbol)
            {
                return p.Quantity;
            }
        }

        return 0m;
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("waited " + seconds + " s for: " + what);
            }

            await Task.Delay(50);
        }
    }

    public static async Task WaitForAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("waited " + seconds + " s for: " + what);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        Parts.Broker.Dispose();
        await Host.DisposeAsync();
    }
}
