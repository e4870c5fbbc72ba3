using Microsoft.DurableTask;
using Tessera.Orchestrations.LifeCycle.Activities;
using Tessera.Orchestrations.Telemetry;

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
            .AddActivityFunc<StepInput, FoundationOutput>(LifeCycleSteps.Foundation, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Foundation, i!.RunId, i.Profile.Name, () => FoundationActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<ArtifactStepInput, CandidatesOutput>(LifeCycleSteps.Recruitment, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Recruitment, i!.RunId, i.Profile.Name, () => RecruitmentActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<ArtifactStepInput, SelectionOutput>(LifeCycleSteps.Selection, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Selection, i!.RunId, i.Profile.Name, () => SelectionActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<ArtifactStepInput, CandidatesOutput>(LifeCycleSteps.Enrichment, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Enrichment, i!.RunId, i.Profile.Name, () => EnrichmentActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<SynthesisInput, SynthesisOutput>(LifeCycleSteps.Synthesis, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Synthesis, i!.RunId, i.Profile.Name, () => SynthesisActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<ArtifactStepInput, RegimeOutput>(LifeCycleSteps.Regime, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Regime, i!.RunId, i.Profile.Name, () => RegimeActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<OptimizeInput, OptimizerOutput>(LifeCycleSteps.Optimize, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Optimize, i!.RunId, i.Profile.Name, () => OptimizeActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<ChooseInput, ChoiceOutput>(LifeCycleSteps.Choose, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Choose, i!.RunId, i.Profile.Name, () => ChooseActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<FlattenInput, FlattenOutput>(LifeCycleSteps.Flatten, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Flatten, i!.RunId, i.Profile.Name, () => FlattenActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<ValidateInput, ValidationOutput>(LifeCycleSteps.Validate, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Validate, i!.RunId, i.Profile.Name, () => ValidateActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<ReportInput, ReportOutput>(LifeCycleSteps.Report, (c, i) => RunTrace.StepAsync(LifeCycleSteps.Report, i!.RunId, i.Profile.Name, () => ReportActivity.RunAsync(i, services, CancellationToken.None)))
            .AddActivityFunc<SealTraceInput, SealTraceOutput>(LifeCycleSteps.SealTrace, (c, i) => SealTraceActivity.RunAsync(i!, services, TimeProvider.System, CancellationToken.None));
    }
}
