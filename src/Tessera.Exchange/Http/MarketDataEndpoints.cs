using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Json;
using Tessera.Exchange.Market;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Http;

/// <summary>
/// Market Data v2 for stocks, answered from what the replay has reached (nothing from the future): bars with paging
/// (next_page_token), latest trades and quotes, snapshots. adjustment and feed are validated and accepted; the replay
/// has one feed and raw prices, so they change nothing.
/// </summary>
internal static class MarketDataEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ExchangeRuntime rt)
    {
        app.MapGet("/v2/stocks/bars", (RequestDelegate)(ctx => BarsAsync(ctx, rt, null)));
        app.MapGet("/v2/stocks/{symbol}/bars", (RequestDelegate)(ctx => BarsAsync(ctx, rt, ctx.Request.RouteValues["symbol"] as string)));
        app.MapGet("/v2/stocks/trades/latest", (RequestDelegate)(ctx => LatestAsync(ctx, rt, "trades", s => s.HasTrade, ExchangeJson.WriteLatestTrade)));
        app.MapGet("/v2/stocks/quotes/latest", (RequestDelegate)(ctx => LatestAsync(ctx, rt, "quotes", s => s.HasQuote, ExchangeJson.WriteLatestQuote)));
        app.MapGet("/v2/stocks/snapshots", (RequestDelegate)(ctx => SnapshotsAsync(ctx, rt)));
        app.MapGet("/v2/stocks/{symbol}/trades/latest", (RequestDelegate)(ctx => SingleAsync(ctx, rt, "trade", s => s.HasTrade, ExchangeJson.WriteLatestTrade)));
        app.MapGet("/v2/stocks/{symbol}/quotes/latest", (RequestDelegate)(ctx => SingleAsync(ctx, rt, "quote", s => s.HasQuote, ExchangeJson.WriteLatestQuote)));
        app.MapGet("/v2/stocks/{symbol}/snapshot", (RequestDelegate)(ctx => SingleAsync(ctx, rt, null, _ => true, ExchangeJson.WriteSnapshot)));
    }

    private static Task BarsAsync(HttpContext ctx, ExchangeRuntime rt, string? pathSymbol)
    {
        var q = new QueryParams(ctx);
        var symbols = pathSymbol is not null ? [pathSymbol] : q.List("symbols");
        var timeframeText = q.String("timeframe");
        var start = q.Time("start");
        var end = q.Time("end");
        var limit = q.Int("limit", 1000, 1, 10_000);
        _ = q.Enum<BarAdjustment>("adjustment");
        _ = q.Enum<DataFeed>("feed");
        var sort = q.Enum<SortDirection>("sort") ?? SortDirection.Asc;
        var token = q.String("page_token");
        if (symbols is null || symbols.Count == 0)
        {
            q.Fail("symbols", "is required");
        }

        if (!BarTimeFrame.TryParse(timeframeText, out var timeframe))
        {
            q.Fail("timeframe", "must be like 1Min, 15Min, 1Hour, 1Day, 1Week or 1Month");
        }

        var (tokenSymbol, tokenOffset) = (0, 0);
        if (token is not null && !TryDecodeToken(token, out tokenSymbol, out tokenOffset))
        {
            q.Fail("page_token", "is not a token this server issued");
        }

        if (q.Error is { } error)
        {
            return HttpIo.ErrorAsync(ctx, error);
        }

        var names = symbols!.Select(s => s.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var body = rt.Venue.Read(v =>
        {
            var series = new List<(string Symbol, List<BarRecord> Bars)>();
            foreach (var name in names)
            {
                if (v.Symbol(name) is not { } s)
                {
                    return null;
                }

                var bars = BarAggregation.Select(s, timeframe, start, end ?? v.Now, v.Now);
                if (sort == SortDirection.Desc)
                {
                    bars.Reverse();
                }

                series.Add((s.Symbol, bars));
            }

            return ExchangeJson.Write(w =>
            {
                w.WriteStartObject();
                if (pathSymbol is not null)
                {
                    w.WriteString("symbol", series[0].Symbol);
                    w.WriteStartArray("bars");
                }
                else
                {
                    w.WriteStartObject("bars");
                }

                var written = 0;
                string? next = null;
                for (var i = tokenSymbol; i < series.Count && next is null; i++)
                {
                    var (symbol, bars) = series[i];
                    var from = i == tokenSymbol ? tokenOffset : 0;
                    if (from >= bars.Count)
                    {
                        continue;
                    }

                    if (pathSymbol is null)
                    {
                        w.WriteStartArray(symbol);
                    }

                    for (var k = from; k < bars.Count; k++)
                    {
                        if (written == limit)
                        {
                            next = EncodeToken(i, k);
                            break;
                        }

                        ExchangeJson.WriteBar(w, bars[k]);
                        written++;
                    }

                    if (pathSymbol is null)
                    {
                        w.WriteEndArray();
                    }
                }

                if (pathSymbol is not null)
                {
                    w.WriteEndArray();
                }
                else
                {
                    w.WriteEndObject();
                }

                if (next is null)
                {
                    w.WriteNull("next_page_token");
                }
                else
                {
                    w.WriteString("next_page_token", next);
                }

                w.WriteEndObject();
            });
        });
        return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.BadQuery("symbols", "contains a symbol this exchange does not have")) : HttpIo.JsonAsync(ctx, 200, body);
    }

    private static Task LatestAsync(HttpContext ctx, ExchangeRuntime rt, string name, Func<SymbolState, bool> has, Action<System.Text.Json.Utf8JsonWriter, SymbolState> write)
    {
        var q = new QueryParams(ctx);
        var symbols = q.List("symbols");
        _ = q.Enum<DataFeed>("feed");
        if (symbols is null || symbols.Count == 0)
        {
            q.Fail("symbols", "is required");
        }

        if (q.Error is { } error)
        {
            return HttpIo.ErrorAsync(ctx, error);
        }

        var body = rt.Venue.Read(v =>
        {
            var found = new List<SymbolState>();
            foreach (var s in symbols!)
            {
                if (v.Symbol(s) is not { } state)
                {
                    return null;
                }

                found.Add(state);
            }

            return ExchangeJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject(name);
                foreach (var s in found.Where(has))
                {
                    w.WritePropertyName(s.Symbol);
                    write(w, s);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            });
        });
        return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.BadQuery("symbols", "contains a symbol this exchange does not have")) : HttpIo.JsonAsync(ctx, 200, body);
    }

    private static Task SnapshotsAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        var q = new QueryParams(ctx);
        var symbols = q.List("symbols");
        _ = q.Enum<DataFeed>("feed");
        if (symbols is null || symbols.Count == 0)
        {
            q.Fail("symbols", "is required");
        }

        if (q.Error is { } error)
        {
            return HttpIo.ErrorAsync(ctx, error);
        }

        var body = rt.Venue.Read(v =>
        {
            if (symbols!.Any(s => v.Symbol(s) is null))
            {
                return null;
            }

            return ExchangeJson.Write(w =>
            {
                w.WriteStartObject();
                foreach (var s in symbols!.Select(s => v.Symbol(s)!).DistinctBy(s => s.Index))
                {
                    w.WritePropertyName(s.Symbol);
                    if (s.HasTrade)
                    {
                        ExchangeJson.WriteSnapshot(w, s);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }
                }

                w.WriteEndObject();
            });
        });
        return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.BadQuery("symbols", "contains a symbol this exchange does not have")) : HttpIo.JsonAsync(ctx, 200, body);
    }

    private static Task SingleAsync(HttpContext ctx, ExchangeRuntime rt, string? wrapper, Func<SymbolState, bool> has, Action<System.Text.Json.Utf8JsonWriter, SymbolState> write)
    {
        var symbol = ctx.Request.RouteValues["symbol"] as string ?? string.Empty;
        var body = rt.Venue.Read(v =>
        {
            if (v.Symbol(symbol) is not { } s || !has(s) || (wrapper is null && !s.HasTrade))
            {
                return null;
            }

            return ExchangeJson.Write(w =>
            {
                if (wrapper is null)
                {
                    write(w, s);
                    return;
                }

                w.WriteStartObject();
                w.WriteString("symbol", s.Symbol);
                w.WritePropertyName(wrapper);
                write(w, s);
                w.WriteEndObject();
            });
        });
        return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.BadQuery("symbol", "no data for this symbol")) : HttpIo.JsonAsync(ctx, 200, body);
    }

    private static string EncodeToken(int symbol, int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"tessera:{symbol}:{offset}")));

    private static bool TryDecodeToken(string token, out int symbol, out int offset)
    {
        symbol = 0;
        offset = 0;
        try
        {
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(token)).Split(':');
            return parts.Length == 3 && parts[0] == "tessera"
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out symbol)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
