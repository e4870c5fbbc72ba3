using Tessera.Durable;
using Tessera.Orchestrations.LifeCycle.Activities;

namespace Tessera.Orchestrations.LifeCycle;

/// <summary>Registers the atomic life cycle's orchestrator and activities with a durable registry (local host).</summary>
public static class LifeCycleRegistration
{
    public static DurableRegistry AddAtomicLifeCycle(this DurableRegistry registry, LifeCycleServices services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<LifeCycleInput, LifeCycleOutput>(LifeCycleSteps.Orchestrator, AtomicLifeCycleOrchestrator.RunAsync)
            .AddActivity<StepInput, FoundationOutput>(LifeCycleSteps.Foundation, (i, c) => FoundationActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<ArtifactStepInput, CandidatesOutput>(LifeCycleSteps.Recruitment, (i, c) => RecruitmentActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<ArtifactStepInput, SelectionOutput>(LifeCycleSteps.Selection, (i, c) => SelectionActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<ArtifactStepInput, CandidatesOutput>(LifeCycleSteps.Enrichment, (i, c) => EnrichmentActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<SynthesisInput, SynthesisOutput>(LifeCycleSteps.Synthesis, (i, c) => SynthesisActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<ArtifactStepInput, RegimeOutput>(LifeCycleSteps.Regime, (i, c) => RegimeActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<OptimizeInput, OptimizerOutput>(LifeCycleSteps.Optimize, (i, c) => OptimizeActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<ChooseInput, ChoiceOutput>(LifeCycleSteps.Choose, (i, c) => ChooseActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<FlattenInput, FlattenOutput>(LifeCycleSteps.Flatten, (i, c) => FlattenActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<ValidateInput, ValidationOutput>(LifeCycleSteps.Validate, (i, c) => ValidateActivity.RunAsync(i, services, c.CancellationToken))
            .AddActivity<ReportInput, ReportOutput>(LifeCycleSteps.Report, (i, c) => ReportActivity.RunAsync(i, services, c.CancellationToken));
    }
}
