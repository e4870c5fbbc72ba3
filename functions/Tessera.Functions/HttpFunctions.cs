using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application.Dashboard;
using Tessera.Orchestrations.Application.Http;

namespace Tessera.Functions;

/// <summary>
/// The HTTP API of ApiRoutes on Azure Functions (host.json routePrefix ""): one line per route into the shared
/// <see cref="RunsHttpApi"/>, which the local host maps too, so both answer identically. The functions are
/// Anonymous at the platform level on purpose: Tessera's x-api-key check guards them (the key from app settings,
/// a Key Vault reference in Azure), and no Functions system key ever appears in a URL Tessera hands out.
/// </summary>
public sealed class HttpFunctions(RunsHttpApi api)
{
    [Function("StartRun")]
    public async Task<IActionResult> StartRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.StartRunAsync(req.HttpContext, client).ConfigureAwait(false);
        return Written;
    }

    [Function("ListRuns")]
    public async Task<IActionResult> ListRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.ListRunsAsync(req.HttpContext, client).ConfigureAwait(false);
        return Written;
    }

    [Function("GetRun")]
    public async Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.GetRunAsync(req.HttpContext, client, id).ConfigureAwait(false);
        return Written;
    }

    [Function("GetRunReport")]
    public async Task<IActionResult> GetRunReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}/report")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.GetRunReportAsync(req.HttpContext, client, id).ConfigureAwait(false);
        return Written;
    }

    [Function("GetRunHistory")]
    public async Task<IActionResult> GetRunHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}/history")] HttpRequest req,
        string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.GetRunHistoryAsync(req.HttpContext, id).ConfigureAwait(false);
        return Written;
    }

    [Function("GetRunTrace")]
    public async Task<IActionResult> GetRunTrace(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}/trace")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.GetRunTraceAsync(req.HttpContext, client, id).ConfigureAwait(false);
        return Written;
    }

    /// <summary>The browser dashboard's static files (no data, no key; the page calls the keyed routes).</summary>
    [Function("Dashboard")]
    public async Task<IActionResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest req,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(req);
        await DashboardFiles.ServeAsync(req.HttpContext, path).ConfigureAwait(false);
        return Written;
    }

    [Function("HealthLive")]
    public async Task<IActionResult> HealthLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.HealthLiveAsync(req.HttpContext).ConfigureAwait(false);
        return Written;
    }

    [Function("HealthReady")]
    public async Task<IActionResult> HealthReady(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        await api.HealthReadyAsync(req.HttpContext).ConfigureAwait(false);
        return Written;
    }

    /// <summary>The shared handler has written status, headers and body to the HttpContext already.</summary>
    internal static EmptyResult Written { get; } = new();
}
