using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Alpaca.Json;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Json;
using Tessera.Exchange.Market;

namespace Tessera.Exchange.Http;

/// <summary>
/// Routes only the local exchange has (same keys as the trading API): /admin/faults (GET the plan, POST a plan and
/// run its one-shot actions, DELETE to clear), /admin/reset (account back to the starting cash), /admin/clock (GET;
/// POST {"advance_to": RFC 3339} or {"advance_seconds": n} moves time forward and replays up to it).
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ExchangeRuntime rt)
    {
        app.MapGet("/admin/faults", (RequestDelegate)(ctx => HttpIo.JsonAsync(ctx, 200, FaultPlanJson.Write(rt.Faults.Plan))));
        app.MapDelete("/admin/faults", (RequestDelegate)(ctx =>
        {
            rt.Faults.Clear();
            return HttpIo.NoContent(ctx);
        }));
        app.MapPost("/admin/faults", (RequestDelegate)(async ctx =>
        {
            var (body, tooLarge) = await HttpIo.ReadBodyAsync(ctx, 16 * 1024).ConfigureAwait(false);
            if (tooLarge is not null)
            {
                await HttpIo.ErrorAsync(ctx, tooLarge).ConfigureAwait(false);
                return;
            }

            var (plan, error) = FaultPlanJson.Parse(body);
            if (error is not null)
            {
                await HttpIo.ErrorAsync(ctx, error).ConfigureAwait(false);
                return;
            }

            ApplyFaults(rt, plan!);
            await HttpIo.JsonAsync(ctx, 200, FaultPlanJson.Write(plan!)).ConfigureAwait(false);
        }));
        app.MapPost("/admin/reset", (RequestDelegate)(async ctx =>
        {
            rt.Venue.Reset();
            await rt.Persister.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
            await HttpIo.JsonAsync(ctx, 200, rt.Venue.Read(v => ExchangeJson.Write(w => ExchangeJson.WriteAccount(w, v)))).ConfigureAwait(false);
        }));
        app.MapGet("/admin/clock", (RequestDelegate)(ctx => HttpIo.JsonAsync(ctx, 200, ClockJson(rt))));
        app.MapPost("/admin/clock", (RequestDelegate)(async ctx =>
        {
            var (body, tooLarge) = await HttpIo.ReadBodyAsync(ctx, 4096).ConfigureAwait(false);
            if (tooLarge is not null)
            {
                await HttpIo.ErrorAsync(ctx, tooLarge).ConfigureAwait(false);
                return;
            }

            var (target, error) = ReadAdvance(body!, rt.Venue.Read(v => v.Now));
            if (error is not null)
            {
                await HttpIo.ErrorAsync(ctx, error).ConfigureAwait(false);
                return;
            }

            var events = new List<MarketEvent>();
            rt.Venue.AdvanceTo(target, events);
            await rt.MarketData.PublishAsync(events, ctx.RequestAborted).ConfigureAwait(false);
            await HttpIo.JsonAsync(ctx, 200, ClockJson(rt)).ConfigureAwait(false);
        }));
    }

    /// <summary>Applies a plan: the standing faults, then its one-shot stream actions.</summary>
    public static void ApplyFaults(ExchangeRuntime rt, FaultPlan plan)
    {
        rt.Faults.Apply(plan);
        var market = plan.Drop is "market_data" or "all";
        var trade = plan.Drop is "trade_updates" or "all";
        if (market)
        {
            rt.MarketData.DropAll();
        }

        if (trade)
        {
            rt.TradeUpdates.DropAll();
        }

        if (plan.StallSeconds > 0)
        {
            rt.MarketData.StallAll(TimeSpan.FromSeconds(plan.StallSeconds), plan.StallAnswersPings);
            rt.TradeUpdates.StallAll(TimeSpan.FromSeconds(plan.StallSeconds), plan.StallAnswersPings);
        }

        if (plan.StreamErrorCode is { } code)
        {
            rt.MarketData.SendErrorAll(code);
        }
    }

    private static byte[] ClockJson(ExchangeRuntime rt) => rt.Venue.Read(v => ExchangeJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("now", Rfc3339.Format(v.Now));
        w.WriteString("mode", rt.Venue.Clock.Mode.ToString());
        w.WriteNumber("speed", rt.Venue.Clock.Speed);
        w.WriteString("phase", v.Phase.ToString());
        w.WriteNumber("pending_tape_events", rt.Venue.Tape.TradeCount + rt.Venue.Tape.QuoteCount);
        w.WriteEndObject();
    }));

    private static (DateTimeOffset Target, ExchangeError? Error) ReadAdvance(byte[] body, DateTimeOffset now)
    {
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("advance_to", out var to) && to.ValueKind == JsonValueKind.String && Rfc3339.TryParse(to.GetString(), out var t))
            {
                return t < now ? (now, ExchangeError.Invalid("advance_to must not be in the past (time only moves forward)")) : (t, null);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("advance_seconds", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetDouble(out var secs) && secs is > 0 and <= 86_400 * 366)
            {
                return (now.AddSeconds(secs), null);
            }

            return (now, ExchangeError.Invalid("body must be {\"advance_to\": RFC 3339} or {\"advance_seconds\": 0 < n <= 31622400}"));
        }
        catch (JsonException)
        {
            return (now, ExchangeError.MalformedJson);
        }
    }
}
