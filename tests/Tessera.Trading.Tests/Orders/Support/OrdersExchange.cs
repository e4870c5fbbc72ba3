using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Configuration;
using Tessera.Core.Data;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;

namespace Tessera.Trading.Tests.Orders.Support;

/// <summary>
/// The local exchange for the Orders tests, started in-process on 127.0.0.1 (free port, manual clock, rate limit off,
/// no costs) with one SPY tape, and the real broker client pointed at it. Disposing stops the exchange.
/// </summary>
internal sealed class OrdersExchange : IAsyncDisposable
{
    private OrdersExchange(ExchangeHost host, AlpacaClientOptions options)
    {
        Host = host;
        ClientOptions = options;
    }

    public ExchangeHost Host { get; }

    public AlpacaClientOptions ClientOptions { get; }

    /// <summary>10:00:00 New York on 2013-10-07 (14:00 UTC), a regular session.</summary>
    public static readonly DateTimeOffset TenAm = new(2013, 10, 7, 14, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// SPY prints: 100.00 x <paramref name="size"/> at 10:00:00, then 99.90 x 1,000 at 10:02:00 (what fills a resting
    /// buy limit at 99.90 when the clock is advanced past it).
    /// </summary>
    public static MarketTape Tape(double size = 10_000_000) => MarketTape.Build(
        [new TradeTape("SPY", [TenAm.ToUnixTimeMilliseconds(), TenAm.AddMinutes(2).ToUnixTimeMilliseconds()], [100.00, 99.90], [size, 1_000], [(byte)'P', (byte)'P'], [0, 0], [false, false])],
        []);

    public static async Task<OrdersExchange> StartAsync(MarketTape? tape = null, Func<ExchangeOptions, ExchangeOptions>? configure = null, Func<AlpacaClientOptions, AlpacaClientOptions>? client = null)
    {
        var options = new ExchangeOptions
        {
            Tape = tape ?? Tape(),
            ClockMode = ClockMode.Manual,
            Start = TenAm.AddSeconds(30),
            RateLimitPerMinute = 0,
            Venue = new VenueOptions { Costs = CostModel.Free, StartingCash = 1_000_000_000m },
            PersistInterval = TimeSpan.FromMilliseconds(50),
        };
        var host = await ExchangeHost.StartAsync(configure?.Invoke(options) ?? options);
        var clientOptions = new AlpacaClientOptions
        {
            Endpoints = AlpacaEndpoints.Local(host.BaseAddress),
            Credentials = new AlpacaCredentials(BrokerSelection.DefaultExchangeKeyId, BrokerSelection.DefaultExchangeSecret),
            RequestsPerMinute = 0,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ReconcileDelay = TimeSpan.FromMilliseconds(10),
        };
        return new OrdersExchange(host, client?.Invoke(clientOptions) ?? clientOptions);
    }

    public IBroker NewBroker() => new AlpacaBroker(ClientOptions);

    /// <summary>Orders the exchange holds per client order id (its own order list, not the client's view).</summary>
    public Dictionary<string, int> OrdersPerClientOrderId() =>
        Host.Venue.Read(v => v.Orders.GroupBy(o => o.ClientOrderId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
