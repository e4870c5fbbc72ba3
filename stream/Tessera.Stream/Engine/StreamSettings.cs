using Tessera.Core.Streaming;

namespace Tessera.Stream.Engine;

/// <summary>
/// The stream service's settings. <see cref="MeasureLag"/> is off when the clock of the service and the clock that
/// stamps the events are not the same time (a replay at N x speed, a manually advanced exchange): receive minus event
/// time is then meaningless, and the silence watchdog and the connection checks remain.
/// </summary>
public sealed record StreamSettings
{
    public HeartbeatSettings Heartbeat { get; init; } = HeartbeatSettings.Default;

    public SafetyModeSettings Safety { get; init; } = SafetyModeSettings.Default;

    public bool MeasureLag { get; init; } = true;

    /// <summary>Symbols watched besides those of open positions and armed stops (signals, SPY for the fast-exit overlay).</summary>
    public IReadOnlyList<string> WatchedSymbols { get; init; } = [];

    /// <summary>How often the heartbeat and safety machines are ticked: the silence watchdog fires at most this late.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The order path's circuit-breaker poll (seed 000: every 10 s).</summary>
    public TimeSpan EquityPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the status row is written and the positions re-read from the broker.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The fast-exit overlay: regime Bull but the 5-minute SPY slope below −0.002 per bar.</summary>
    public FastExitSettings FastExit { get; init; } = new();

    /// <summary>Seed of the reconnection jitter.</summary>
    public ulong JitterSeed { get; init; } = 0x5EED;
}
