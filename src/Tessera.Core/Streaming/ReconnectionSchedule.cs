using System.Globalization;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;

namespace Tessera.Core.Streaming;

/// <summary>
/// How long to wait before reconnect attempt n (seed 000: ws_base_backoff_s 1, ws_max_backoff_s 300). Exponential with
/// equal jitter, floored at the base: ceiling_n = min(max, base x 2^(n-1)); delay_n = max(base, ceiling_n x (0.5 + 0.5 u))
/// with u from a seeded generator. So attempt 1 waits exactly the base, attempt 10 and later wait 150..300 s, and no
/// delay is ever below 1 s or above 300 s (the fault campaign asserts both bounds). The jitter spreads reconnecting
/// clients apart (Alpaca answers a storm with 429s). After a 406 "connection limit exceeded" Alpaca keeps the dropped
/// session for about 90 s, so such a failure waits at least <see cref="ConnectionLimitFloor"/>. The schedule never gives
/// up: it has no attempt limit, only a ceiling. Pure: the caller counts failures and sleeps on its own clock.
/// </summary>
public sealed class ReconnectionSchedule
{
    /// <summary>2^20 x 1 s is far beyond any ceiling; capping the exponent keeps the shift from overflowing.</summary>
    private const int MaxExponent = 20;

    private readonly DeterministicRandom _jitter;

    public ReconnectionSchedule(TimeSpan baseDelay, TimeSpan ceiling, TimeSpan connectionLimitFloor, ulong seed)
    {
        if (baseDelay <= TimeSpan.Zero)
        {
            throw new TesseraValidationException("ws_base_backoff", baseDelay.ToString("c", CultureInfo.InvariantCulture), "must be > 0");
        }

        if (ceiling < baseDelay)
        {
            throw new TesseraValidationException("ws_max_backoff", ceiling.ToString("c", CultureInfo.InvariantCulture), "must be >= ws_base_backoff");
        }

        if (connectionLimitFloor < TimeSpan.Zero || connectionLimitFloor > ceiling)
        {
            throw new TesseraValidationException("connection_limit_backoff", connectionLimitFloor.ToString("c", CultureInfo.InvariantCulture), "must be within [0, ws_max_backoff]");
        }

        Base = baseDelay;
        Ceiling = ceiling;
        ConnectionLimitFloor = connectionLimitFloor;
        _jitter = new DeterministicRandom(seed);
    }

    /// <summary>The seed's defaults: 1 s base, 300 s ceiling, 15 s after a 406.</summary>
    public static ReconnectionSchedule Default(ulong seed) => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(15), seed);

    public TimeSpan Base { get; }

    public TimeSpan Ceiling { get; }

    public TimeSpan ConnectionLimitFloor { get; }

    /// <summary>The wait before attempt <paramref name="failures"/> (1 = the first reconnect after a drop).</summary>
    public TimeSpan Next(int failures, bool connectionLimited)
    {
        if (failures < 1)
        {
            throw new TesseraValidationException("failures", failures.ToString(CultureInfo.InvariantCulture), "the first reconnect attempt is 1");
        }

        var exponent = Math.Min(failures - 1, MaxExponent);
        var ceiling = Math.Min(Ceiling.Ticks, Base.Ticks * (1L << exponent));
        var jittered = (long)(ceiling * (0.5 + (0.5 * _jitter.NextDouble())));
        var delay = TimeSpan.FromTicks(Math.Max(Base.Ticks, jittered));
        return connectionLimited && delay < ConnectionLimitFloor ? ConnectionLimitFloor : delay;
    }
}
