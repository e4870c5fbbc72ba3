namespace Tessera.Alpaca.Errors;

/// <summary>
/// An order POST failed in a way that does not say whether the broker took the order (timeout, 5xx, broken
/// connection), and looking it up by client_order_id failed too. The order may or may not exist: reconcile by
/// <see cref="ClientOrderId"/> before doing anything else with this intent. Never resubmit under a new id.
/// </summary>
public sealed class AlpacaOrderStateUnknownException : Exception
{
    public AlpacaOrderStateUnknownException(string clientOrderId, string reason, Exception? inner = null)
        : base($"order with client_order_id '{clientOrderId}' may or may not have been accepted ({reason}); reconcile by client_order_id before acting again", inner)
    {
        ClientOrderId = clientOrderId;
    }

    public AlpacaOrderStateUnknownException()
        : this("unknown", "unspecified")
    {
    }

    public AlpacaOrderStateUnknownException(string message)
        : this("unknown", message)
    {
    }

    public AlpacaOrderStateUnknownException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public string ClientOrderId { get; }
}

/// <summary>
/// An order POST failed (timeout or 5xx) and the broker holds no order with this client_order_id after the lookups:
/// it was not accepted. Resubmitting with the same client_order_id is safe (the broker refuses a duplicate).
/// </summary>
public sealed class AlpacaOrderNotAcceptedException : Exception
{
    public AlpacaOrderNotAcceptedException(string clientOrderId, string reason, Exception? inner = null)
        : base($"order with client_order_id '{clientOrderId}' was not accepted ({reason}); the broker holds no such order", inner)
    {
        ClientOrderId = clientOrderId;
    }

    public AlpacaOrderNotAcceptedException()
        : this("unknown", "unspecified")
    {
    }

    public AlpacaOrderNotAcceptedException(string message)
        : this("unknown", message)
    {
    }

    public AlpacaOrderNotAcceptedException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public string ClientOrderId { get; }
}

/// <summary>Alpaca answered with something that is not the documented shape (a required field missing or corrupt).</summary>
public sealed class AlpacaProtocolException : Exception
{
    public AlpacaProtocolException(string route, string field, string rule, Exception? inner = null)
        : base($"{route}: response field '{field}' {rule}", inner)
    {
        Route = route;
        Field = field;
        Rule = rule;
    }

    public AlpacaProtocolException()
        : this("unknown", "unknown", "unspecified")
    {
    }

    public AlpacaProtocolException(string message)
        : this("unknown", "unknown", message)
    {
    }

    public AlpacaProtocolException(string message, Exception innerException)
        : this("unknown", "unknown", message, innerException)
    {
    }

    public string Route { get; }

    public string Field { get; }

    public string Rule { get; }
}
