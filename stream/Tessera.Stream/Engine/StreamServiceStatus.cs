using Tessera.Core.Streaming;

namespace Tessera.Stream.Engine;

/// <summary>The service's state as /health/ready, the status row and the terminal line show it.</summary>
public sealed record StreamServiceStatus(
    DateTimeOffset At,
    HeartbeatState Connection,
    double LagMs,
    DateTimeOffset? LastMessageAt,
    SafetyModeState SafetyMode,
    bool SubmissionsAllowed,
    bool TradingStopped,
    int Symbols,
    int Stops,
    long Messages,
    long Reconnects,
    long Breaches,
    long SafetyActivations,
    long StopsFired,
    long Skipped)
{
    /// <summary>Ready = connected and not in safety mode (a container orchestrator routes nothing here anyway; operators read it).</summary>
    public bool Ready => Connection == HeartbeatState.Healthy && SafetyMode == SafetyModeState.Normal;
}
