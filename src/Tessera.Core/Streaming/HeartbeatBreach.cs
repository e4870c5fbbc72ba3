namespace Tessera.Core.Streaming;

/// <summary>Why the heartbeat failed.</summary>
public enum HeartbeatBreachKind
{
    /// <summary>A message arrived more than the threshold after its event time.</summary>
    Lag,

    /// <summary>No message at all for the silence timeout while the session is open and something is subscribed.</summary>
    Silence,

    /// <summary>The connection dropped: a close, an error, or a PONG later than the threshold (the shell's ping).</summary>
    ConnectionLost,
}

/// <summary>One breach: what, when (the monitor's clock), the measured figure (lag, silence; zero for a drop) and a detail.</summary>
public sealed record HeartbeatBreach(HeartbeatBreachKind Kind, DateTimeOffset At, TimeSpan Measured, string Detail);
