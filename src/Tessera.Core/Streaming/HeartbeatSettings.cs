using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Streaming;

/// <summary>
/// The heartbeat's thresholds. <see cref="Threshold"/> is seed 000's heartbeat_threshold_ms (500 ms), applied to the
/// lag of each message (receive time minus event time) and, in the shell, as the WebSocket PONG timeout (a PING
/// round trip above it drops the connection, which the monitor sees as a lost connection). <see cref="SilenceTimeout"/>
/// is the watchdog for a connected-but-mute stream: no message at all for that long, during the session, on a
/// non-empty subscription. It is not 500 ms: minute bars come once a minute and IEX trades pause for seconds, so the
/// literal "no bar for 500 ms" would fire all day (docs/STREAM.md).
/// </summary>
public sealed record HeartbeatSettings
{
    public HeartbeatSettings(TimeSpan threshold, TimeSpan silenceTimeout)
    {
        if (threshold <= TimeSpan.Zero)
        {
            throw new TesseraValidationException("heartbeat_threshold_ms", threshold.TotalMilliseconds.ToString(CultureInfo.InvariantCulture), "must be > 0");
        }

        if (silenceTimeout < threshold)
        {
            throw new TesseraValidationException("silence_timeout", silenceTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture), "must be >= heartbeat_threshold_ms");
        }

        Threshold = threshold;
        SilenceTimeout = silenceTimeout;
    }

    /// <summary>500 ms lag / PONG threshold, 65 s of silence (a minute bar per subscribed symbol plus 5 s of slack).</summary>
    public static HeartbeatSettings Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(65));

    public TimeSpan Threshold { get; }

    public TimeSpan SilenceTimeout { get; }
}
