using Tessera.Alpaca.Model;

namespace Tessera.Alpaca.Streaming;

/// <summary>One message of the trade updates stream: an order event, or a lifecycle/control message.</summary>
public abstract record TradeStreamMessage;

public sealed record TradeUpdateMessage(TradeUpdate Update) : TradeStreamMessage;

/// <summary>Authorization or listening confirmation, or a refusal.</summary>
public sealed record TradeStreamControl(string Stream, string Status, IReadOnlyList<string> Streams) : TradeStreamMessage;

public sealed record TradeStreamLifecycle(StreamLifecycleEvent Event, int Attempt, string? Detail) : TradeStreamMessage;
