using Microsoft.DurableTask;

namespace Tessera.Orchestrations.Trading;

/// <summary>Registers the market scan with a Durable Task registry (the local worker); functions/ wraps the same methods.</summary>
public static class MarketScanRegistration
{
    public static DurableTaskRegistry AddMarketScan(this DurableTaskRegistry registry, TradingServices services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestratorFunc<ScanInput, Tessera.Trading.Desk.ScanSummary>(TradingSteps.Orchestrator, (context, input) => MarketScanOrchestrator.RunAsync(context, input!))
            .AddActivityFunc<ScanInput, Tessera.Trading.Desk.ScanDecisions>(TradingSteps.Decide, (c, i) => MarketScanActivities.DecideAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ScanSubmitInput, Tessera.Trading.Desk.ScanSubmission>(TradingSteps.Submit, (c, i) => MarketScanActivities.SubmitAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ScanSummarizeInput, Tessera.Trading.Desk.ScanSummary>(TradingSteps.Summarize, (c, i) => MarketScanActivities.SummarizeAsync(i!, services, CancellationToken.None));
    }
}
