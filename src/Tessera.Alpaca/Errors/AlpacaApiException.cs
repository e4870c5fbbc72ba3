namespace Tessera.Alpaca.Errors;

/// <summary>
/// Alpaca answered with an error: HTTP status, Alpaca's eight-digit code (absent on some 401/403/429 bodies),
/// Alpaca's message, and the classified <see cref="Kind"/>. The message names the route and never the keys.
/// </summary>
public class AlpacaApiException : Exception
{
    public AlpacaApiException(AlpacaErrorKind kind, int status, long? code, string alpacaMessage, string route)
        : base(Describe(kind, status, code, alpacaMessage, route))
    {
        Kind = kind;
        Status = status;
        Code = code;
        AlpacaMessage = alpacaMessage;
        Route = route;
    }

    public AlpacaApiException()
        : this(AlpacaErrorKind.Unexpected, 0, null, "unknown", "unknown")
    {
    }

    public AlpacaApiException(string message)
        : this(AlpacaErrorKind.Unexpected, 0, null, message, "unknown")
    {
    }

    public AlpacaApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        AlpacaMessage = message;
        Route = "unknown";
    }

    public AlpacaErrorKind Kind { get; }

    public int Status { get; }

    public long? Code { get; }

    /// <summary>Alpaca's own message, as sent (bounded in length).</summary>
    public string AlpacaMessage { get; }

    /// <summary>Method and path, e.g. "POST /v2/orders" (no query string, no headers).</summary>
    public string Route { get; }

    private static string Describe(AlpacaErrorKind kind, int status, long? code, string message, string route)
    {
        var shown = message.Length <= 200 ? message : message[..197] + "...";
        var codeText = code is { } c ? $", code {c}" : string.Empty;
        return $"{route}: {kind} (HTTP {status}{codeText}): {shown}";
    }
}

/// <summary>403 insufficient buying power, with the figures Alpaca returns beside the message.</summary>
public sealed class AlpacaInsufficientBuyingPowerException(int status, long? code, string message, string route, decimal? buyingPower, decimal? costBasis)
    : AlpacaApiException(AlpacaErrorKind.InsufficientBuyingPower, status, code, message, route)
{
    public decimal? BuyingPower { get; } = buyingPower;

    public decimal? CostBasis { get; } = costBasis;
}

/// <summary>422 client_order_id must be unique: an order with this client_order_id exists (it stays taken after a cancel).</summary>
public sealed class AlpacaDuplicateClientOrderIdException(int status, long? code, string message, string route, string? clientOrderId)
    : AlpacaApiException(AlpacaErrorKind.DuplicateClientOrderId, status, code, message, route)
{
    public string? ClientOrderId { get; } = clientOrderId;
}

/// <summary>429: the key's request budget is spent until <see cref="ResetAt"/> (from X-Ratelimit-Reset when sent).</summary>
public sealed class AlpacaRateLimitedException(int status, long? code, string message, string route, DateTimeOffset? resetAt)
    : AlpacaApiException(AlpacaErrorKind.RateLimited, status, code, message, route)
{
    public DateTimeOffset? ResetAt { get; } = resetAt;
}
