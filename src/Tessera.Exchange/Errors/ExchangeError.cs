using Tessera.Alpaca.Errors;

namespace Tessera.Exchange.Errors;

/// <summary>
/// An error answer in Alpaca's shape: HTTP status and a JSON body {"code":N,"message":..} (code absent where Alpaca
/// sends none), plus the extra fields some errors carry (buying_power and cost_basis on 403 insufficient buying power).
/// Produced before any state changes: a refused request leaves the exchange exactly as it was.
/// </summary>
public sealed record ExchangeError(int Status, int? Code, string Message, IReadOnlyList<KeyValuePair<string, string>>? Extra = null)
{
    public static ExchangeError MalformedJson { get; } = new(400, AlpacaErrorCodes.InvalidRequest, "request body format is invalid");

    public static ExchangeError TooLarge(int limit) => new(413, AlpacaErrorCodes.InvalidRequest, $"request body too large (limit {limit} bytes)");

    public static ExchangeError WrongType(string field, string expected) => new(422, AlpacaErrorCodes.InvalidRequest, $"invalid {field}: must be {expected}");

    public static ExchangeError Invalid(string message) => new(422, AlpacaErrorCodes.Unprocessable, message);

    public static ExchangeError BadQuery(string field, string rule) => new(422, AlpacaErrorCodes.Unprocessable, $"invalid {field}: {rule}");

    public static ExchangeError UnknownAsset(string symbol) => new(422, AlpacaErrorCodes.Unprocessable, $"asset \"{Shorten(symbol)}\" not found");

    public static ExchangeError AssetNotFound(string symbol) => new(404, AlpacaErrorCodes.NotFound, $"asset not found for {Shorten(symbol)}");

    public static ExchangeError DuplicateClientOrderId { get; } = new(422, AlpacaErrorCodes.DuplicateClientOrderId, AlpacaErrorCodes.DuplicateClientOrderIdMessage);

    public static ExchangeError InsufficientBuyingPower(decimal buyingPower, decimal costBasis) => new(
        403,
        AlpacaErrorCodes.Forbidden,
        AlpacaErrorCodes.InsufficientBuyingPowerMessage,
        [new("buying_power", Money(buyingPower)), new("cost_basis", Money(costBasis))]);

    public static ExchangeError InsufficientQuantity(string symbol, decimal requested, decimal available, decimal existing, decimal held) => new(
        403,
        AlpacaErrorCodes.Forbidden,
        $"{AlpacaErrorCodes.InsufficientQuantityPrefix} (requested: {Qty(requested)}, available: {Qty(available)})",
        [new("available", Qty(available)), new("existing_qty", Qty(existing)), new("held_for_orders", Qty(held)), new("symbol", symbol)]);

    public static ExchangeError NotShortable(string symbol) => new(403, AlpacaErrorCodes.Forbidden, $"asset \"{symbol}\" cannot be sold short");

    public static ExchangeError ShortingDisabled { get; } = new(403, AlpacaErrorCodes.Forbidden, "account is not allowed to short");

    public static ExchangeError TradingBlocked { get; } = new(403, AlpacaErrorCodes.Forbidden, "trading is blocked for this account");

    public static ExchangeError OrderNotFound { get; } = new(404, AlpacaErrorCodes.NotFound, "order not found");

    public static ExchangeError PositionNotFound { get; } = new(404, AlpacaErrorCodes.NotFound, "position does not exist");

    public static ExchangeError NotCancelable(string state) => new(422, AlpacaErrorCodes.Unprocessable, $"order is not cancelable (state: {state})");

    public static ExchangeError NotReplaceable(string state) => new(422, AlpacaErrorCodes.Unprocessable, $"order is not replaceable (state: {state})");

    public static ExchangeError Unauthorized { get; } = new(401, AlpacaErrorCodes.Unauthorized, "request is not authorized");

    /// <summary>ALPACA.md: the 429 body is {"message":"rate limit exceeded"} (no code).</summary>
    public static ExchangeError RateLimited { get; } = new(429, null, AlpacaErrorCodes.RateLimitMessage);

    public static ExchangeError Internal { get; } = new(500, AlpacaErrorCodes.Internal, "internal server error");

    public static ExchangeError RouteNotFound { get; } = new(404, AlpacaErrorCodes.NotFound, "endpoint not found");

    public static ExchangeError MethodNotAllowed { get; } = new(405, null, "method not allowed");

    private static string Money(decimal v) => Alpaca.Json.AlpacaDecimal.Format(decimal.Round(v, 2));

    private static string Qty(decimal v) => Alpaca.Json.AlpacaDecimal.Format(Alpaca.Json.AlpacaDecimal.Normalize(v));

    // Symbols come from requests: never echo a huge value back.
    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
