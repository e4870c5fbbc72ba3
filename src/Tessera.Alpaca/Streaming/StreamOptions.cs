namespace Tessera.Alpaca.Streaming;

/// <summary>
/// Resilience settings of both streams, defaulting to the failures ALPACA.md lists: no disconnect detection
/// (WebSocket pings, pong timeout), connected-but-mute streams (a data staleness watchdog), 406 after an unclean
/// drop (a longer backoff), and reconnect storms (exponential backoff with jitter, 1 s to 300 s as config.yaml says).
/// </summary>
public sealed record StreamOptions
{
    /// <summary>WebSocket PING interval (Alpaca has no application heartbeat).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The connection is dropped when a PONG does not come back within this time.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reconnect when no message at all arrived for this long while subscribed (null = off, e.g. outside market hours).</summary>
    public TimeSpan? StalenessTimeout { get; init; }

    /// <summary>Wait for the server's answer to auth (and to listen) at most this long.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>After a 406 (connection limit), wait at least this long: the server keeps the old session for ~90 s.</summary>
    public TimeSpan ConnectionLimitBackoff { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Give up after this many failed reconnects in a row (null = never).</summary>
    public int? MaxReconnectAttempts { get; init; }

    /// <summary>Messages buffered for the consumer; when full the receive loop waits (the server then sees a slow client).</summary>
    public int ChannelCapacity { get; init; } = 200_000;

    /// <summary>How many recent trade ids / order events are remembered to drop duplicates.</summary>
    public int DedupeCapacity { get; init; } = 65_536;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Seed of the backoff jitter (deterministic tests).</summary>
    public ulong JitterSeed { get; init; } = 0x5EED;
}
