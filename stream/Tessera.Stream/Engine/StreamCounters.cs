namespace Tessera.Stream.Engine;

/// <summary>What the engine has seen and done since it started (status line, exit summary, health, fault campaign).</summary>
public sealed class StreamCounters
{
    public long Messages { get; internal set; }

    public long Trades { get; internal set; }

    public long TradesSkippedNotPositive { get; internal set; }

    public long TradesSkippedAbsurd { get; internal set; }

    public long TradesSkippedFuture { get; internal set; }

    /// <summary>Frames the client could not parse or error frames of no known code (counted, skipped).</summary>
    public long Malformed { get; internal set; }

    public long ErrorFrames { get; internal set; }

    /// <summary>Subscription acknowledgements from the server (after each subscribe and each reconnect).</summary>
    public long SubscriptionAcks { get; internal set; }

    public long Disconnects { get; internal set; }

    public long Reconnects { get; internal set; }

    public long Breaches { get; internal set; }

    public long SafetyActivations { get; internal set; }

    public long StopsFired { get; internal set; }

    public long ExitsSubmitted { get; internal set; }

    public long ExitsVetoed { get; internal set; }

    /// <summary>Stops that fired with no position on their side to close.</summary>
    public long StopsWithoutPosition { get; internal set; }

    public long ExitsQueued { get; internal set; }

    public long ExitsFlushedStale { get; internal set; }

    public long TradesWhileStopped { get; internal set; }

    /// <summary>Times the fast-exit overlay fired (once per downturn).</summary>
    public long FastExits { get; internal set; }

    public long SkippedTotal => TradesSkippedNotPositive + TradesSkippedAbsurd + TradesSkippedFuture + Malformed;
}
