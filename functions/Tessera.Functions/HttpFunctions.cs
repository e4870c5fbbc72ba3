using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Functions;

/// <summary>
/// The HTTP API of ApiRoutes on Azure Functions (host.json routePrefix ""): each function builds the shared
/// RunService over the durable client and translates its result or typed error to HTTP, like local/Http/LocalApi.
/// </summary>
public sealed class HttpFunctions(ProfileCatalog profiles, RunArtifactStore artifacts, TimeProvider clock, Lakehouse lakehouse)
{
    private static readonly string? ApiKey = Environment.GetEnvironmentVariable("TESSERA_API_KEY");

    [Function("StartRun")]
    public async Task<HttpResponseData> StartRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs")] HttpRequestData req,
        [DurableClient] DurableTaskClient client)
    {
        if (!ApiKeyCheck.IsAuthorized(ApiKey, req.Headers.TryGetValues(ApiRoutes.ApiKeyHeader, out var keys) ? keys.FirstOrDefault() : null))
        {
            return await Json(req, HttpStatusCode.Unauthorized, new { error = $"missing or wrong API key: send it in the {ApiRoutes.ApiKeyHeader} header" });
        }

        try
        {
            var body = new byte[StartRunRequest.MaxBodyBytes + 1];
            var read = await req.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false);
            var runId = await Runs(client).StartRunAsync(StartRunRequest.Parse(body.AsSpan(0, read)));
            return await client.CreateCheckStatusResponseAsync(req, runId);
        }
        catch (RunAlreadyExistsException ex)
        {
            return await Json(req, HttpStatusCode.Conflict, new { error = ex.Message, field = ex.Field, rule = ex.Rule });
        }
        catch (TesseraValidationException ex)
        {
            return await Json(req, HttpStatusCode.BadRequest, new { error = ex.Message, field = ex.Field, rule = ex.Rule });
        }
    }

    [Function("ListRuns")]
    public async Task<HttpResponseData> ListRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs")] HttpRequestData req,
        [DurableClient] DurableTaskClient client) =>
        await Json(req, HttpStatusCode.OK, await Runs(client).ListRunsAsync());

    [Function("GetRun")]
    public async Task<HttpResponseData> GetRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        try
        {
            var view = await Runs(client).GetRunAsync(id);
            return view is null ? await Json(req, HttpStatusCode.NotFound, new { error = "run not found" }) : await Json(req, HttpStatusCode.OK, view);
        }
        catch (TesseraValidationException ex)
        {
            return await Json(req, HttpStatusCode.BadRequest, new { error = ex.Message, field = ex.Field, rule = ex.Rule });
        }
    }

    [Function("GetRunReport")]
    public async Task<HttpResponseData> GetRunReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}/report")] HttpRequestData req,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        try
        {
            var html = await Runs(client).GetReportAsync(id);
            if (html is null)
            {
                return await Json(req, HttpStatusCode.NotFound, new { error = "report not found" });
            }

            var response = req.CreateResponse(HttpStatusCode.OK);
            response.Headers.Add("Content-Type", "text/html; charset=utf-8");
            await response.Body.WriteAsync(html);
            return response;
        }
        catch (TesseraValidationException ex)
        {
            return await Json(req, HttpStatusCode.BadRequest, new { error = ex.Message, field = ex.Field, rule = ex.Rule });
        }
    }

    [Function("HealthLive")]
    public Task<HttpResponseData> HealthLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequestData req) =>
        Json(req, HttpStatusCode.OK, new { status = "live" });

    [Function("HealthReady")]
    public async Task<HttpResponseData> HealthReady(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequestData req)
    {
        try
        {
            await artifacts.ListAsync("health-probe");
            return await Json(req, HttpStatusCode.OK, new { status = "ready" });
        }
        catch (Exception)
        {
            return await Json(req, HttpStatusCode.ServiceUnavailable, new { status = "not ready", reason = "storage not reachable" });
        }
    }

    private RunService Runs(DurableTaskClient client) => new(new DurableTaskClientAdapter(client), profiles, artifacts, clock, lakehouse);

    private static async Task<HttpResponseData> Json(HttpRequestData req, HttpStatusCode status, object value)
    {
        var response = req.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, ArtifactJson.Options));
        return response;
    }
}
