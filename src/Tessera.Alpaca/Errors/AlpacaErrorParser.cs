using System.Text.Json;
using Tessera.Alpaca.Json;

namespace Tessera.Alpaca.Errors;

/// <summary>
/// Turns an error response into the typed exception. Bodies may be Alpaca JSON ({"code":..,"message":..}), JSON
/// without a code (401/403/429 from the gateway), or not JSON at all (a proxy's HTML); all are handled.
/// </summary>
public static class AlpacaErrorParser
{
    public static AlpacaApiException Parse(int status, ReadOnlySpan<byte> body, string route, DateTimeOffset? rateLimitReset, string? clientOrderId = null)
    {
        long? code = null;
        var message = string.Empty;
        decimal? buyingPower = null;
        decimal? costBasis = null;
        if (!body.IsEmpty)
        {
            try
            {
                var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
                using var doc = JsonDocument.ParseValue(ref reader);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var root = doc.RootElement;
                    if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var cv))
                    {
                        code = cv;
                    }

                    if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    {
                        message = m.GetString() ?? string.Empty;
                    }

                    buyingPower = ReadDecimal(root, "buying_power");
                    costBasis = ReadDecimal(root, "cost_basis");
                }
            }
            catch (JsonException)
            {
                message = System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).Trim();
            }
        }

        if (message.Length == 0)
        {
            message = "HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var kind = Classify(status, code, message);
        return kind switch
        {
            AlpacaErrorKind.InsufficientBuyingPower => new AlpacaInsufficientBuyingPowerException(status, code, message, route, buyingPower, costBasis),
            AlpacaErrorKind.DuplicateClientOrderId => new AlpacaDuplicateClientOrderIdException(status, code, message, route, clientOrderId),
            AlpacaErrorKind.RateLimited => new AlpacaRateLimitedException(status, code, message, route, rateLimitReset),
            _ => new AlpacaApiException(kind, status, code, message, route),
        };
    }

    public static AlpacaErrorKind Classify(int status, long? code, string message)
    {
        if (code == AlpacaErrorCodes.DuplicateClientOrderId || message.Contains(AlpacaErrorCodes.DuplicateClientOrderIdMessage, StringComparison.OrdinalIgnoreCase))
        {
            return AlpacaErrorKind.DuplicateClientOrderId;
        }

        return status switch
        {
            400 => AlpacaErrorKind.BadRequest,
            401 => AlpacaErrorKind.Unauthorized,
            403 when message.Contains(AlpacaErrorCodes.InsufficientBuyingPowerMessage, StringComparison.OrdinalIgnoreCase) => AlpacaErrorKind.InsufficientBuyingPower,
            403 when message.Contains(AlpacaErrorCodes.InsufficientQuantityPrefix, StringComparison.OrdinalIgnoreCase) => AlpacaErrorKind.InsufficientQuantity,
            // A 403 without an Alpaca code is the gateway refusing the keys (ALPACA.md: 401/403 on bad keys may have no code).
            403 when code is null => AlpacaErrorKind.Unauthorized,
            403 => AlpacaErrorKind.Forbidden,
            404 => AlpacaErrorKind.NotFound,
            413 => AlpacaErrorKind.PayloadTooLarge,
            422 => AlpacaErrorKind.Unprocessable,
            429 => AlpacaErrorKind.RateLimited,
            >= 500 and <= 599 => AlpacaErrorKind.ServerError,
            _ => AlpacaErrorKind.Unexpected,
        };
    }

    private static decimal? ReadDecimal(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var e))
        {
            return null;
        }

        return e.ValueKind switch
        {
            JsonValueKind.Number when e.TryGetDecimal(out var n) => n,
            JsonValueKind.String when AlpacaDecimal.TryParse(e.GetString(), out var s) => s,
            _ => null,
        };
    }
}
