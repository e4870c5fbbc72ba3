namespace Tessera.Trading.Events;

/// <summary>
/// Sliding-window counts per code for the rate rules. Time is passed in. An alert fires once when the count in the
/// window first exceeds the threshold, and again only after the count has fallen back to the threshold or below.
/// </summary>
public sealed class AlertRateTracker
{
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts the event at <paramref name="at"/>; true when it makes the rule fire.</summary>
    public bool Record(AlertRule rule, DateTimeOffset at, out int countInWindow)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var rate = rule.Rate ?? throw new ArgumentException("the rule has no rate", nameof(rule));
        lock (_gate)
        {
            if (!_windows.TryGetValue(rule.Code, out var window))
            {
                window = new Window();
                _windows[rule.Code] = window;
            }

            var cutoff = at - rate.Window;
            while (window.Times.Count > 0 && window.Times.Peek() <= cutoff)
            {
                window.Times.Dequeue();
            }

            if (window.Times.Count <= rate.MoreThan)
            {
                window.Fired = false;
            }

            window.Times.Enqueue(at);
            countInWindow = window.Times.Count;
            if (countInWindow > rate.MoreThan && !window.Fired)
            {
                window.Fired = true;
                return true;
            }

            return false;
        }
    }

    private sealed class Window
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public bool Fired { get; set; }
    }
}
