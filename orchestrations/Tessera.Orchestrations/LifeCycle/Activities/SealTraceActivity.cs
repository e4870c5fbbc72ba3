using Tessera.Storage.Errors;

namespace Tessera.Orchestrations.LifeCycle.Activities;

public sealed record SealTraceInput(string RunId);

/// <param name="Spans">spans sealed (0 when the host records none or storage refused: the run is not failed for it).</param>
public sealed record SealTraceOutput(int Spans, int Workers, string? Problem);

/// <summary>
/// The last step of a run: its spans so far (every step, every worker) sealed into forensic_trace.json. Telemetry
/// never fails the run it observes: a storage error is reported in the output, not thrown.
/// </summary>
public static class SealTraceActivity
{
    public static async Task<SealTraceOutput> RunAsync(SealTraceInput input, LifeCycleServices services, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        if (services.Trace is not { } trace)
        {
            return new SealTraceOutput(0, 0, "this host records no spans");
        }

        try
        {
            // The trace this step runs in: the run's own, or a meta's when the run is one of its sleeves.
            var current = System.Diagnostics.Activity.Current is { } a && a.TraceId != default ? a.TraceId.ToHexString() : null;
            var sealedTrace = await trace.SealAsync(input.RunId, clock.GetUtcNow(), cancellationToken, current).ConfigureAwait(false);
            return new SealTraceOutput(sealedTrace.SpanCount, sealedTrace.Workers.Count, null);
        }
        catch (StorageRequestException e)
        {
            return new SealTraceOutput(0, 0, e.GetType().Name + ": " + e.Message);
        }
    }
}
