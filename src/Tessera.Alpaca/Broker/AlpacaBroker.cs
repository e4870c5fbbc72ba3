using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;

namespace Tessera.Alpaca.Broker;

/// <summary><see cref="IBroker"/> over the Alpaca trading client (Alpaca paper, live, or the local exchange).</summary>
public sealed class AlpacaBroker : IBroker
{
    private readonly AlpacaTradingClient _client;

    public AlpacaBroker(AlpacaClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = new AlpacaTradingClient(options, httpClient);
        var env = options.Endpoints.Environment;
        Descriptor = new BrokerDescriptor(
            env switch { AlpacaEnvironment.Local => "local", AlpacaEnvironment.Paper => "alpaca-paper", _ => "alpaca-live" },
            env == AlpacaEnvironment.Local ? "Tessera local exchange (Alpaca protocol)" : "Alpaca",
            env == AlpacaEnvironment.Live,
            options.Endpoints.Trading.GetLeftPart(UriPartial.Authority));
    }

    public BrokerDescriptor Descriptor { get; }

    public AlpacaTradingClient Client => _client;

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var a = await _client.GetAccountAsync(cancellationToken).ConfigureAwait(false);
        return new BrokerAccount(a.Id, a.Status, a.Currency ?? "USD", a.Cash, a.Equity ?? a.PortfolioValue ?? a.Cash, a.LastEquity ?? 0m, a.BuyingPower ?? 0m,
            a.LongMarketValue ?? 0m, a.ShortMarketValue ?? 0m, a.Multiplier ?? 1m, a.TradingBlocked || a.AccountBlocked);
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        var positions = await _client.ListPositionsAsync(cancellationToken).ConfigureAwait(false);
        return positions.ConvertAll(p => new BrokerPosition(
            new Instrument(p.Symbol, p.AssetClass),
            // Alpaca's qty is already negative for shorts; the side confirms it.
            p.Side == Tessera.Core.Side.Short && p.Qty > 0 ? -p.Qty : p.Qty,
            p.AvgEntryPrice,
            p.CurrentPrice,
            p.MarketValue,
            p.UnrealizedPl));
    }

    public async Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(OrderStatusFilter status, int limit, CancellationToken cancellationToken = default)
    {
        var orders = await _client.ListOrdersAsync(new OrderQuery { Status = status, Limit = limit, Direction = SortDirection.Desc }, cancellationToken).ConfigureAwait(false);
        return orders.Select(ToBrokerOrder).ToList();
    }

    public async Task<BrokerOrder?> FindOrderAsync(string idOrClientOrderId, CancellationToken cancellationToken = default)
    {
        if (Guid.TryParse(idOrClientOrderId, out _))
        {
            try
            {
                return ToBrokerOrder(await _client.GetOrderAsync(idOrClientOrderId, cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            catch (AlpacaApiException ex) when (ex.Kind == AlpacaErrorKind.NotFound)
            {
                // Not a broker id: it may still be a client order id (which can look like a UUID).
            }
        }

        var byClient = await _client.FindOrderByClientOrderIdAsync(idOrClientOrderId, cancellationToken).ConfigureAwait(false);
        return byClient is null ? null : ToBrokerOrder(byClient);
    }

    public async Task<BrokerOrder> SubmitOrderAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = await _client.SubmitOrderAsync(
            new OrderRequest
            {
                Symbol = request.Instrument.Symbol,
                Qty = request.Quantity,
                Notional = request.Notional,
                Side = request.Side,
                Type = request.Type,
                TimeInForce = request.TimeInForce,
                LimitPrice = request.LimitPrice,
                StopPrice = request.StopPrice,
                ClientOrderId = request.ClientOrderId,
            },
            cancellationToken).ConfigureAwait(false);
        return ToBrokerOrder(order);
    }

    public Task CancelOrderAsync(string orderId, CancellationToken cancellationToken = default) => _client.CancelOrderAsync(orderId, cancellationToken);

    public async Task<BrokerOrder> ClosePositionAsync(Instrument instrument, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return ToBrokerOrder(await _client.ClosePositionAsync(instrument.Symbol, null, cancellationToken).ConfigureAwait(false));
    }

    public async Task<MarketClock> GetClockAsync(CancellationToken cancellationToken = default)
    {
        var c = await _client.GetClockAsync(cancellationToken).ConfigureAwait(false);
        return new MarketClock(c.Timestamp, c.IsOpen, c.NextOpen, c.NextClose);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Alpaca's order (REST answer or trade-update frame) as the broker interface's order: the one mapping.</summary>
    public static BrokerOrder ToBrokerOrder(Order o) => new(
        o.Id,
        o.ClientOrderId ?? string.Empty,
        new Instrument(o.Symbol, o.AssetClass),
        o.Side,
        o.Type,
        o.TimeInForce,
        o.Qty,
        o.Notional,
        o.FilledQty,
        o.FilledAvgPrice,
        o.LimitPrice,
        o.StopPrice,
        o.Status,
        o.SubmittedAt,
        o.UpdatedAt);
}
