using Tessera.Core.Markets;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Json;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Http;

/// <summary>Clock, calendar, assets and account activities.</summary>
internal static class ReferenceEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ExchangeRuntime rt)
    {
        app.MapGet("/v2/clock", (RequestDelegate)(ctx => HttpIo.JsonAsync(ctx, 200, rt.Venue.Read(v => ExchangeJson.Write(w => ExchangeJson.WriteClock(w, v.Now))))));
        app.MapGet("/v2/calendar", (RequestDelegate)(ctx => CalendarAsync(ctx, rt)));
        app.MapGet("/v2/assets", (RequestDelegate)(ctx => AssetsAsync(ctx, rt)));
        app.MapGet("/v2/assets/{symbol}", (RequestDelegate)(ctx =>
        {
            var key = ctx.Request.RouteValues["symbol"] as string ?? string.Empty;
            var body = rt.Venue.Read(v => v.Symbols.FirstOrDefault(s => string.Equals(s.Symbol, key, StringComparison.OrdinalIgnoreCase) || (Guid.TryParse(key, out var id) && s.Asset.Id == id)) is { } s
                ? ExchangeJson.Write(w => ExchangeJson.WriteAsset(w, s.Asset))
                : null);
            return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.AssetNotFound(key)) : HttpIo.JsonAsync(ctx, 200, body);
        }));
        app.MapGet("/v2/account/activities", (RequestDelegate)(ctx => ActivitiesAsync(ctx, rt, null)));
        app.MapGet("/v2/account/activities/{type}", (RequestDelegate)(ctx =>
        {
            var type = ctx.Request.RouteValues["type"] as string;
            return Wire<ActivityType>.TryParse(type, out var t)
                ? ActivitiesAsync(ctx, rt, t)
                : HttpIo.ErrorAsync(ctx, ExchangeError.BadQuery("activity_type", "must be one of " + Wire<ActivityType>.Expected));
        }));
    }

    private static Task CalendarAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        var q = new QueryParams(ctx);
        var today = rt.Venue.Read(v => UsEastern.DateOf(v.Now));
        var start = q.Time("start") is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : today;
        var end = q.Time("end") is { } e ? DateOnly.FromDateTime(e.UtcDateTime) : start.AddDays(30);
        if (q.Error is null && (end < start || end.DayNumber - start.DayNumber > 3660))
        {
            q.Fail("end", "must be on or after start and within ten years of it");
        }

        if (q.Error is { } error)
        {
            return HttpIo.ErrorAsync(ctx, error);
        }

        return HttpIo.JsonAsync(ctx, 200, ExchangeJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var session in NyseCalendar.Sessions(start, end))
            {
                ExchangeJson.WriteCalendarDay(w, session);
            }

            w.WriteEndArray();
        }));
    }

    private static Task AssetsAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        var q = new QueryParams(ctx);
        var status = q.Enum<AssetStatus>("status");
        var cls = q.Enum<AssetClass>("asset_class");
        if (q.Error is { } error)
        {
            return HttpIo.ErrorAsync(ctx, error);
        }

        var body = rt.Venue.Read(v => ExchangeJson.Write(w =>
        {
            w.WriteStartArray();
            if (status is null or AssetStatus.Active && cls is null or AssetClass.UsEquity)
            {
                foreach (var s in v.Symbols.OrderBy(s => s.Symbol, StringComparer.Ordinal))
                {
                    ExchangeJson.WriteAsset(w, s.Asset);
                }
            }

            w.WriteEndArray();
        }));
        return HttpIo.JsonAsync(ctx, 200, body);
    }

    private static Task ActivitiesAsync(HttpContext ctx, ExchangeRuntime rt, ActivityType? pathType)
    {
        var q = new QueryParams(ctx);
        var types = new HashSet<ActivityType>();
        if (pathType is { } pt)
        {
            types.Add(pt);
        }

        foreach (var t in q.List("activity_types") ?? [])
        {
            if (Wire<ActivityType>.TryParse(t, out var parsed))
            {
                types.Add(parsed);
            }
            else
            {
                q.Fail("activity_types", "must be a comma list of " + Wire<ActivityType>.Expected);
            }
        }

        var after = q.Time("after");
        var until = q.Time("until");
        var date = q.String("date") is { } d ? (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dd) ? dd : Fail(q)) : (DateOnly?)null;
        var direction = q.Enum<SortDirection>("direction") ?? SortDirection.Desc;
        var pageSize = q.Int("page_size", 100, 1, 100);
        var token = q.String("page_token");
        if (q.Error is { } error)
        {
            return HttpIo.ErrorAsync(ctx, error);
        }

        var body = rt.Venue.Read(v =>
        {
            var list = new List<Activity>();
            foreach (var a in v.Activities)
            {
                if ((types.Count == 0 || types.Contains(a.Type)) && (after is null || a.Time > after) && (until is null || a.Time < until)
                    && (date is null || UsEastern.DateOf(a.Time) == date))
                {
                    list.Add(a);
                }
            }

            if (direction == SortDirection.Desc)
            {
                list.Reverse();
            }

            var startAt = 0;
            if (token is not null)
            {
                var i = list.FindIndex(a => string.Equals(a.Id, token, StringComparison.Ordinal));
                startAt = i < 0 ? list.Count : i + 1;
            }

            return ExchangeJson.Write(w =>
            {
                w.WriteStartArray();
                for (var i = startAt; i < list.Count && i < startAt + pageSize; i++)
                {
                    ExchangeJson.WriteActivity(w, list[i]);
                }

                w.WriteEndArray();
            });
        });
        return HttpIo.JsonAsync(ctx, 200, body);
    }

    private static DateOnly? Fail(QueryParams q)
    {
        q.Fail("date", "must be yyyy-MM-dd");
        return null;
    }
}
