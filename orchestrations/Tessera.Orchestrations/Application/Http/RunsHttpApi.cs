using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Tessera.Orchestrations.Application.History;
using Tessera.Orchestrations.Application.Journal;
using Tessera.Orchestrations.Application.Listing;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Application.Http;

/// <summary>
/// The HTTP API of <see cref="ApiRoutes"/>, implemented once on ASP.NET Core's <see cref="HttpContext"/>. The local
/// host maps these methods as endpoints; the Azure Functions app calls them from its HttpTrigger wrappers with the
/// [DurableClient] it is given. So both hosts answer identically: same JSON (snake_case), same status codes, same
/// status URLs (from <see cref="HttpApiSettings.PublicBaseUrl"/>).
/// </summary>
public sealed class RunsHttpApi(
    ProfileCatalog profiles,
    RunArtifactStore artifacts,
    TimeProvider clock,
    HttpApiSettings settings,
    Func<CancellationToken, Task<bool>> storageReady,
    Lakehouse? lakehouse = null,
    IRunJournal? journal = null,
    IRunHistory? history = null,
    Tessera.Orchestrations.Runs.RunIndex? index = null)
{
    public Task StartRunAsync(HttpContext http, DurableTaskClient client) => Keyed(http, ApiRoutes.StartRun, async ct =>
    {
        var body = await HttpBodies.ReadBoundedAsync(http.Request, StartRunRequest.MaxBodyBytes, ct).ConfigureAwait(false);
        var runId = await Runs(client).StartRunAsync(StartRunRequest.Parse(body), ct).ConfigureAwait(false);
        var statusUrl = settings.UrlOf("api/runs/" + runId);
        http.Response.Headers.Location = statusUrl;
        return ApiErrors.Accepted(runId, statusUrl);
    });

    /// <summary>GET /api/runs?pageSize=&amp;continuationToken=&amp;status= : one page, <c>{"runs": [...], "continuation_token": ...}</c>.</summary>
    public Task ListRunsAsync(HttpContext http, DurableTaskClient client) => Keyed(http, ApiRoutes.ListRuns, async ct =>
    {
        var request = RunPageRequest.Parse(Query(http, "pageSize"), Query(http, "continuationToken"), Query(http, "status"));
        return new ApiAnswer(StatusCodes.Status200OK, await Runs(client).ListRunsAsync(request, ct).ConfigureAwait(false));
    });

    public Task GetRunAsync(HttpContext http, DurableTaskClient client, string id) => Keyed(http, ApiRoutes.GetRun, async ct =>
        await Runs(client).GetRunAsync(id, ct).ConfigureAwait(false) is { } view
            ? new ApiAnswer(StatusCodes.Status200OK, view)
            : ApiErrors.NotFound("run"));

    public Task GetRunReportAsync(HttpContext http, DurableTaskClient client, string id) => Keyed(http, ApiRoutes.GetRunReport, async ct =>
    {
        var html = await Runs(client).GetReportAsync(id, ct).ConfigureAwait(false);
        if (html is null)
        {
            return ApiErrors.NotFound("report");
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/html; charset=utf-8";

        // The report is self-contained (inline styles and SVG, no script): nothing may load from elsewhere or run.
        http.Response.Headers.ContentSecurityPolicy = ReportContentSecurityPolicy;
        await http.Response.Body.WriteAsync(html, ct).ConfigureAwait(false);
        return null;
    });

    /// <summary>
    /// GET /api/runs/{id}/trace: the run's sealed forensic trace (forensic_trace.json: one trace id, every span of the run
    /// from every worker and sub-orchestration, with durations); 404 until the run's last step seals it.
    /// </summary>
    public Task GetRunTraceAsync(HttpContext http, DurableTaskClient client, string id) => Keyed(http, ApiRoutes.GetRunTrace, async ct =>
        await Runs(client).GetTraceAsync(id, ct).ConfigureAwait(false) is { } trace
            ? new ApiAnswer(StatusCodes.Status200OK, trace)
            : ApiErrors.NotFound("trace"));

    /// <summary>
    /// GET /api/runs/{id}/history: the runtime's own history of the run (the events it replays the orchestration from),
    /// the local equivalent of the Durable dashboards' history view; 404 when the runtime holds none for the id.
    /// </summary>
    public Task GetRunHistoryAsync(HttpContext http, string id) => Keyed(http, ApiRoutes.GetRunHistory, async ct =>
    {
        Tessera.Orchestrations.Runs.RunId.Validate(id);
        var events = history is null ? [] : await history.ReadAsync(id, ct).ConfigureAwait(false);
        return events.Count == 0
            ? ApiErrors.NotFound("history")
            : new ApiAnswer(StatusCodes.Status200OK, new { run_id = id, events });
    });

    public Task HealthLiveAsync(HttpContext http) => WriteAsync(http, new ApiAnswer(StatusCodes.Status200OK, new { status = "live" }));

    public async Task HealthReadyAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        bool ready;
        try
        {
            ready = await storageReady(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ready = false;
        }

        await WriteAsync(http, ready
            ? new ApiAnswer(StatusCodes.Status200OK, new { status = "ready" })
            : new ApiAnswer(StatusCodes.Status503ServiceUnavailable, new { status = "not ready", reason = "storage not reachable" })).ConfigureAwait(false);
    }

    /// <summary>The report route's policy: no scripts, no remote anything; inline styles and data: images only.</summary>
    public const string ReportContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private RunService Runs(DurableTaskClient client) => new(client, profiles, artifacts, clock, lakehouse, journal, history, index);

    /// <summary>A query parameter given at most once (null when absent); a repeated one is ambiguous, so refused.</summary>
    private static string? Query(HttpContext http, string name)
    {
        var values = http.Request.Query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new Tessera.Core.Errors.TesseraValidationException(name, values.ToString(), "must be given at most once"),
        };
    }

    /// <summary>
    /// The API key check of the route table, then the handler; typed errors become their ApiErrors answer, anything
    /// else a 500 naming only the error type (details go to the host's log, never to the caller).
    /// A handler returns null when it has written the response itself.
    /// </summary>
    private Task Keyed(HttpContext http, ApiRoute route, Func<CancellationToken, Task<ApiAnswer?>> handler) => Keyed(http, route, settings, handler);

    /// <summary>The key check and error mapping every API of the route table shares (runs, trading).</summary>
    public static async Task Keyed(HttpContext http, ApiRoute route, HttpApiSettings settings, Func<CancellationToken, Task<ApiAnswer?>> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(handler);

        // One span per API request, on both hosts (the route's name and template, never the query or the body).
        using var span = Core.Telemetry.TesseraTelemetry.Source.StartActivity("http " + route.Name, System.Diagnostics.ActivityKind.Server);
        span?.SetTag("http.request.method", route.Method);
        span?.SetTag("http.route", route.Template);
        if (route.RequiresApiKey && !ApiKeyCheck.IsAuthorized(settings.ApiKey, http.Request.Headers[ApiRoutes.ApiKeyHeader].ToString()))
        {
            await WriteAsync(http, ApiErrors.Unauthorized).ConfigureAwait(false);
            return;
        }

        // Every answer is exactly the type it declares: browsers must not sniff a JSON error or a report into something else.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        try
        {
            ApiAnswer? answer;
            try
            {
                answer = await handler(http.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (!http.Response.HasStarted && ex is not OperationCanceledException)
            {
                answer = ApiErrors.Map(ex) ?? ApiErrors.Internal(ex, route, http.RequestServices);
            }

            if (answer is not null)
            {
                await WriteAsync(http, answer).ConfigureAwait(false);
            }
        }
        finally
        {
            span?.SetTag("http.response.status_code", http.Response.StatusCode);
            Telemetry.RunTrace.EndRequestInRun(span, http.Response.StatusCode); // a request that started a run ends in the run's trace too
        }
    }

    /// <summary>Serializes before the response starts, so a serialization failure becomes a clean 500, never a truncated 200.</summary>
    public static async Task WriteAsync(HttpContext http, ApiAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(answer);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(answer.Body, ArtifactJson.Options);
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
