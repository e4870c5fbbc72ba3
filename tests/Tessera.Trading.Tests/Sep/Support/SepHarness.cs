using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Rest;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Storage;
using Tessera.Trading.Configuration;
using Tessera.Trading.Desk;
using Tessera.Trading.Tests.Orders.Support;

namespace Tessera.Trading.Tests.Sep.Support;

/// <summary>
/// The live SEP desk over the real parts (the pattern of Desk/Support/DeskHarness): the local exchange in-process on
/// 127.0.0.1 with a manual clock and no costs, the real Alpaca client, Azurite for the stores and the ledger, and a
/// trading configuration with a <c>sep:</c> section. <see cref="RestartAsync"/> opens a NEW desk (new broker client,
/// new stores) on the same storage account and exchange: what a process restart sees. Disposing stops the exchange.
/// </summary>
internal sealed class SepHarness : IAsyncDisposable
{
    private readonly ExchangeHost _host;
    private readonly AlpacaClientOptions _client;
    private readonly TradingConfiguration _config;
    private readonly StorageAccount _storage;
    private readonly List<TradingDesk> _desks = [];

    private SepHarness(ExchangeHost host, AlpacaClientOptions client, TradingConfiguration config, StorageAccount storage)
    {
        _host = host;
        _client = client;
        _config = config;
        _storage = storage;
    }

    public TradingDesk Desk => _desks[^1];

    public RecordingEventPublisher Events { get; } = new();

    /// <summary>A profile with limits wide enough that only the gates a test is about can bind.</summary>
    public const string Profiles = """
        default_profile: sep
        profiles:
          sep:
            policy: {per_order_usd: 1000000, daily_usd: 10000000, min_price: 1, max_price: 100000}
            rebalance: {min_trade_usd: 1}
        """;

    public static async Task<SepHarness> StartAsync(string azurite, MarketTape tape, DateTimeOffset start, string sepSection, decimal startingCash = 100_000m)
    {
        var host = await ExchangeHost.StartAsync(new ExchangeOptions
        {
            Tape = tape,
            ClockMode = ClockMode.Manual,
            Start = start,
            RateLimitPerMinute = 0,
            Venue = new VenueOptions { Costs = CostModel.Free, StartingCash = startingCash, AccountId = Guid.NewGuid() }, // one account per test
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
        var config = TradingConfigurationLoader.Load(Profiles + "\n" + sepSection, "sep-test.yaml");
        var h = new SepHarness(host, client, config, StorageAccount.FromConnectionString(azurite));
        await h.RestartAsync();
        return h;
    }

    /// <summary>Opens a new desk on the same exchange and storage (the old one's broker client is disposed).</summary>
    public async Task<TradingDesk> RestartAsync()
    {
        if (_desks.Count > 0)
        {
            Desk.Broker.Dispose();
        }

        var parts = new TradingDeskParts(_config, _config.DefaultProfileName, new AlpacaBroker(_client), new AlpacaMarketDataClient(_client), _storage.Blobs, _storage.Tables, Events, TimeProvider.System);
        _desks.Add(await TradingDesk.OpenAsync(parts));
        return Desk;
    }

    public Task AdvanceToAsync(DateTimeOffset t) => _host.AdvanceToAsync(t);

    public int OrdersAtExchange(string clientOrderId) => _host.Venue.Read(v => v.Orders.Count(o => o.ClientOrderId == clientOrderId));

    public int OrderCountAtExchange() => _host.Venue.Read(v => v.Orders.Count);

    public async ValueTask DisposeAsync()
    {
        Desk.Broker.Dispose();
        await _host.DisposeAsync();
    }
}
