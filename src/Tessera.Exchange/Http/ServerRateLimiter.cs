namespace Tessera.Exchange.Http;

/// <summary>
/// Alpaca's request budget per key: a fixed window of one minute opened by the first request; every answer carries
/// X-Ratelimit-Limit / Remaining / Reset (Unix seconds when the window ends). 0 per minute turns it off.
/// </summary>
internal sealed class ServerRateLimiter(int perMinute, TimeProvider wall)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);

    public int Limit => perMinute;

    public (bool Allowed, int Remaining, long ResetUnix) Take(string key)
    {
        var now = wall.GetUtcNow();
        lock (_gate)
        {
            if (!_windows.TryGetValue(key, out var w) || now >= w.Start.AddMinutes(1))
            {
                w = (now, 0);
            }

            var reset = w.Start.AddMinutes(1).ToUnixTimeSeconds();
            if (w.Count >= perMinute)
            {
                _windows[key] = w;
                return (false, 0, reset);
            }

            w.Count++;
            _windows[key] = w;
            return (true, perMinute - w.Count, reset);
        }
    }
}
