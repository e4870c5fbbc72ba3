using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Broker;

/// <summary>
/// A broker as Tessera's trading commands see it. Implementations: <see cref="AlpacaBroker"/> (Alpaca paper/live and
/// the local exchange, which speaks Alpaca's protocol); an FX broker (OANDA) later. Quantities are decimals (fractional
/// shares, crypto, FX units); instruments carry their asset class; order submission is idempotent by client order id.
/// (The interface lives with its first implementation until a second broker arrives; then it moves to a shared room.)
/// </summary>
public interface IBroker : IDisposable
{
    BrokerDescriptor Descriptor { get; }

    Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(OrderStatusFilter status, int limit, CancellationToken cancellationToken = default);

    /// <summary>By the broker's id or, failing that, by client order id; null when neither exists.</summary>
    Task<BrokerOrder?> FindOrderAsync(string idOrClientOrderId, CancellationToken cancellationToken = default);

    Task<BrokerOrder> SubmitOrderAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default);

    Task CancelOrderAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>Sends the order that flattens the position and returns it.</summary>
    Task<BrokerOrder> ClosePositionAsync(Instrument instrument, CancellationToken cancellationToken = default);

    Task<MarketClock> GetClockAsync(CancellationToken cancellationToken = default);
}
