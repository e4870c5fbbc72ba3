using System.Globalization;

namespace Tessera.Core.Streaming;

/// <summary>Where the monitored connection is.</summary>
public enum HeartbeatState
{
    /// <summary>No authenticated connection (before the first, or after a drop or a breach until the next).</summary>
    Disconnected,

    /// <summary>Authenticated and within every threshold.</summary>
    Healthy,
}

/// <summary>
/// The heartbeat state machine on a virtual clock (the caller passes every time; nothing here reads a clock).
/// Disconnected --Connected--> Healthy; Healthy --breach (lag above the threshold, silence for the timeout while
/// watching, connection lost)--> Disconnected. A breach is reported once: after it the monitor waits for the next
/// connection (the shell drops a breached connection so that it reconnects), and frames still arriving on the old
/// connection change nothing. Silence is measured from the later of the last message, the connection, and the moment
/// watching began (session open with a non-empty subscription), so a quiet night or an empty subscription never breaches.
/// </summary>
public sealed class HeartbeatMonitor(HeartbeatSettings settings)
{
    private DateTimeOffset _silenceFrom;
    private bool _watching;

    public HeartbeatSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    public HeartbeatState State { get; private set; } = HeartbeatState.Disconnected;

    /// <summary>The last lag measured (receive minus event time); zero before any message with an event time.</summary>
    public TimeSpan LastLag { get; private set; }

    /// <summary>Receive time of the last message, if any.</summary>
    public DateTimeOffset? LastMessageAt { get; private set; }

    public long Breaches { get; private set; }

    /// <summary>The moment a silence breach falls due (null when not watching or not connected): the shell arms its timer here.</summary>
    public DateTimeOffset? SilenceDeadline => State == HeartbeatState.Healthy && _watching ? _silenceFrom + Settings.SilenceTimeout : null;

    /// <summary>An authenticated connection (first or reconnected): silence counts from now.</summary>
    public void Connected(DateTimeOffset at)
    {
        State = HeartbeatState.Healthy;
        _silenceFrom = at;
    }

    /// <summary>A message received at <paramref name="receivedAt"/>; <paramref name="eventTime"/> when it carries one (trades, quotes, bars).</summary>
    public HeartbeatBreach? Message(DateTimeOffset receivedAt, DateTimeOffset? eventTime)
    {
        if (State != HeartbeatState.Healthy)
        {
            return null;
        }

        LastMessageAt = receivedAt;
        if (receivedAt > _silenceFrom)
        {
            _silenceFrom = receivedAt;
        }

        if (eventTime is not { } t)
        {
            return null;
        }

        LastLag = receivedAt - t;
        return LastLag > Settings.Threshold
            ? Breach(HeartbeatBreachKind.Lag, receivedAt, LastLag, "lag " + Ms(LastLag) + " ms above " + Ms(Settings.Threshold) + " ms")
            : null;
    }

    /// <summary>
    /// The periodic check. <paramref name="watching"/>: the session is open and the subscription is not empty. The
    /// moment watching starts counts as a message (the silence before it was expected).
    /// </summary>
    public HeartbeatBreach? Check(DateTimeOffset now, bool watching)
    {
        if (watching && !_watching && now > _silenceFrom)
        {
            _silenceFrom = now;
        }

        _watching = watching;
        if (State != HeartbeatState.Healthy || !watching)
        {
            return null;
        }

        var silent = now - _silenceFrom;
        return silent >= Settings.SilenceTimeout
            ? Breach(HeartbeatBreachKind.Silence, now, silent, "no message for " + Ms(silent) + " ms (timeout " + Ms(Settings.SilenceTimeout) + " ms)")
            : null;
    }

    /// <summary>The connection dropped (close, error, PONG timeout). A breach only if it was healthy: a drop that follows a breach is its consequence.</summary>
    public HeartbeatBreach? ConnectionLost(DateTimeOffset at, string reason) =>
        State == HeartbeatState.Healthy ? Breach(HeartbeatBreachKind.ConnectionLost, at, TimeSpan.Zero, "connection lost: " + reason) : null;

    private HeartbeatBreach Breach(HeartbeatBreachKind kind, DateTimeOffset at, TimeSpan measured, string detail)
    {
        State = HeartbeatState.Disconnected;
        Breaches++;
        return new HeartbeatBreach(kind, at, measured, detail);
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
