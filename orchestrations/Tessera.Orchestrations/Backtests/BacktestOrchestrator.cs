using Microsoft.DurableTask;
using Tessera.Orchestrations.Trading;

namespace Tessera.Orchestrations.Backtests;

/// <summary>
/// BacktestRun: compute (load the pinned universe, run the CLI's job, write its files as write-once artifacts) →
/// seal (manifest.json with the SHA-256 of every artifact). Both steps are safe to retry: artifacts are
/// content-checked on rewrite, and the computation is deterministic, so a retry writes the same bytes.
/// </summary>
public static class BacktestOrchestrator
{
    public static async Task<BacktestRunOutput> RunAsync(TaskOrchestrationContext context, BacktestRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus("computing");
        var computed = await context.CallActivityAsync<BacktestComputed>(BacktestSteps.Compute, input, MarketScanOrchestrator.SafeToRetry);
        context.SetCustomStatus("sealing");
        var output = await context.CallActivityAsync<BacktestRunOutput>(BacktestSteps.Seal, new BacktestSealInput(input, computed), MarketScanOrchestrator.SafeToRetry);
        context.SetCustomStatus("done");
        return output;
    }
}
