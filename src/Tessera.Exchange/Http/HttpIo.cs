using System.Buffers;
using Microsoft.AspNetCore.Http;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Json;

namespace Tessera.Exchange.Http;

/// <summary>Writing JSON answers and Alpaca-shaped errors; reading bounded request bodies.</summary>
internal static class HttpIo
{
    public static async Task JsonAsync(HttpContext ctx, int status, byte[] body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
    }

    public static Task ErrorAsync(HttpContext ctx, ExchangeError error) => JsonAsync(ctx, error.Status, ExchangeJson.Error(error));

    public static Task NoContent(HttpContext ctx)
    {
        ctx.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    /// <summary>The body, or 413 when it exceeds <paramref name="limit"/> (checked on the declared length and on what arrives).</summary>
    public static async Task<(byte[]? Body, ExchangeError? Error)> ReadBodyAsync(HttpContext ctx, int limit)
    {
        if (ctx.Request.ContentLength is { } declared && declared > limit)
        {
            return (null, ExchangeError.TooLarge(limit));
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit + 1, 4096));
        var stream = ctx.Request.Body;
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await stream.ReadAsync(memory, ctx.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return (null, ExchangeError.TooLarge(limit));
            }
        }

        return (buffer.WrittenSpan.ToArray(), null);
    }
}
