using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Orchestrations.Application;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Local.Http;

/// <summary>
/// The HTTP API of the local host: the routes of <see cref="ApiRoutes"/>, each a thin translation to
/// <see cref="RunService"/>; errors and answers come from <see cref="ApiErrors"/>, shared with the Azure twin.
/// </summary>
public static class LocalApi
{
    // Handlers never take HttpContext alone: a Func<HttpContext, Task<IResult>> binds as a RequestDelegate and its
    // IResult is silently dropped (an empty 200). Each takes a CancellationToken as well.
    public static void Map(IEndpointRouteBuilder app, RunService runs, string apiKey, Func<Task<bool>> readiness)
    {
        ArgumentNullException.ThrowIfNull(app);
        Route(app, ApiRoutes.StartRun, apiKey, async (HttpContext http, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(http.Request, ct).ConfigureAwait(false);
            var runId = await runs.StartRunAsync(StartRunRequest.Parse(body), ct).ConfigureAwait(false);
            return Answer(ApiErrors.Accepted(runId, $"{http.Request.Scheme}://{http.Request.Host}"));
        });

        Route(app, ApiRoutes.ListRuns, apiKey, async (HttpContext _, CancellationToken ct) =>
            Json(await runs.ListRunsAsync(ct).ConfigureAwait(false)));

        Route(app, ApiRoutes.GetRun, apiKey, async (HttpContext http, CancellationToken ct) =>
        {
            var view = await runs.GetRunAsync((string)http.GetRouteValue("id")!, ct).ConfigureAwait(false);
            return view is null ? Answer(ApiErrors.NotFound("run")) : Json(view);
        });

        Route(app, ApiRoutes.GetRunReport, apiKey, async (HttpContext http, CancellationToken ct) =>
        {
            var html = await runs.GetReportAsync((string)http.GetRouteValue("id")!, ct).ConfigureAwait(false);
            return html is null ? Answer(ApiErrors.NotFound("report")) : Results.Bytes(html, "text/html; charset=utf-8");
        });

        Route(app, ApiRoutes.HealthLive, apiKey, (HttpContext _, CancellationToken _) => Task.FromResult(Json(new { status = "live" })));

        Route(app, ApiRoutes.HealthReady, apiKey, async (HttpContext _, CancellationToken _) =>
            await readiness().ConfigureAwait(false)
                ? Json(new { status = "ready" })
                : Json(new { status = "not ready", reason = "storage not reachable" }, StatusCodes.Status503ServiceUnavailable));
    }

    /// <summary>Maps typed errors through <see cref="ApiErrors"/>; anything else is a 500 naming only the error type.</summary>
    public static async Task HandleErrorsAsync(HttpContext http, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next().ConfigureAwait(false);
        }
        catch (Exception ex) when (!http.Response.HasStarted && ex is not OperationCanceledException)
        {
            var answer = ApiErrors.Map(ex);
            if (answer is null)
            {
                // Unexpected: keep the details on stderr (messages may carry internals), answer with the type only.
                await Console.Error.WriteLineAsync($"unhandled error on {http.Request.Method} {http.Request.Path}: {ex}").ConfigureAwait(false);
                answer = new ApiAnswer(StatusCodes.Status500InternalServerError, new { error = "internal error", type = ex.GetType().Name });
            }

            http.Response.StatusCode = answer.Status;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(JsonSerializer.Serialize(answer.Body, ArtifactJson.Options)).ConfigureAwait(false);
        }
    }

    /// <summary>Maps one route of the table; routes that require the API key are checked before the handler runs.</summary>
    private static void Route(IEndpointRouteBuilder app, ApiRoute route, string apiKey, Func<HttpContext, CancellationToken, Task<IResult>> handler)
    {
        app.MapMethods("/" + route.Template, [route.Method], (HttpContext http, CancellationToken ct) =>
            route.RequiresApiKey && !ApiKeyCheck.IsAuthorized(apiKey, http.Request.Headers[ApiRoutes.ApiKeyHeader].ToString())
                ? Task.FromResult(Answer(ApiErrors.Unauthorized))
                : handler(http, ct)).WithName(route.Name);
    }

    /// <summary>Serializes before the response starts, so a serialization failure becomes a clean 500, never a truncated 200.</summary>
    private static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Content(JsonSerializer.Serialize(value, ArtifactJson.Options), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static IResult Answer(ApiAnswer answer) => Json(answer.Body, answer.Status);

    /// <summary>Reads at most MaxBodyBytes + 1 bytes so an oversized payload is refused without buffering it whole.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > StartRunRequest.MaxBodyBytes)
        {
            throw new PayloadTooLargeException(request.ContentLength.Value);
        }

        var buffer = new byte[StartRunRequest.MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return buffer.AsSpan(0, total).ToArray();
    }
}
