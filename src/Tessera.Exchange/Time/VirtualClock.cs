using Tessera.Core.Markets;

namespace Tessera.Exchange.Time;

/// <summary>How the exchange's time moves.</summary>
public enum ClockMode
{
    /// <summary>Only when told (tests, admin route): fully deterministic.</summary>
    Manual,

    /// <summary>Real time times a speed factor (1 = real time, 100 = a session in under four minutes).</summary>
    Scaled,

    /// <summary>Jumps from event to event as fast as the machine goes (benchmarks, bulk replays).</summary>
    AsFastAsPossible,
}

/// <summary>
/// The exchange's clock. Every timestamp the exchange writes comes from here, never from the machine clock, so a
/// replay of 2013-10-07 says 2013-10-07 and a test decides exactly when things happen.
/// </summary>
public sealed class VirtualClock
{
    private readonly TimeProvider _wall;
    private readonly Lock _gate = new();
    private DateTimeOffset _anchorVirtual;
    private long _anchorWall;

    public VirtualClock(DateTimeOffset start, ClockMode mode, double speed = 1.0, TimeProvider? wall = null)
    {
        if (mode == ClockMode.Scaled && (!double.IsFinite(speed) || speed <= 0 || speed > 1e7))
        {
            throw new Tessera.Core.Errors.TesseraValidationException("speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be in (0, 1e7]");
        }

        Mode = mode;
        Speed = speed;
        _wall = wall ?? TimeProvider.System;
        _anchorVirtual = start.ToUniversalTime();
        _anchorWall = _wall.GetTimestamp();
    }

    public ClockMode Mode { get; }

    public double Speed { get; }

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                if (Mode != ClockMode.Scaled)
                {
                    return _anchorVirtual;
                }

                var elapsed = _wall.GetElapsedTime(_anchorWall);
                return _anchorVirtual + TimeSpan.FromTicks((long)(elapsed.Ticks * Speed));
            }
        }
    }

    /// <summary>Moves time forward (never backward). In scaled mode it re-anchors: time then flows on from there.</summary>
    public void AdvanceTo(DateTimeOffset t)
    {
        lock (_gate)
        {
            var now = Mode == ClockMode.Scaled ? _anchorVirtual + TimeSpan.FromTicks((long)(_wall.GetElapsedTime(_anchorWall).Ticks * Speed)) : _anchorVirtual;
            if (t <= now)
            {
                return;
            }

            _anchorVirtual = t.ToUniversalTime();
            _anchorWall = _wall.GetTimestamp();
        }
    }

    /// <summary>Wall time until the virtual clock reaches <paramref name="t"/> (scaled mode), zero otherwise.</summary>
    public TimeSpan WallDelayUntil(DateTimeOffset t)
    {
        if (Mode != ClockMode.Scaled)
        {
            return TimeSpan.Zero;
        }

        var ahead = t - Now;
        return ahead <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)(ahead.Ticks / Speed));
    }
}
