using System.Collections.Concurrent;
using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;

namespace Tessera.Trading.Tests.Orders.Support;

/// <summary>
/// Wraps the real broker client (pointed at the local exchange) and counts what reaches it: order POSTs per client
/// order id and look-ups. <see cref="FailLookups"/> makes look-ups fail like a broken connection, so an outcome can be
/// left unknown on purpose.
/// </summary>
internal sealed class CountingBroker(IBroker inner) : IBroker
{
    public ConcurrentDictionary<string, int> Posts { get; } = new(StringComparer.Ordinal);

    public int Lookups => _lookups;

    public bool FailLookups { get; set; }

    /// <summary>Share of look-ups failing like a broken connection, decided by a seeded generator (0 = none).</summary>
    public double LookupFailureRate { get; set; }

    public int LookupsFailed => _lookupsFailed;

    private readonly Random _random = new(5);
    private int _lookups;
    private int _lookupsFailed;

    public int PostsFor(string clientOrderId) => Posts.GetValueOrDefault(clientOrderId);

    public int TotalPosts => Posts.Values.Sum();

    public BrokerDescriptor Descriptor => inner.Descriptor;

    public Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default) => inner.GetAccountAsync(cancellationToken);

    public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default) => inner.GetPositionsAsync(cancellationToken);

    public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(OrderStatusFilter status, int limit, CancellationToken cancellationToken = default) => inner.GetOrdersAsync(status, limit, cancellationToken);

    public Task<BrokerOrder?> FindOrderAsync(string idOrClientOrderId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        bool fail;
        lock (_random)
        {
            fail = FailLookups || (LookupFailureRate > 0 && _random.NextDouble() < LookupFailureRate);
        }

        if (fail)
        {
            Interlocked.Increment(ref _lookupsFailed);
        }

        return fail ? throw new AlpacaTransportException("GET /v2/orders:by_client_order_id", "connection reset (injected by the test)") : inner.FindOrderAsync(idOrClientOrderId, cancellationToken);
    }

    public Task<BrokerOrder> SubmitOrderAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        Posts.AddOrUpdate(request.ClientOrderId ?? string.Empty, 1, (_, n) => n + 1);
        return inner.SubmitOrderAsync(request, cancellationToken);
    }

    public Task CancelOrderAsync(string orderId, CancellationToken cancellationToken = default) => inner.CancelOrderAsync(orderId, cancellationToken);

    public Task<BrokerOrder> ClosePositionAsync(Instrument instrument, CancellationToken cancellationToken = default) => inner.ClosePositionAsync(instrument, cancellationToken);

    public Task<MarketClock> GetClockAsync(CancellationToken cancellationToken = default) => inner.GetClockAsync(cancellationToken);

    public void Dispose() => inner.Dispose();
}
