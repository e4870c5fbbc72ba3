using Microsoft.DurableTask;
using Tessera.Orchestrations.LifeCycle.Activities;

namespace Tessera.Orchestrations.LifeCycle;

/// <summary>
/// Registers the atomic life cycle's orchestrator and activities with a Durable Task registry (the local worker).
/// functions/ wraps the same methods in [Function] triggers; the parity test checks the two name sets agree.
/// </summary>
public static class LifeCycleRegistration
{
    public static DurableTaskRegistry AddAtomicLifeCycle(this DurableTaskRegistry registry, LifeCycleServices services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestratorFunc<LifeCycleInput, LifeCycleOutput>(LifeCycleSteps.Orchestrator, (context, input) => AtomicLifeCycleOrchestrator.RunAsync(context, input!))
            .AddActivityFunc<StepInput, FoundationOutput>(LifeCycleSteps.Foundation, (c, i) => FoundationActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ArtifactStepInput, CandidatesOutput>(LifeCycleSteps.Recruitment, (c, i) => RecruitmentActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ArtifactStepInput, SelectionOutput>(LifeCycleSteps.Selection, (c, i) => SelectionActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ArtifactStepInput, CandidatesOutput>(LifeCycleSteps.Enrichment, (c, i) => EnrichmentActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<SynthesisInput, SynthesisOutput>(LifeCycleSteps.Synthesis, (c, i) => SynthesisActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ArtifactStepInput, RegimeOutput>(LifeCycleSteps.Regime, (c, i) => RegimeActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<OptimizeInput, OptimizerOutput>(LifeCycleSteps.Optimize, (c, i) => OptimizeActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ChooseInput, ChoiceOutput>(LifeCycleSteps.Choose, (c, i) => ChooseActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<FlattenInput, FlattenOutput>(LifeCycleSteps.Flatten, (c, i) => FlattenActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ValidateInput, ValidationOutput>(LifeCycleSteps.Validate, (c, i) => ValidateActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<ReportInput, ReportOutput>(LifeCycleSteps.Report, (c, i) => ReportActivity.RunAsync(i!, services, CancellationToken.None));
    }
}
