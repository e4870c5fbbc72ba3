using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Application.Http;

namespace Tessera.Local.Http;

/// <summary>
/// The local host's routing table: each route of <see cref="ApiRoutes"/> mapped to its one implementation in
/// <see cref="RunsHttpApi"/> (the Azure Functions app calls the same methods), with the embedded runtime's client.
/// </summary>
public static class LocalApi
{
    public static void Map(IEndpointRouteBuilder app, RunsHttpApi api, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(api);
        Route(app, ApiRoutes.StartRun, http => api.StartRunAsync(http, client));
        Route(app, ApiRoutes.ListRuns, http => api.ListRunsAsync(http, client));
        Route(app, ApiRoutes.GetRun, http => api.GetRunAsync(http, client, Id(http)));
        Route(app, ApiRoutes.GetRunReport, http => api.GetRunReportAsync(http, client, Id(http)));
        Route(app, ApiRoutes.HealthLive, api.HealthLiveAsync);
        Route(app, ApiRoutes.HealthReady, api.HealthReadyAsync);
    }

    private static string Id(HttpContext http) => (string)http.GetRouteValue("id")!;

    private static void Route(IEndpointRouteBuilder app, ApiRoute route, RequestDelegate handler) =>
        app.MapMethods("/" + route.Template, [route.Method], handler).WithName(route.Name);
}
