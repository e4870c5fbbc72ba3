using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Tessera.Core.Telemetry;
using Tessera.Orchestrations.Runs;

namespace Tessera.Orchestrations.Telemetry;

/// <summary>
/// One trace per run, whose id is the run's <see cref="RunTraceId"/>: <see cref="Begin"/> opens the run's root span
/// (<c>run.start</c>) under that id just before the run is scheduled, so the Durable Task SDK's
/// <c>create_orchestration</c> span, the orchestration, every activity and sub-orchestration (W3C context travels
/// with the work items) and the audit records all carry one trace id, derived from the run id: a re-executed step
/// writes the same audit.jsonl, and a trace can be found from a run id alone. An HTTP request that starts a run is the
/// root of the run's trace (a twin of the request's span, linked to it; the request's own span keeps the caller's trace
/// and is tagged with the run id).
/// </summary>
public static class RunTrace
{
    /// <summary>The span id under which the run's root span starts (the first 8 bytes of SHA-256("tessera-run-root/" + run id)).</summary>
    public static ActivitySpanId RootParentSpanId(string runId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("tessera-run-root/" + RunId.Validate(runId)), hash);
        return ActivitySpanId.CreateFromBytes(hash[..8]);
    }

    public static ActivityTraceId TraceIdOf(string runId) => ActivityTraceId.CreateFromString(RunTraceId.Of(runId));

    /// <summary>
    /// Where <see cref="Begin"/> leaves the run-trace twin of the HTTP request span that started the run, for
    /// <see cref="EndRequestInRun"/> to end when the request ends.
    /// </summary>
    private const string RequestInRunProperty = "tessera.request-in-run";

    /// <summary>
    /// Starts the run's spans (null when nothing listens); dispose the returned <c>run.start</c> once the run is
    /// scheduled. When an API request starts the run (Tessera's <c>http &lt;Route&gt;</c> server span is current), that
    /// request is also opened inside the run's trace, as its root: same name, start time and tags, linked to the
    /// request's own span (which keeps the caller's trace, e.g. a client's traceparent). So the run's trace, and its
    /// forensic_trace.json, begin at the HTTP start; the request's end is recorded by <see cref="EndRequestInRun"/>.
    /// </summary>
    public static Activity? Begin(string runId, string workflow, string? profile)
    {
        var caller = Activity.Current;
        var root = new ActivityContext(TraceIdOf(runId), RootParentSpanId(runId), ActivityTraceFlags.Recorded, isRemote: true);
        Activity? request = null;
        if (caller is { Kind: ActivityKind.Server } && caller.Source == TesseraTelemetry.Source && caller.GetCustomProperty(RequestInRunProperty) is null)
        {
            request = TesseraTelemetry.Source.StartActivity(caller.DisplayName, ActivityKind.Server, root, caller.TagObjects, [new ActivityLink(caller.Context)], new DateTimeOffset(caller.StartTimeUtc, TimeSpan.Zero));
            if (request is not null)
            {
                request.SetTag(TesseraTelemetry.Tags.RunId, runId);
                caller.SetCustomProperty(RequestInRunProperty, request);
            }
        }

        var links = request is null && caller is not null ? new[] { new ActivityLink(caller.Context) } : null;
        var span = TesseraTelemetry.Source.StartActivity("run.start", ActivityKind.Producer, request?.Context ?? root, links: links);
        if (span is not null)
        {
            span.SetTag(TesseraTelemetry.Tags.RunId, runId);
            span.SetTag(TesseraTelemetry.Tags.Workflow, workflow);
            span.SetTag(TesseraTelemetry.Tags.Profile, profile);
        }

        // The request's own span names the run it started, so either trace leads to the other.
        caller?.SetTag(TesseraTelemetry.Tags.RunId, runId);
        TesseraTelemetry.RunsStarted.Add(1, new KeyValuePair<string, object?>(TesseraTelemetry.Tags.Workflow, workflow));
        return span;
    }

    /// <summary>Ends the run-trace twin of <paramref name="request"/> (if <see cref="Begin"/> opened one) with the response status.</summary>
    public static void EndRequestInRun(Activity? request, int statusCode)
    {
        if (request?.GetCustomProperty(RequestInRunProperty) is Activity inRun)
        {
            inRun.SetTag("http.response.status_code", statusCode);
            if (statusCode >= 500)
            {
                inRun.SetStatus(ActivityStatusCode.Error);
            }

            inRun.Dispose();
            request.SetCustomProperty(RequestInRunProperty, null);
        }
    }

    /// <summary>
    /// A span for one step of a run (an activity), child of the Durable Task SDK's activity span, with the run id, step
    /// and profile; its duration also goes to the step-duration histogram.
    /// </summary>
    public static async Task<T> StepAsync<T>(string step, string runId, string? profile, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var span = TesseraTelemetry.Source.StartActivity("step " + step, ActivityKind.Internal);
        span?.SetTag(TesseraTelemetry.Tags.RunId, runId);
        span?.SetTag(TesseraTelemetry.Tags.Step, step);
        span?.SetTag(TesseraTelemetry.Tags.Profile, profile);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            TesseraTelemetry.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>(TesseraTelemetry.Tags.Step, step));
        }
    }
}
