using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Functions;

/// <summary>
/// The HTTP API of ApiRoutes on Azure Functions (host.json routePrefix ""). Each function checks the API key
/// where the route table requires it, calls the shared RunService over the durable client, and answers through
/// ApiErrors exactly like local/Http/LocalApi (same bodies, same status codes). The functions are Anonymous at
/// the platform level on purpose: authorization is the x-api-key check, identical on both hosts.
/// </summary>
public sealed class HttpFunctions(ProfileCatalog profiles, RunArtifactStore artifacts, TimeProvider clock, Lakehouse lakehouse)
{
    private static readonly string? ApiKey = Environment.GetEnvironmentVariable("TESSERA_API_KEY");

    [Function("StartRun")]
    public Task<HttpResponseData> StartRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs")] HttpRequestData req,
        [DurableClient] DurableTaskClient client) =>
        Guarded(req, ApiRoutes.StartRun, async () =>
        {
            var body = new byte[StartRunRequest.MaxBodyBytes + 1];
            var read = await req.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false);
            var runId = await Runs(client).StartRunAsync(StartRunRequest.Parse(body.AsSpan(0, read)));
            var answer = ApiErrors.Accepted(runId, req.Url.GetLeftPart(UriPartial.Authority));
            var response = await Json(req, answer);
            response.Headers.Add("Location", req.Url.GetLeftPart(UriPartial.Authority) + "/api/runs/" + runId);
            return response;
        });

    [Function("ListRuns")]
    public Task<HttpResponseData> ListRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs")] HttpRequestData req,
        [DurableClient] DurableTaskClient client) =>
        Guarded(req, ApiRoutes.ListRuns, async () => await Json(req, new ApiAnswer(200, await Runs(client).ListRunsAsync())));

    [Function("GetRun")]
    public Task<HttpResponseData> GetRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        string id) =>
        Guarded(req, ApiRoutes.GetRun, async () =>
            await Runs(client).GetRunAsync(id) is { } view ? await Json(req, new ApiAnswer(200, view)) : await Json(req, ApiErrors.NotFound("run")));

    [Function("GetRunReport")]
    public Task<HttpResponseData> GetRunReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}/report")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        string id) =>
        Guarded(req, ApiRoutes.GetRunReport, async () =>
        {
            var html = await Runs(client).GetReportAsync(id);
            if (html is null)
            {
                return await Json(req, ApiErrors.NotFound("report"));
            }

            var response = req.CreateResponse(HttpStatusCode.OK);
            response.Headers.Add("Content-Type", "text/html; charset=utf-8");
            await response.Body.WriteAsync(html);
            return response;
        });

    [Function("HealthLive")]
    public Task<HttpResponseData> HealthLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequestData req) =>
        Json(req, new ApiAnswer(200, new { status = "live" }));

    [Function("HealthReady")]
    public async Task<HttpResponseData> HealthReady(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequestData req)
    {
        try
        {
            await artifacts.ListAsync("health-probe");
            return await Json(req, new ApiAnswer(200, new { status = "ready" }));
        }
        catch (Exception)
        {
            return await Json(req, new ApiAnswer(503, new { status = "not ready", reason = "storage not reachable" }));
        }
    }

    private RunService Runs(DurableTaskClient client) => new(new DurableTaskClientAdapter(client), profiles, artifacts, clock, lakehouse);

    /// <summary>API key check from the route table, then the handler; typed errors answered through ApiErrors.</summary>
    private static async Task<HttpResponseData> Guarded(HttpRequestData req, ApiRoute route, Func<Task<HttpResponseData>> handler)
    {
        if (route.RequiresApiKey && !ApiKeyCheck.IsAuthorized(ApiKey, req.Headers.TryGetValues(ApiRoutes.ApiKeyHeader, out var keys) ? keys.FirstOrDefault() : null))
        {
            return await Json(req, ApiErrors.Unauthorized);
        }

        try
        {
            return await handler();
        }
        catch (Exception ex) when (ApiErrors.Map(ex) is { } answer)
        {
            return await Json(req, answer);
        }
    }

    private static async Task<HttpResponseData> Json(HttpRequestData req, ApiAnswer answer)
    {
        var response = req.CreateResponse((HttpStatusCode)answer.Status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(answer.Body, ArtifactJson.Options));
        return response;
    }
}
