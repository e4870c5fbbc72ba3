using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Stream.Engine;

namespace Tessera.Stream.Hosting;

/// <summary>
/// /health/live: the process answers (200 always). /health/ready: 200 when the market data stream is connected and
/// healthy and safety mode is off, else 503; both bodies carry the status (connection, lag, safety mode, symbols, stops).
/// </summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, Func<StreamServiceStatus?> status)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(status);
        app.MapGet("/health/live", () => Results.Text(Body(status(), "live").ToJsonString(), "application/json"));
        app.MapGet("/health/ready", () =>
        {
            var s = status();
            var ready = s is { Ready: true };
            return Results.Text(Body(s, ready ? "ready" : "not_ready").ToJsonString(), "application/json", statusCode: ready ? 200 : 503);
        });
    }

    public static JsonObject Body(StreamServiceStatus? s, string verdict)
    {
        var body = new JsonObject { ["status"] = verdict };
        if (s is null)
        {
            body["connection"] = "starting";
            return body;
        }

        body["at"] = s.At.ToString("O", CultureInfo.InvariantCulture);
        body["connection"] = s.Connection.ToString();
        body["lag_ms"] = Math.Round(s.LagMs, 3);
        body["last_message_at"] = s.LastMessageAt?.ToString("O", CultureInfo.InvariantCulture);
        body["safety_mode"] = s.SafetyMode.ToString();
        body["submissions_allowed"] = s.SubmissionsAllowed;
        body["trading_stopped"] = s.TradingStopped;
        body["symbols"] = s.Symbols;
        body["stops"] = s.Stops;
        body["messages"] = s.Messages;
        body["reconnects"] = s.Reconnects;
        body["breaches"] = s.Breaches;
        body["stops_fired"] = s.StopsFired;
        body["skipped"] = s.Skipped;
        return body;
    }
}
