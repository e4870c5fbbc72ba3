using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Errors;

namespace Tessera.Local.Http;

/// <summary>
/// The HTTP API of the local host: the routes of <see cref="ApiRoutes"/>, each a thin translation to
/// <see cref="RunService"/>. Errors are JSON <c>{"error": ..., "field": ..., "rule": ...}</c>.
/// </summary>
public static class LocalApi
{
    // Handlers never take HttpContext alone: a Func<HttpContext, Task<IResult>> binds as a RequestDelegate and its
    // IResult is silently dropped (an empty 200). Each takes a CancellationToken as well.
    public static void Map(IEndpointRouteBuilder app, RunService runs, string apiKey, Func<Task<bool>> readiness)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/" + ApiRoutes.StartRun.Template, [ApiRoutes.StartRun.Method], async (HttpContext http, CancellationToken cancellationToken) =>
        {
            if (!Authorized(http, apiKey))
            {
                return Unauthorized();
            }

            var body = await ReadBodyAsync(http.Request).ConfigureAwait(false);
            var runId = await runs.StartRunAsync(StartRunRequest.Parse(body), cancellationToken).ConfigureAwait(false);
            var statusUrl = $"{http.Request.Scheme}://{http.Request.Host}/api/runs/{runId}";
            return Results.Json(new { id = runId, status = "Pending", statusQueryGetUri = statusUrl, reportGetUri = statusUrl + "/report" }, ArtifactJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).WithName(ApiRoutes.StartRun.Name);

        app.MapMethods("/" + ApiRoutes.ListRuns.Template, [ApiRoutes.ListRuns.Method], async (CancellationToken cancellationToken) =>
            Json(await runs.ListRunsAsync(cancellationToken).ConfigureAwait(false))).WithName(ApiRoutes.ListRuns.Name);

        app.MapMethods("/" + ApiRoutes.GetRun.Template, [ApiRoutes.GetRun.Method], async (string id, HttpContext http) =>
        {
            var view = await runs.GetRunAsync(id, http.RequestAborted).ConfigureAwait(false);
            return view is null ? NotFound("run", id) : Json(view);
        }).WithName(ApiRoutes.GetRun.Name);

        app.MapMethods("/" + ApiRoutes.GetRunReport.Template, [ApiRoutes.GetRunReport.Method], async (string id, HttpContext http) =>
        {
            var html = await runs.GetReportAsync(id, http.RequestAborted).ConfigureAwait(false);
            return html is null ? NotFound("report", id) : Results.Bytes(html, "text/html; charset=utf-8");
        }).WithName(ApiRoutes.GetRunReport.Name);

        app.MapMethods("/" + ApiRoutes.HealthLive.Template, [ApiRoutes.HealthLive.Method], () => Results.Json(new { status = "live" }))
            .WithName(ApiRoutes.HealthLive.Name);

        app.MapMethods("/" + ApiRoutes.HealthReady.Template, [ApiRoutes.HealthReady.Method], async () =>
            await readiness().ConfigureAwait(false)
                ? Results.Json(new { status = "ready" })
                : Results.Json(new { status = "not ready", reason = "storage not reachable" }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithName(ApiRoutes.HealthReady.Name);
    }

    /// <summary>Maps typed errors to HTTP: validation 400 (409 for an existing run id), storage unreachable 503.</summary>
    public static async Task HandleErrorsAsync(HttpContext http, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next().ConfigureAwait(false);
        }
        catch (RunAlreadyExistsException ex)
        {
            await WriteErrorAsync(http, StatusCodes.Status409Conflict, ex).ConfigureAwait(false);
        }
        catch (PayloadTooLargeException ex)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, ex).ConfigureAwait(false);
        }
        catch (TesseraValidationException ex)
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, ex).ConfigureAwait(false);
        }
        catch (StorageUnreachableException ex)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsJsonAsync(new { error = ex.Message }).ConfigureAwait(false);
        }
        catch (Exception ex) when (!http.Response.HasStarted && ex is not OperationCanceledException)
        {
            // Unexpected: answer 500 with the error type only (messages may carry internals) and keep the details on stderr.
            await Console.Error.WriteLineAsync($"unhandled error on {http.Request.Method} {http.Request.Path}: {ex}").ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsJsonAsync(new { error = "internal error", type = ex.GetType().Name }).ConfigureAwait(false);
        }
    }

    private static async Task WriteErrorAsync(HttpContext http, int status, TesseraValidationException ex)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new { error = ex.Message, field = ex.Field, rule = ex.Rule }).ConfigureAwait(false);
    }

    /// <summary>Serializes before the response starts, so a serialization failure becomes a clean 500, never a truncated 200.</summary>
    private static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Content(JsonSerializer.Serialize(value, ArtifactJson.Options), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static bool Authorized(HttpContext http, string apiKey) =>
        ApiKeyCheck.IsAuthorized(apiKey, http.Request.Headers[ApiRoutes.ApiKeyHeader].ToString());

    private static IResult Unauthorized() =>
        Results.Json(new { error = $"missing or wrong API key: send it in the {ApiRoutes.ApiKeyHeader} header" }, statusCode: StatusCodes.Status401Unauthorized);

    private static IResult NotFound(string what, string id) =>
        Results.Json(new { error = $"{what} not found", id = RunId.IsValid(id) ? id : null }, statusCode: StatusCodes.Status404NotFound);

    /// <summary>Reads at most MaxBodyBytes + 1 bytes so an oversized payload is refused without buffering it whole.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > StartRunRequest.MaxBodyBytes)
        {
            throw new PayloadTooLargeException(request.ContentLength.Value);
        }

        var buffer = new byte[StartRunRequest.MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        if (total > StartRunRequest.MaxBodyBytes)
        {
            throw new PayloadTooLargeException(total);
        }

        return buffer.AsSpan(0, total).ToArray();
    }
}

/// <summary>The request body exceeds the limit (HTTP 413).</summary>
public sealed class PayloadTooLargeException(long bytes)
    : TesseraValidationException("body", $"{bytes} bytes", $"request body must be at most {StartRunRequest.MaxBodyBytes} bytes");
