using System.Globalization;
using System.Net.Http.Headers;

namespace Tessera.Alpaca.Rest;

/// <summary>
/// Keeps a key under Alpaca's request budget. Two sources, both honoured: a local sliding window of
/// <c>requestsPerMinute</c> (so a burst never reaches the server as 429s, the reconnect storm of ALPACA.md) and the
/// server's X-Ratelimit-Remaining / X-Ratelimit-Reset headers (the server's count wins when it is lower, e.g. another
/// process uses the same key). Waiting uses the injected TimeProvider, so tests drive it with a virtual clock.
/// </summary>
public sealed class ClientRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time;
    private readonly long[] _sent;
    private readonly Lock _gate = new();
    private int _head;
    private int _count;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    public ClientRateLimiter(int requestsPerMinute, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerMinute);
        _time = time;
        _sent = new long[Math.Max(requestsPerMinute, 1)];
        Limit = requestsPerMinute;
    }

    /// <summary>0 = no local budget.</summary>
    public int Limit { get; }

    /// <summary>When the server last said the budget is spent (reset time), or MinValue.</summary>
    public DateTimeOffset BlockedUntil
    {
        get
        {
            lock (_gate)
            {
                return _blockedUntil;
            }
        }
    }

    /// <summary>Waits until one more request fits, then counts it as sent.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                wait = _blockedUntil > now ? _blockedUntil - now : TimeSpan.Zero;
                if (wait == TimeSpan.Zero && Limit > 0 && _count == Limit)
                {
                    var oldest = new DateTimeOffset(_sent[_head], TimeSpan.Zero);
                    var free = oldest + Window;
                    wait = free > now ? free - now : TimeSpan.Zero;
                    if (wait == TimeSpan.Zero)
                    {
                        _head = (_head + 1) % Limit;
                        _count--;
                    }
                }

                if (wait == TimeSpan.Zero)
                {
                    if (Limit > 0)
                    {
                        _sent[(_head + _count) % Limit] = now.UtcTicks;
                        _count++;
                    }

                    return;
                }
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the server's budget from a response (any status).</summary>
    public void Observe(HttpResponseHeaders headers, int status)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var remaining = ReadLong(headers, "X-Ratelimit-Remaining");
        var reset = ResetTime(headers);
        if (status == 429 || remaining == 0)
        {
            // Without a reset header, a spent budget frees within the minute window at the latest.
            var until = reset ?? _time.GetUtcNow() + TimeSpan.FromSeconds(1);
            lock (_gate)
            {
                if (until > _blockedUntil)
                {
                    _blockedUntil = until;
                }
            }
        }
    }

    /// <summary>X-Ratelimit-Reset: Unix epoch seconds when the window resets.</summary>
    public static DateTimeOffset? ResetTime(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return ReadLong(headers, "X-Ratelimit-Reset") is { } seconds and > 0 and < 100_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private static long? ReadLong(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
