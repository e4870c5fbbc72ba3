using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.LifeCycle.Activities;
using Tessera.Orchestrations.Telemetry;

namespace Tessera.Functions;

/// <summary>
/// The atomic life cycle on Durable Functions: the orchestrator and one wrapper per activity, each a call into the
/// code the local worker registers (LifeCycleRegistration), no logic of its own.
/// </summary>
public sealed class LifeCycleFunctions(LifeCycleServices services)
{
    [Function(LifeCycleSteps.Orchestrator)]
    public static Task<LifeCycleOutput> AtomicLifeCycle([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AtomicLifeCycleOrchestrator.RunAsync(context, context.GetInput<LifeCycleInput>()!);
    }

    [Function(LifeCycleSteps.Foundation)]
    public Task<FoundationOutput> Foundation([ActivityTrigger] StepInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Foundation, input.RunId, input.Profile.Name, () => FoundationActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Recruitment)]
    public Task<CandidatesOutput> Recruitment([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Recruitment, input.RunId, input.Profile.Name, () => RecruitmentActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Selection)]
    public Task<SelectionOutput> Selection([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Selection, input.RunId, input.Profile.Name, () => SelectionActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Enrichment)]
    public Task<CandidatesOutput> Enrichment([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Enrichment, input.RunId, input.Profile.Name, () => EnrichmentActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Synthesis)]
    public Task<SynthesisOutput> Synthesis([ActivityTrigger] SynthesisInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Synthesis, input.RunId, input.Profile.Name, () => SynthesisActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Regime)]
    public Task<RegimeOutput> Regime([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Regime, input.RunId, input.Profile.Name, () => RegimeActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Optimize)]
    public Task<OptimizerOutput> Optimize([ActivityTrigger] OptimizeInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Optimize, input.RunId, input.Profile.Name, () => OptimizeActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Choose)]
    public Task<ChoiceOutput> Choose([ActivityTrigger] ChooseInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Choose, input.RunId, input.Profile.Name, () => ChooseActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Flatten)]
    public Task<FlattenOutput> Flatten([ActivityTrigger] FlattenInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Flatten, input.RunId, input.Profile.Name, () => FlattenActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Validate)]
    public Task<ValidationOutput> Validate([ActivityTrigger] ValidateInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Validate, input.RunId, input.Profile.Name, () => ValidateActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.Report)]
    public Task<ReportOutput> Report([ActivityTrigger] ReportInput input, FunctionContext context) =>
        RunTrace.StepAsync(LifeCycleSteps.Report, input.RunId, input.Profile.Name, () => ReportActivity.RunAsync(input, services, context.CancellationToken));

    [Function(LifeCycleSteps.SealTrace)]
    public Task<SealTraceOutput> SealTrace([ActivityTrigger] SealTraceInput input, FunctionContext context) =>
        SealTraceActivity.RunAsync(input, services, TimeProvider.System, context.CancellationToken);
}
