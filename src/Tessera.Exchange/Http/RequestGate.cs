using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tessera.Exchange.Errors;

namespace Tessera.Exchange.Http;

/// <summary>
/// In front of every REST route: injected latency, key check (APCA-API-KEY-ID / APCA-API-SECRET-KEY, constant-time),
/// the per-key rate limit with Alpaca's headers, and injected 429s. WebSocket upgrades authenticate in-protocol.
/// </summary>
internal static class RequestGate
{
    public static Func<HttpContext, RequestDelegate, Task> Create(ExchangeRuntime rt)
    {
        var keyId = Encoding.UTF8.GetBytes(rt.Options.KeyId);
        var secret = Encoding.UTF8.GetBytes(rt.Options.SecretKey);
        return async (ctx, next) =>
        {
            if (WebSocketUpgrade.IsWebSocketRequest(ctx))
            {
                await next(ctx).ConfigureAwait(false);
                return;
            }

            var latency = rt.Faults.Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, rt.Options.Wall, ctx.RequestAborted).ConfigureAwait(false);
            }

            var key = ctx.Request.Headers["APCA-API-KEY-ID"].ToString();
            var sec = ctx.Request.Headers["APCA-API-SECRET-KEY"].ToString();
            var ok = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), keyId) & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sec), secret);
            if (!ok)
            {
                await HttpIo.ErrorAsync(ctx, ExchangeError.Unauthorized).ConfigureAwait(false);
                return;
            }

            var admin = ctx.Request.Path.StartsWithSegments("/admin", StringComparison.Ordinal);
            if (!admin && rt.RateLimiter.Limit > 0)
            {
                var (allowed, remaining, reset) = rt.RateLimiter.Take(key);
                SetHeaders(ctx, rt.RateLimiter.Limit, remaining, reset);
                if (!allowed)
                {
                    await HttpIo.ErrorAsync(ctx, ExchangeError.RateLimited).ConfigureAwait(false);
                    return;
                }
            }

            if (!admin && rt.Faults.TakeRateLimit(out var faultReset))
            {
                SetHeaders(ctx, Math.Max(rt.RateLimiter.Limit, 200), 0, faultReset.ToUnixTimeSeconds());
                await HttpIo.ErrorAsync(ctx, ExchangeError.RateLimited).ConfigureAwait(false);
                return;
            }

            await next(ctx).ConfigureAwait(false);
        };
    }

    private static void SetHeaders(HttpContext ctx, int limit, int remaining, long reset)
    {
        var h = ctx.Response.Headers;
        h["X-Ratelimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        h["X-Ratelimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        h["X-Ratelimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }
}
