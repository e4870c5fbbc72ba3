using System.Text.Json;
using Tessera.Alpaca.Json;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;

namespace Tessera.Exchange.Json;

/// <summary>
/// Strict readers of request bodies: malformed JSON is 400; a field of the wrong JSON type, a number that is not a
/// finite decimal (NaN, Infinity, 1e999), or a value outside its vocabulary is 422 naming the field. Unknown fields
/// are ignored, as Alpaca does. Nothing is read twice and nothing is changed here.
/// </summary>
public static class RequestReader
{
    public static (OrderRequest? Request, ExchangeError? Error) ReadOrder(ReadOnlySpan<byte> body)
    {
        if (Parse(body, out var doc) is { } parseError)
        {
            return (null, parseError);
        }

        using (doc)
        {
            var root = doc!.RootElement;
            try
            {
                var symbol = Str(root, "symbol") ?? throw new FieldException(ExchangeError.Invalid("symbol is required"));
                var orderClass = Str(root, "order_class") is { } oc ? (oc.Length == 0 ? OrderClass.Simple : Enum<OrderClass>(oc, "order_class")) : (OrderClass?)null;
                var request = new OrderRequest
                {
                    Symbol = symbol.Trim().ToUpperInvariant(),
                    Qty = Decimal(root, "qty"),
                    Notional = Decimal(root, "notional"),
                    Side = Enum<OrderSide>(Str(root, "side") ?? throw new FieldException(ExchangeError.Invalid("side is required")), "side"),
                    Type = Enum<OrderType>(Str(root, "type") ?? Str(root, "order_type") ?? throw new FieldException(ExchangeError.Invalid("type is required")), "type"),
                    TimeInForce = Enum<TimeInForce>(Str(root, "time_in_force") ?? throw new FieldException(ExchangeError.Invalid("time_in_force is required")), "time_in_force"),
                    LimitPrice = Decimal(root, "limit_price"),
                    StopPrice = Decimal(root, "stop_price"),
                    TrailPrice = Decimal(root, "trail_price"),
                    TrailPercent = Decimal(root, "trail_percent"),
                    ExtendedHours = Bool(root, "extended_hours"),
                    ClientOrderId = Str(root, "client_order_id"),
                    OrderClass = orderClass,
                    TakeProfit = Object(root, "take_profit") is { } tp ? new TakeProfit(Decimal(tp, "limit_price") ?? throw new FieldException(ExchangeError.Invalid("take_profit.limit_price is required"))) : null,
                    StopLoss = Object(root, "stop_loss") is { } sl ? new StopLoss(Decimal(sl, "stop_price") ?? throw new FieldException(ExchangeError.Invalid("stop_loss.stop_price is required")), Decimal(sl, "limit_price")) : null,
                };
                return (request, null);
            }
            catch (FieldException ex)
            {
                return (null, ex.Error);
            }
        }
    }

    public static (ReplaceOrderRequest? Request, ExchangeError? Error) ReadReplace(ReadOnlySpan<byte> body)
    {
        if (Parse(body, out var doc) is { } parseError)
        {
            return (null, parseError);
        }

        using (doc)
        {
            var root = doc!.RootElement;
            try
            {
                return (new ReplaceOrderRequest
                {
                    Qty = Decimal(root, "qty"),
                    TimeInForce = Str(root, "time_in_force") is { } tif ? Enum<TimeInForce>(tif, "time_in_force") : null,
                    LimitPrice = Decimal(root, "limit_price"),
                    StopPrice = Decimal(root, "stop_price"),
                    Trail = Decimal(root, "trail"),
                    ClientOrderId = Str(root, "client_order_id"),
                }, null);
            }
            catch (FieldException ex)
            {
                return (null, ex.Error);
            }
        }
    }

    private static ExchangeError? Parse(ReadOnlySpan<byte> body, out JsonDocument? doc)
    {
        doc = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            doc = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                doc.Dispose();
                doc = null;
                return ExchangeError.MalformedJson;
            }
        }
        catch (JsonException)
        {
            return ExchangeError.MalformedJson;
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            doc = null;
            return ExchangeError.WrongType("body", "a JSON object");
        }

        return null;
    }

    private static string? Str(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FieldException(ExchangeError.WrongType(name, "a string"));
    }

    private static decimal? Decimal(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (v.ValueKind)
        {
            case JsonValueKind.String when AlpacaDecimal.TryParse(v.GetString(), out var s):
                return s;
            case JsonValueKind.Number when v.TryGetDecimal(out var n):
                return n;
            default:
                throw new FieldException(ExchangeError.WrongType(name, "a finite decimal number (string or number)"));
        }
    }

    private static bool? Bool(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FieldException(ExchangeError.WrongType(name, "a boolean")),
        };
    }

    private static JsonElement? Object(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Object ? v : throw new FieldException(ExchangeError.WrongType(name, "an object"));
    }

    private static T Enum<T>(string text, string field)
        where T : struct, System.Enum =>
        Wire<T>.TryParse(text, out var v) ? v : throw new FieldException(ExchangeError.Invalid($"invalid {field}: must be one of {Wire<T>.Expected}"));

    private sealed class FieldException(ExchangeError error) : Exception(error.Message)
    {
        public ExchangeError Error { get; } = error;
    }
}
