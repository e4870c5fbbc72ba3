using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Backtests;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.Application.Http;

/// <summary>
/// POST /api/backtests and GET /api/backtests/{id}, implemented once on <see cref="HttpContext"/>: the local host maps
/// these methods, the Functions app calls them from its HttpTrigger wrappers. Same key check and error mapping as runs.
/// </summary>
public sealed class BacktestsHttpApi(ProfileCatalog profiles, BacktestServices services, TimeProvider clock, HttpApiSettings settings)
{
    /// <summary>202 with the run id and its status URL (also the Location header); 400 naming the field for a bad request.</summary>
    public Task StartAsync(HttpContext http, DurableTaskClient client) => RunsHttpApi.Keyed(http, ApiRoutes.StartBacktest, settings, async ct =>
    {
        var body = await HttpBodies.ReadBoundedAsync(http.Request, BacktestRequest.MaxBodyBytes, ct).ConfigureAwait(false);
        var runId = await Service(client).StartAsync(BacktestRequest.Parse(body), ct).ConfigureAwait(false);
        var statusUrl = settings.UrlOf("api/backtests/" + runId);
        http.Response.Headers.Location = statusUrl;
        return ApiErrors.Accepted(runId, statusUrl);
    });

    public Task GetAsync(HttpContext http, DurableTaskClient client, string id) => RunsHttpApi.Keyed(http, ApiRoutes.GetBacktest, settings, async ct =>
        await Service(client).GetAsync(id, ct).ConfigureAwait(false) is { } view
            ? new ApiAnswer(StatusCodes.Status200OK, view)
            : ApiErrors.NotFound("backtest run"));

    private BacktestService Service(DurableTaskClient client) => new(client, profiles, services, clock);
}
