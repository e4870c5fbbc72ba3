using System.Runtime.CompilerServices;
using System.Text.Json;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Rest;

/// <summary>
/// Alpaca Trading API v2 over HttpClient: account, orders, positions, clock, calendar, assets, activities.
/// Every response is parsed leniently (unknown fields ignored, missing optional fields null); errors arrive as
/// <see cref="AlpacaApiException"/> and its subclasses. Order submission is exactly-once by client_order_id
/// (<see cref="SubmitOrderAsync"/>).
/// </summary>
public sealed class AlpacaTradingClient : IDisposable
{
    private readonly AlpacaTransport _transport;
    private readonly AlpacaClientOptions _options;

    public AlpacaTradingClient(AlpacaClientOptions options, HttpClient? httpClient = null, ClientRateLimiter? sharedLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new AlpacaTransport(options, httpClient, sharedLimiter);
    }

    public AlpacaEndpoints Endpoints => _options.Endpoints;

    /// <summary>The limiter (share it with the market data client of the same key: the budget is per key).</summary>
    public ClientRateLimiter RateLimiter => _transport.Limiter;

    private Uri Base => _options.Endpoints.Trading;

    public async Task<Account> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var account = await GetAsync<Account>("v2/account", cancellationToken).ConfigureAwait(false);
        Require(account.Id, "GET /v2/account", "id");
        Require(account.Status, "GET /v2/account", "status");
        return account;
    }

    /// <summary>
    /// Submits an order exactly once. The POST is never repeated blindly: when it times out, breaks, or answers 5xx, the
    /// order is looked up by client_order_id and what the broker holds is returned. Only when the look-ups prove the
    /// broker holds nothing is the POST sent again, with the same client_order_id (a duplicate is refused by the
    /// broker and then looked up). 429 means the request was refused before processing: it is sent again after the reset.
    /// </summary>
    /// <exception cref="AlpacaOrderStateUnknownException">neither the POST nor the look-ups gave an answer.</exception>
    public async Task<Order> SubmitOrderAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OrderRequestRules.Validate(request);
        var withId = string.IsNullOrEmpty(request.ClientOrderId) ? request with { ClientOrderId = _options.ClientOrderIdFactory() } : request;
        var clientOrderId = withId.ClientOrderId!;
        var body = JsonSerializer.SerializeToUtf8Bytes(withId, AlpacaJson.Options);
        const string route = "POST /v2/orders";
        var rateLimited = 0;
        for (var resubmits = 0; ; resubmits++)
        {
            string failure;
            Exception? inner = null;
            try
            {
                var response = await _transport.SendOnceAsync(HttpMethod.Post, Base, "v2/orders", body, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccess)
                {
                    return CheckOrder(AlpacaTransport.Parse<Order>(response, route), route);
                }

                if (response.Status == 429 && rateLimited++ < _options.IdempotentRetries)
                {
                    // Refused before processing; the limiter now waits until the reset before the next send.
                    resubmits--;
                    continue;
                }

                if (response.Status < 500)
                {
                    var error = AlpacaErrorParser.Parse(response.Status, response.Body, route, response.RateLimitReset, clientOrderId);
                    if (error is AlpacaDuplicateClientOrderIdException && resubmits > 0)
                    {
                        // Our own earlier attempt landed after all: answer with it.
                        return await FindOrderByClientOrderIdAsync(clientOrderId, cancellationToken).ConfigureAwait(false) ?? throw error;
                    }

                    throw error;
                }

                failure = $"HTTP {response.Status}";
            }
            catch (AlpacaTransportException ex)
            {
                failure = ex.Reason;
                inner = ex;
            }

            var held = await ReconcileAsync(clientOrderId, failure, inner, cancellationToken).ConfigureAwait(false);
            if (held is not null)
            {
                return held;
            }

            if (resubmits >= _options.ResubmitsWhenNotAccepted)
            {
                throw new AlpacaOrderNotAcceptedException(clientOrderId, failure, inner);
            }
        }
    }

    /// <summary>Looks the order up after an ambiguous POST. Null: the broker holds no such order (after every attempt).</summary>
    private async Task<Order?> ReconcileAsync(string clientOrderId, string failure, Exception? inner, CancellationToken cancellationToken)
    {
        var delay = _options.ReconcileDelay;
        Exception? lookupError = null;
        var sawNotFound = false;
        for (var attempt = 0; attempt < Math.Max(1, _options.ReconcileAttempts); attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }

            try
            {
                var found = await FindOrderByClientOrderIdAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
                if (found is not null)
                {
                    return found;
                }

                sawNotFound = true;
            }
            catch (Exception ex) when (ex is AlpacaTransportException or AlpacaApiException)
            {
                lookupError = ex;
            }
        }

        return sawNotFound ? null : throw new AlpacaOrderStateUnknownException(clientOrderId, failure + "; look-ups failed: " + lookupError?.Message, lookupError ?? inner);
    }

    public Task<Order> GetOrderAsync(string orderId, bool nested = false, CancellationToken cancellationToken = default) =>
        GetOrderCheckedAsync("v2/orders/" + Segment(orderId, "order id") + new Query().Add("nested", nested ? true : null), cancellationToken);

    public Task<Order> GetOrderByClientOrderIdAsync(string clientOrderId, CancellationToken cancellationToken = default) =>
        GetOrderCheckedAsync("v2/orders:by_client_order_id" + new Query().Add("client_order_id", clientOrderId), cancellationToken);

    /// <summary>The order with this client_order_id, or null when the broker holds none (404).</summary>
    public async Task<Order?> FindOrderByClientOrderIdAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetOrderByClientOrderIdAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
        }
        catch (AlpacaApiException ex) when (ex.Kind == AlpacaErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>One page of GET /v2/orders.</summary>
    public async Task<IReadOnlyList<Order>> ListOrdersAsync(OrderQuery? query = null, CancellationToken cancellationToken = default)
    {
        var q = query ?? new OrderQuery();
        if (q.Limit is < 1 or > 500)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("limit", q.Limit.ToString(), "must be in 1..500");
        }

        var qs = new Query()
            .Add("status", Wire<OrderStatusFilter>.Name(q.Status == OrderStatusFilter.Unknown ? OrderStatusFilter.Open : q.Status))
            .Add("limit", q.Limit)
            .Add("after", q.After)
            .Add("until", q.Until)
            .Add("direction", q.Direction is { } d ? Wire<SortDirection>.Name(d) : null)
            .Add("nested", q.Nested)
            .Add("symbols", q.Symbols)
            .Add("side", q.Side is { } s ? Wire<OrderSide>.Name(s) : null);
        var orders = await GetAsync<List<Order>>("v2/orders" + qs, cancellationToken).ConfigureAwait(false);
        foreach (var o in orders)
        {
            CheckOrder(o, "GET /v2/orders");
        }

        return orders;
    }

    /// <summary>
    /// Every order matching the query, page after page: Alpaca pages by time, so the next page starts at the last
    /// order's submitted_at; orders seen on the previous page (equal timestamps) are skipped by id.
    /// </summary>
    public async IAsyncEnumerable<Order> ListAllOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.Limit ?? 500;
        var ascending = query.Direction == SortDirection.Asc;
        var page = query with { Limit = limit };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var orders = await ListOrdersAsync(page, cancellationToken).ConfigureAwait(false);
            var fresh = 0;
            foreach (var o in orders)
            {
                if (seen.Add(o.Id))
                {
                    fresh++;
                    yield return o;
                }
            }

            if (orders.Count < limit || fresh == 0)
            {
                yield break;
            }

            var edge = orders[^1].SubmittedAt ?? orders[^1].CreatedAt;
            if (edge is null)
            {
                yield break;
            }

            page = ascending ? page with { After = edge } : page with { Until = edge };
        }
    }

    public async Task<Order> ReplaceOrderAsync(string orderId, ReplaceOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = "v2/orders/" + Segment(orderId, "order id");
        var response = await _transport.SendOnceAsync(HttpMethod.Patch, Base, path, JsonSerializer.SerializeToUtf8Bytes(request, AlpacaJson.Options), _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return CheckOrder(AlpacaTransport.Parse<Order>(response, "PATCH /v2/orders/{id}"), "PATCH /v2/orders/{id}");
    }

    /// <summary>DELETE /v2/orders/{id}: 204 when the cancel was accepted; 404 unknown id; 422 not cancelable (already final).</summary>
    public async Task CancelOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendOnceAsync(HttpMethod.Delete, Base, "v2/orders/" + Segment(orderId, "order id"), null, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw AlpacaErrorParser.Parse(response.Status, response.Body, "DELETE /v2/orders/{id}", response.RateLimitReset);
        }
    }

    /// <summary>DELETE /v2/orders: 207 with one entry per open order.</summary>
    public async Task<IReadOnlyList<CancelOrderResult>> CancelAllOrdersAsync(CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendOnceAsync(HttpMethod.Delete, Base, "v2/orders", null, _options.CloseAllTimeout, cancellationToken).ConfigureAwait(false);
        return AlpacaTransport.Parse<List<CancelOrderResult>>(response, "DELETE /v2/orders");
    }

    public Task<List<Position>> ListPositionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<Position>>("v2/positions", cancellationToken);

    public Task<Position> GetPositionAsync(string symbol, CancellationToken cancellationToken = default) =>
        GetAsync<Position>("v2/positions/" + Segment(symbol, "symbol"), cancellationToken);

    /// <summary>The position, or null when there is none (404 position does not exist).</summary>
    public async Task<Position?> FindPositionAsync(string symbol, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetPositionAsync(symbol, cancellationToken).ConfigureAwait(false);
        }
        catch (AlpacaApiException ex) when (ex.Kind == AlpacaErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>DELETE /v2/positions/{symbol}: sends the closing order (all, a qty, or a percentage) and returns it.</summary>
    public async Task<Order> ClosePositionAsync(string symbol, ClosePositionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var qs = new Query().Add("qty", options?.Qty).Add("percentage", options?.Percentage);
        var response = await _transport.SendOnceAsync(HttpMethod.Delete, Base, "v2/positions/" + Segment(symbol, "symbol") + qs, null, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return CheckOrder(AlpacaTransport.Parse<Order>(response, "DELETE /v2/positions/{symbol}"), "DELETE /v2/positions/{symbol}");
    }

    /// <summary>DELETE /v2/positions: 207 with one entry per position. Slow at Alpaca: it has its own timeout.</summary>
    public async Task<IReadOnlyList<ClosePositionResult>> CloseAllPositionsAsync(bool cancelOrders, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendOnceAsync(HttpMethod.Delete, Base, "v2/positions" + new Query().Add("cancel_orders", cancelOrders), null, _options.CloseAllTimeout, cancellationToken).ConfigureAwait(false);
        return AlpacaTransport.Parse<List<ClosePositionResult>>(response, "DELETE /v2/positions");
    }

    public Task<Clock> GetClockAsync(CancellationToken cancellationToken = default) => GetAsync<Clock>("v2/clock", cancellationToken);

    public async Task<IReadOnlyList<CalendarDay>> GetCalendarAsync(DateOnly? start = null, DateOnly? end = null, CancellationToken cancellationToken = default)
    {
        var qs = new Query()
            .Add("start", start?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Add("end", end?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return await GetAsync<List<CalendarDay>>("v2/calendar" + qs, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Asset>> ListAssetsAsync(AssetStatus? status = null, AssetClass? assetClass = null, CancellationToken cancellationToken = default)
    {
        var qs = new Query()
            .Add("status", status is { } s ? Wire<AssetStatus>.Name(s) : null)
            .Add("asset_class", assetClass is { } c ? Wire<AssetClass>.Name(c) : null);
        return await GetAsync<List<Asset>>("v2/assets" + qs, cancellationToken).ConfigureAwait(false);
    }

    public Task<Asset> GetAssetAsync(string symbolOrId, CancellationToken cancellationToken = default) =>
        GetAsync<Asset>("v2/assets/" + Segment(symbolOrId, "symbol"), cancellationToken);

    /// <summary>One page of GET /v2/account/activities; the next page's token is the last activity's id.</summary>
    public async Task<IReadOnlyList<AccountActivity>> ListActivitiesAsync(ActivityQuery? query = null, CancellationToken cancellationToken = default)
    {
        var q = query ?? new ActivityQuery();
        if (q.PageSize is < 1 or > 100)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("page_size", q.PageSize.ToString(), "must be in 1..100");
        }

        var qs = new Query()
            .Add("activity_types", q.Types?.Select(t => Wire<ActivityType>.Name(t)))
            .Add("after", q.After)
            .Add("until", q.Until)
            .Add("direction", q.Direction is { } d ? Wire<SortDirection>.Name(d) : null)
            .Add("page_size", q.PageSize)
            .Add("page_token", q.PageToken);
        return await GetAsync<List<AccountActivity>>("v2/account/activities" + qs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every activity matching the query, following page tokens.</summary>
    public async IAsyncEnumerable<AccountActivity> ListAllActivitiesAsync(ActivityQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = query.PageSize ?? 100;
        var page = query with { PageSize = size };
        while (true)
        {
            var items = await ListActivitiesAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var a in items)
            {
                yield return a;
            }

            if (items.Count < size)
            {
                yield break;
            }

            page = page with { PageToken = items[^1].Id };
        }
    }

    public void Dispose() => _transport.Dispose();

    private async Task<Order> GetOrderCheckedAsync(string path, CancellationToken cancellationToken)
    {
        var order = await GetAsync<Order>(path, cancellationToken).ConfigureAwait(false);
        return CheckOrder(order, AlpacaTransport.Route(HttpMethod.Get, path));
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        var response = await _transport.SendIdempotentAsync(HttpMethod.Get, Base, path, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return AlpacaTransport.Parse<T>(response, AlpacaTransport.Route(HttpMethod.Get, path));
    }

    private static Order CheckOrder(Order order, string route)
    {
        Require(order.Id, route, "id");
        Require(order.Symbol, route, "symbol");
        return order;
    }

    private static void Require(string? value, string route, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new AlpacaProtocolException(route, field, "is missing");
        }
    }

    /// <summary>Path segments are escaped: an id or symbol must never be able to change the route.</summary>
    private static string Segment(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new Tessera.Core.Errors.TesseraValidationException(field, value, "must be non-empty") : Uri.EscapeDataString(value.Trim());
}
