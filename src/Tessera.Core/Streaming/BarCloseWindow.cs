namespace Tessera.Core.Streaming;

/// <summary>
/// Closes of fixed-length time bars built from a trade stream, keeping the last <c>capacity</c> completed ones (the
/// fast-exit overlay's 12 five-minute SPY bars). A bar covers [start, start + length) with starts aligned to the
/// length since the Unix epoch (5-minute bars start at :00, :05, ...); its close is the price of its last trade, and it
/// completes when the first trade of a later bar arrives (a bar without trades does not exist: no padding). Trades
/// older than the current bar are ignored. No allocation per trade.
/// </summary>
public sealed class BarCloseWindow
{
    private readonly long _lengthMs;
    private readonly double[] _closes;
    private long _currentBar = long.MinValue;
    private double _currentClose = double.NaN;
    private int _count;
    private int _next;

    public BarCloseWindow(TimeSpan length, int capacity)
    {
        if (length <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "a positive bar length");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _lengthMs = (long)length.TotalMilliseconds;
        _closes = new double[capacity];
    }

    /// <summary>Completed bars held (at most the capacity).</summary>
    public int Count => _count;

    /// <summary>Adds a trade; true when it completed a bar (the previous bar's close joined the window).</summary>
    public bool OnTrade(double price, DateTimeOffset time)
    {
        var bar = Math.DivRem(time.ToUnixTimeMilliseconds(), _lengthMs, out var rem) - (rem < 0 ? 1 : 0);
        if (bar < _currentBar)
        {
            return false; // out of order: it belongs to a bar already closed
        }

        var completed = false;
        if (bar > _currentBar && _currentBar != long.MinValue)
        {
            _closes[_next] = _currentClose;
            _next = (_next + 1) % _closes.Length;
            _count = Math.Min(_count + 1, _closes.Length);
            completed = true;
        }

        _currentBar = bar;
        _currentClose = price;
        return completed;
    }

    /// <summary>Copies the completed closes, oldest first, into <paramref name="destination"/> (length ≥ Count); returns how many.</summary>
    public int CopyTo(Span<double> destination)
    {
        var start = (_next - _count + _closes.Length) % _closes.Length;
        for (var i = 0; i < _count; i++)
        {
            destination[i] = _closes[(start + i) % _closes.Length];
        }

        return _count;
    }
}
