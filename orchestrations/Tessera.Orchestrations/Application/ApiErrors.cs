using Tessera.Core.Errors;
using Tessera.Storage.Errors;

namespace Tessera.Orchestrations.Application;

/// <summary>An HTTP answer both hosts give the same way: status code and JSON body.</summary>
public sealed record ApiAnswer(int Status, object Body);

/// <summary>
/// The one mapping from typed errors and outcomes to HTTP, used by the local host and the Azure twin so they
/// answer identically: 400 bad input (naming field and rule), 401 API key, 404 unknown run, 409 existing run
/// id, 413 oversized body, 503 storage unreachable.
/// </summary>
public static class ApiErrors
{
    public static ApiAnswer? Map(Exception exception) => exception switch
    {
        RunAlreadyExistsException e => new ApiAnswer(409, Body(e)),
        Governance.PromotionRefusedException e => new ApiAnswer(e.IsIllegalMove ? 409 : 422, new
        {
            error = e.Message,
            run_id = e.RunId,
            from = Tessera.Core.Governance.GovernanceStates.Name(e.Decision.From),
            to = Tessera.Core.Governance.GovernanceStates.Name(e.Decision.To),
            refusal = e.IsIllegalMove ? "illegal_move" : "missing_evidence",
            missing = e.Missing.Select(m => new { code = m.Code, detail = m.Detail }).ToArray(),
        }),
        Governance.GovernanceRunNotFoundException e => new ApiAnswer(404, new { error = e.Message, run_id = e.RunId }),
        Governance.GovernanceConflictException e => new ApiAnswer(409, new { error = e.Message, run_id = e.RunId }),
        PayloadTooLargeException e => new ApiAnswer(413, Body(e)),
        TesseraValidationException e => new ApiAnswer(400, Body(e)),
        Tessera.Trading.Safety.ResumeRefusedException e => new ApiAnswer(409, new { error = e.Message, rule = e.Rule }),
        Tessera.Trading.Safety.KillSwitchClearRefusedException e => new ApiAnswer(409, new { error = e.Message, action = e.Action }),
        StorageUnreachableException => new ApiAnswer(503, new { error = "storage not reachable" }),
        Tessera.Alpaca.Rest.AlpacaTransportException e => new ApiAnswer(503, new { error = "broker not reachable: " + e.Reason }),
        Tessera.Alpaca.Errors.AlpacaApiException e => new ApiAnswer(502, new { error = "the broker refused: " + e.Message }),
        _ => null,
    };

    public static ApiAnswer Unauthorized { get; } =
        new(401, new { error = $"missing or wrong API key: send it in the {ApiRoutes.ApiKeyHeader} header" });

    public static ApiAnswer NotFound(string what) => new(404, new { error = what + " not found" });

    /// <summary>202 body of POST /api/runs: the run id and where to poll (the same on both hosts).</summary>
    public static ApiAnswer Accepted(string runId, string statusUrl) =>
        new(202, new { id = runId, status = "Pending", statusQueryGetUri = statusUrl, reportGetUri = statusUrl + "/report" });

    /// <summary>
    /// An unexpected failure: logged in full on the host (messages may carry internals), answered with the type only.
    /// </summary>
    public static ApiAnswer Internal(Exception exception, ApiRoute route, IServiceProvider? services)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(route);
        var logger = services?.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) is Microsoft.Extensions.Logging.ILoggerFactory factory
            ? factory.CreateLogger("Tessera.Http")
            : null;
        if (logger is not null)
        {
            Microsoft.Extensions.Logging.LoggerExtensions.LogError(logger, exception, "unhandled error on {Route}", route.Name);
        }
        else
        {
            Console.Error.WriteLine($"unhandled error on {route.Name}: {exception}");
        }

        return new ApiAnswer(500, new { error = "internal error", type = exception.GetType().Name });
    }

    private static object Body(TesseraValidationException e) => new { error = e.Message, field = e.Field, rule = e.Rule };
}
