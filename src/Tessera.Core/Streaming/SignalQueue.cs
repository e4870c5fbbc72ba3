namespace Tessera.Core.Streaming;

/// <summary>
/// Signals that arrived while submissions were disabled (safety mode). When submissions are re-enabled the queue is
/// drained: a signal older than the maximum age at that moment (strictly older: exactly 30 s is still sent) is flushed
/// (SOP-01 step 7), the rest are handed back oldest first. Pure: the caller passes the times.
/// </summary>
public sealed class SignalQueue<T>(TimeSpan maxAge)
{
    private readonly List<(T Signal, DateTimeOffset At, long Seq)> _queued = [];
    private long _seq;

    public TimeSpan MaxAge { get; } = maxAge;

    public int Count => _queued.Count;

    public long Flushed { get; private set; }

    public void Enqueue(T signal, DateTimeOffset signalTime) => _queued.Add((signal, signalTime, _seq++));

    /// <summary>Empties the queue into <paramref name="fresh"/> (oldest first); returns how many were flushed as stale.</summary>
    public int Drain(DateTimeOffset now, List<T> fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        // Oldest first; equal times keep their arrival order (List.Sort alone is not stable).
        _queued.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Seq.CompareTo(b.Seq));
        var flushed = 0;
        foreach (var (signal, at, _) in _queued)
        {
            if (now - at > MaxAge)
            {
                flushed++;
            }
            else
            {
                fresh.Add(signal);
            }
        }

        _queued.Clear();
        Flushed += flushed;
        return flushed;
    }
}
