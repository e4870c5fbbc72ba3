using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Dashboard;
using Tessera.Orchestrations.Application.Http;

namespace Tessera.Local.Http;

/// <summary>
/// The local host's routing table: each route of <see cref="ApiRoutes"/> mapped to its one implementation in
/// <see cref="RunsHttpApi"/> (the Azure Functions app calls the same methods), with the embedded runtime's client.
/// </summary>
public static class LocalApi
{
    public static void Map(IEndpointRouteBuilder app, RunsHttpApi api, DurableTaskClient client, BacktestsHttpApi backtests, TradingHttpApi? trading = null, string? tradingUnavailable = null, Tessera.Orchestrations.Application.Governance.GovernanceHttpApi? governance = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(backtests);
        Route(app, ApiRoutes.StartRun, http => api.StartRunAsync(http, client));
        Route(app, ApiRoutes.ListRuns, http => api.ListRunsAsync(http, client));
        Route(app, ApiRoutes.GetRun, http => api.GetRunAsync(http, client, Id(http)));
        Route(app, ApiRoutes.GetRunReport, http => api.GetRunReportAsync(http, client, Id(http)));
        Route(app, ApiRoutes.GetRunHistory, http => api.GetRunHistoryAsync(http, Id(http)));
        Route(app, ApiRoutes.GetRunTrace, http => api.GetRunTraceAsync(http, client, Id(http)));
        Route(app, ApiRoutes.HealthLive, api.HealthLiveAsync);
        Route(app, ApiRoutes.HealthReady, api.HealthReadyAsync);
        Route(app, ApiRoutes.StartBacktest, http => backtests.StartAsync(http, client));
        Route(app, ApiRoutes.GetBacktest, http => backtests.GetAsync(http, client, Id(http)));

        // The order path: its one implementation, or a 503 naming why trading is unavailable in this host.
        Route(app, ApiRoutes.TradingHalt, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.HaltAsync(http));
        Route(app, ApiRoutes.TradingResume, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.ResumeAsync(http));
        Route(app, ApiRoutes.TradingStatus, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.StatusAsync(http));
        Route(app, ApiRoutes.TradingOrders, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.OrdersAsync(http));
        Route(app, ApiRoutes.TradingLedger, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.LedgerAsync(http));
        Route(app, ApiRoutes.TradingScan, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.ScanAsync(http, client));
        Route(app, ApiRoutes.TradingPositions, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.PositionsAsync(http));
        Route(app, ApiRoutes.TradingEquity, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.EquityAsync(http));
        Route(app, ApiRoutes.TradingKillSwitch, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.KillSwitchAsync(http));
        Route(app, ApiRoutes.TradingKillSwitchClear, http => trading is null ? Unavailable(http, tradingUnavailable) : trading.KillSwitchClearAsync(http));

        // The browser dashboard; the root of the local host leads to it.
        Route(app, ApiRoutes.Dashboard, http => DashboardFiles.ServeAsync(http, http.GetRouteValue("path") as string));
        app.MapGet("/", (HttpContext http) =>
        {
            http.Response.Redirect("/dashboard/");
            return Task.CompletedTask;
        });

        // Governance: promotions and demotions through the one governance service.
        Route(app, ApiRoutes.PromoteRun, http => governance is null ? RunsHttpApi.WriteAsync(http, new ApiAnswer(StatusCodes.Status503ServiceUnavailable, new { error = "governance is not available in this host" })) : governance.PromoteAsync(http, Id(http)));
    }

    private static Task Unavailable(HttpContext http, string? reason) =>
        RunsHttpApi.WriteAsync(http, new ApiAnswer(StatusCodes.Status503ServiceUnavailable, new { error = reason ?? "trading is not available in this host" }));

    private static string Id(HttpContext http) => (string)http.GetRouteValue("id")!;

    private static void Route(IEndpointRouteBuilder app, ApiRoute route, RequestDelegate handler) =>
        app.MapMethods("/" + route.Template, [route.Method], handler).WithName(route.Name);
}
