using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Tessera.Storage.Tables;
using Tessera.Trading.Decisions;

namespace Tessera.Trading.Orders;

/// <summary>What an intent must satisfy before anything is written or sent; each failure names the field, value and rule.</summary>
public static class OrderIntentRules
{
    public static void Validate(OrderIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        Key("DecisionId", intent.DecisionId);
        Key("ClientOrderId", intent.ClientOrderId);
        if (intent.ClientOrderId.Length > OrderRequestRules.MaxClientOrderIdLength)
        {
            throw new TesseraValidationException("ClientOrderId", intent.ClientOrderId, $"must be at most {OrderRequestRules.MaxClientOrderIdLength} characters (Alpaca's limit)");
        }

        if (string.IsNullOrWhiteSpace(intent.Symbol))
        {
            throw new TesseraValidationException("Symbol", intent.Symbol, "is required");
        }

        if (intent.Quantity is null == intent.Notional is null)
        {
            throw new TesseraValidationException("Quantity", Text(intent.Quantity), "exactly one of Quantity and Notional must be set");
        }

        if (intent.Notional is { } notional)
        {
            // Alpaca takes fractional (notional) orders only as market DAY orders.
            if (notional <= 0m)
            {
                throw new TesseraValidationException("Notional", Text(notional), "must be greater than 0");
            }

            if (intent.Type != OrderType.Market || intent.TimeInForce != TimeInForce.Day)
            {
                throw new TesseraValidationException("Notional", Text(notional), "a notional order must be a market DAY order");
            }
        }
        else if (intent.Quantity is not > 0m)
        {
            throw new TesseraValidationException("Quantity", Text(intent.Quantity), "must be greater than 0");
        }

        if (intent.Type is OrderType.Limit or OrderType.StopLimit && intent.LimitPrice is not > 0m)
        {
            throw new TesseraValidationException("LimitPrice", Text(intent.LimitPrice), "must be greater than 0 for a limit order");
        }

        if (intent.Type is OrderType.Market && intent.LimitPrice is not null)
        {
            throw new TesseraValidationException("LimitPrice", Text(intent.LimitPrice), "must be empty for a market order");
        }
    }

    private static void Key(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new TesseraValidationException(field, value, "is required");
        }

        TableKeys.ValidateKey(field, value);
    }

    private static string? Text(decimal? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
