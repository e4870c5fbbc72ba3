namespace Tessera.Alpaca.Errors;

/// <summary>What went wrong, classified once from Alpaca's HTTP status, error code and message.</summary>
public enum AlpacaErrorKind
{
    Unexpected = 0,
    BadRequest,
    Unauthorized,
    Forbidden,
    InsufficientBuyingPower,
    InsufficientQuantity,
    NotFound,
    DuplicateClientOrderId,
    Unprocessable,
    PayloadTooLarge,
    RateLimited,
    ServerError,
}
