using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Rest;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Storage;
using Tessera.Testing;
using Tessera.Trading.Configuration;
using Tessera.Trading.Desk;
using Tessera.Trading.Tests.Orders.Support;

namespace Tessera.Trading.Tests.Desk.Support;

/// <summary>
/// A trading desk over the real parts: the local exchange in-process on 127.0.0.1 (manual clock, rate limit off, no
/// costs), the real Alpaca client pointed at it, Azurite for the stores and the ledger, and the repository's
/// config/trading-demo.yaml (the demo market's universe). Disposing stops the exchange.
/// </summary>
internal sealed class DeskHarness : IAsyncDisposable
{
    private DeskHarness(ExchangeHost host, TradingDesk desk, RecordingEventPublisher events)
    {
        Host = host;
        Desk = desk;
        Events = events;
    }

    public ExchangeHost Host { get; }

    public TradingDesk Desk { get; }

    public RecordingEventPublisher Events { get; }

    public static async Task<DeskHarness> StartAsync(string azurite, MarketTape tape, DateTimeOffset start, decimal startingCash = 100_000m, string? profile = null, IReadOnlyList<string>? universe = null, Func<string, string>? editConfig = null)
    {
        var host = await ExchangeHost.StartAsync(new ExchangeOptions
        {
            Tape = tape,
            ClockMode = ClockMode.Manual,
            Start = start,
            RateLimitPerMinute = 0,
            Venue = new VenueOptions { Costs = CostModel.Free, StartingCash = startingCash, AccountId = Guid.NewGuid() }, // one account per test: its own partition in every store
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
        // The demo configuration (seed defaults, the demo market's universe), with another universe when a test asks.
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "config", "trading-demo.yaml"));
        if (universe is not null)
        {
            yaml = yaml.Replace("universe: [AAA, BBB, CCC, DDD]", "universe: [" + string.Join(", ", universe) + "]", StringComparison.Ordinal);
        }

        yaml = editConfig?.Invoke(yaml) ?? yaml; // a test's own profiles (e.g. an aggressive and a base one)
        var config = TradingConfigurationLoader.Load(yaml, "config/trading-demo.yaml");
        var storage = StorageAccount.FromConnectionString(azurite);
        var events = new RecordingEventPublisher();
        var parts = new TradingDeskParts(config, profile ?? config.DefaultProfileName, new AlpacaBroker(client), new AlpacaMarketDataClient(client), storage.Blobs, storage.Tables, events, TimeProvider.System);
        var desk = await TradingDesk.OpenAsync(parts);
        return new DeskHarness(host, desk, events);
    }

    public Task AdvanceToAsync(DateTimeOffset t) => Host.AdvanceToAsync(t);

    public int OrdersAtExchange(string clientOrderId) => Host.Venue.Read(v => v.Orders.Count(o => o.ClientOrderId == clientOrderId));

    public async ValueTask DisposeAsync()
    {
        Desk.Broker.Dispose();
        await Host.DisposeAsync();
    }
}
