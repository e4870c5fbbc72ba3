using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Streaming;

/// <summary>One message of the market data stream, in arrival order.</summary>
public abstract record MarketDataMessage;

public sealed record StreamTrade(Trade Trade) : MarketDataMessage;

public sealed record StreamQuote(Quote Quote) : MarketDataMessage;

/// <summary>Minute bar (b), updated bar after late trades (u), or the running daily bar (d).</summary>
public enum StreamBarKind
{
    Minute,
    Updated,
    Daily,
}

public sealed record StreamBar(Bar Bar, StreamBarKind Kind) : MarketDataMessage;

/// <summary>Trading status (s): halts, resumptions; codes as the SIP sends them.</summary>
public sealed record StreamStatus(string Symbol, string StatusCode, string StatusMessage, string ReasonCode, string ReasonMessage, DateTimeOffset Timestamp, string? Tape) : MarketDataMessage;

/// <summary>Trade correction (c): the original print (id, price, size, conditions) and its corrected values.</summary>
public sealed record StreamCorrection(
    string Symbol,
    string? Exchange,
    long OriginalId,
    decimal OriginalPrice,
    decimal OriginalSize,
    IReadOnlyList<string> OriginalConditions,
    long CorrectedId,
    decimal CorrectedPrice,
    decimal CorrectedSize,
    IReadOnlyList<string> CorrectedConditions,
    DateTimeOffset Timestamp,
    string? Tape) : MarketDataMessage;

/// <summary>Trade cancel or error (x): action "C" cancel, "E" error, of print <see cref="Id"/>.</summary>
public sealed record StreamCancelError(string Symbol, long Id, string? Exchange, decimal Price, decimal Size, string Action, DateTimeOffset Timestamp, string? Tape) : MarketDataMessage;

/// <summary>Limit up / limit down bands (l).</summary>
public sealed record StreamLuld(string Symbol, decimal LimitUp, decimal LimitDown, string Indicator, DateTimeOffset Timestamp, string? Tape) : MarketDataMessage;

/// <summary>The server's complete subscription after a subscribe or unsubscribe.</summary>
public sealed record StreamSubscription(SubscriptionSet Subscriptions) : MarketDataMessage;

/// <summary>An error frame; <see cref="Code"/> is Unknown for codes outside ALPACA.md (see <see cref="RawCode"/>).</summary>
public sealed record StreamError(StreamErrorCode Code, int RawCode, string Message) : MarketDataMessage;

/// <summary>A {"T":"success"} control message ("connected", "authenticated").</summary>
public sealed record StreamSuccess(string Message) : MarketDataMessage;

public enum StreamLifecycleEvent
{
    Connected,
    Authenticated,
    Disconnected,
    Reconnected,
    GaveUp,
}

/// <summary>Emitted by the client itself (not the server) on both streams, so consumers can resynchronize after a gap.</summary>
public sealed record StreamLifecycle(StreamLifecycleEvent Event, int Attempt, string? Detail) : MarketDataMessage;
