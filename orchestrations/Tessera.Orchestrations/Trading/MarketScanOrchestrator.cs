using Microsoft.DurableTask;
using Tessera.Core.Errors;
using Tessera.Trading.Desk;

namespace Tessera.Orchestrations.Trading;

/// <summary>
/// The market scan (issue 12 item 5) as a durable orchestration: decide (universe scan, signals, every decision through
/// the gates and into the ledger) → fan-out one submission activity per approved intent → fan-in → summary. Decisions
/// are made once and recorded in the history, so a replay (or a worker killed mid-scan) resubmits the same intents
/// with the same client order ids, which the order manager's idempotency turns into no-ops.
/// Submissions are never retried by the runtime: the order manager resolves an unclear POST by looking it up, and a
/// blind retry is exactly what the house rules forbid. Decide and summarize are safe to retry (no order is sent).
/// </summary>
public static class MarketScanOrchestrator
{
    public static TaskOptions SafeToRetry { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2.0)
        {
            HandleFailure = failure => !failure.IsCausedBy<TesseraValidationException>(),
        });

    public static async Task<ScanSummary> RunAsync(TaskOrchestrationContext context, ScanInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus("deciding");
        var decisions = await context.CallActivityAsync<ScanDecisions>(TradingSteps.Decide, input, SafeToRetry);
        context.SetCustomStatus($"submitting {decisions.Approved} order(s)");
        var submissions = new List<Task<ScanSubmission>>();
        foreach (var decision in decisions.Decisions)
        {
            if (decision.Decision.Intent is not null)
            {
                submissions.Add(context.CallActivityAsync<ScanSubmission>(TradingSteps.Submit, new ScanSubmitInput(decision)));
            }
        }

        var submitted = await Task.WhenAll(submissions);
        context.SetCustomStatus("summarizing");
        var summary = await context.CallActivityAsync<ScanSummary>(TradingSteps.Summarize, new ScanSummarizeInput(decisions, submitted, input.TraceId), SafeToRetry);
        context.SetCustomStatus("done");
        return summary;
    }
}
