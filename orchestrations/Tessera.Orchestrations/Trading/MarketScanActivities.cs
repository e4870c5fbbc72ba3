using Tessera.Trading.Desk;

namespace Tessera.Orchestrations.Trading;

/// <summary>The scan's activities: each opens the desk and calls one step of Tessera.Trading.</summary>
public static class MarketScanActivities
{
    public static async Task<ScanDecisions> DecideAsync(ScanInput input, TradingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var desk = await services.OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        return await ScanRunner.DecideAsync(desk, input.Slot, input.TraceId, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ScanSubmission> SubmitAsync(ScanSubmitInput input, TradingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var desk = await services.OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        return await ScanSubmissions.SubmitAsync(desk, input.Decision, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ScanSummary> SummarizeAsync(ScanSummarizeInput input, TradingServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var desk = await services.OpenDeskAsync(cancellationToken).ConfigureAwait(false);
        return await ScanSubmissions.SummarizeAsync(desk, input.Decisions, input.Submissions, input.TraceId, cancellationToken).ConfigureAwait(false);
    }
}
