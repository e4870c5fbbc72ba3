namespace Tessera.Alpaca.Errors;

/// <summary>Alpaca's eight-digit error codes (the first three digits repeat the HTTP status).</summary>
public static class AlpacaErrorCodes
{
    public const int InvalidRequest = 40010000;
    public const int DuplicateClientOrderId = 40010001;
    public const int Unauthorized = 40110000;
    public const int Forbidden = 40310000;
    public const int NotFound = 40410000;
    public const int Unprocessable = 42210000;
    public const int RateLimited = 42910000;
    public const int Internal = 50010000;

    public const string DuplicateClientOrderIdMessage = "client_order_id must be unique";
    public const string InsufficientBuyingPowerMessage = "insufficient buying power";
    public const string InsufficientQuantityPrefix = "insufficient qty available for order";
    public const string RateLimitMessage = "rate limit exceeded";
}
