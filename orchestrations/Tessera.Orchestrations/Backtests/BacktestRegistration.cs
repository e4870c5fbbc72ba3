using Microsoft.DurableTask;

namespace Tessera.Orchestrations.Backtests;

/// <summary>Registers BacktestRun with a Durable Task registry (the local worker); functions/ wraps the same methods.</summary>
public static class BacktestRegistration
{
    public static DurableTaskRegistry AddBacktestRun(this DurableTaskRegistry registry, BacktestServices services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestratorFunc<BacktestRunInput, BacktestRunOutput>(BacktestSteps.Orchestrator, (context, input) => BacktestOrchestrator.RunAsync(context, input!))
            .AddActivityFunc<BacktestRunInput, BacktestComputed>(BacktestSteps.Compute, (c, i) => BacktestActivities.ComputeAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<BacktestSealInput, BacktestRunOutput>(BacktestSteps.Seal, (c, i) => BacktestActivities.SealAsync(i!, services, CancellationToken.None));
    }
}
