
namespace Tessera.Core.Strategies;

/// <summary>
/// The hypothetical position a strategy manages after its own entry signal, used to emit exit signals.
/// The entry at bar e fills at the open of e+1, so stop and time checks start at bar e+1:
/// the stop fires when the bar's range touches it (low &lt;= stop for longs, high &gt;= stop for shorts);
/// the time stop fires at the close of bar e + maxBars (the position has then been held maxBars bars).
/// </summary>
public sealed class PositionTracker
{
    public Side Side { get; private set; } = Side.Flat;

    public int EntryIndex { get; private set; } = -1;

    public double? Stop { get; private set; }

    public bool IsFlat => Side == Side.Flat;

    public void Open(Side side, int index, double? stop)
    {
        Side = side;
        EntryIndex = index;
        Stop = stop;
    }

    public void Close()
    {
        Side = Side.Flat;
        EntryIndex = -1;
        Stop = null;
    }

    /// <summary>True when the bar at <paramref name="index"/> touched the stop.</summary>
    public bool StopHit(int index, double high, double low) =>
        Stop is { } stop && index > EntryIndex && (Side == Side.Long ? low <= stop : Side == Side.Short && high >= stop);

    /// <summary>True when the position has been held <paramref name="maxBars"/> bars (0 disables).</summary>
    public bool TimeUp(int index, int maxBars) => maxBars > 0 && index - EntryIndex >= maxBars;
}
