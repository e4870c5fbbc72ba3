namespace Tessera.Alpaca.Rest;

/// <summary>No usable answer: the connection failed or the request timed out. Says nothing about what the server did.</summary>
public sealed class AlpacaTransportException : Exception
{
    public AlpacaTransportException(string route, string reason, Exception? inner = null)
        : base($"{route}: {reason}", inner)
    {
        Route = route;
        Reason = reason;
    }

    public AlpacaTransportException()
        : this("unknown", "unspecified")
    {
    }

    public AlpacaTransportException(string message)
        : this("unknown", message)
    {
    }

    public AlpacaTransportException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public string Route { get; }

    public string Reason { get; }

    public bool TimedOut => Reason.StartsWith("timed out", StringComparison.Ordinal);
}
