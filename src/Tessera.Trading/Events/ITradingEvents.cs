namespace Tessera.Trading.Events;

/// <summary>Severity of a structured log event (the JSON "level" field).</summary>
public enum EventLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}

/// <summary>
/// A structured trading event: a code from the taxonomy (<c>CIRCUIT_BREAKER_HALT</c>, <c>ORDER_DEFERRED</c>, ...), a
/// level, a human message and the extended fields of that code (ticker, equity_opening, ...). The publisher adds the
/// mandatory fields (timestamp, process, session_id, hostname).
/// </summary>
public sealed record TradingEvent(string Code, EventLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields);

/// <summary>Where trading events go: the JSON log, then the alerting policy's channels.</summary>
public interface ITradingEventPublisher
{
    void Publish(TradingEvent tradingEvent);
}
