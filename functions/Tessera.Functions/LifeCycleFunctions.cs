using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.LifeCycle.Activities;

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
        FoundationActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Recruitment)]
    public Task<CandidatesOutput> Recruitment([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        RecruitmentActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Selection)]
    public Task<SelectionOutput> Selection([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        SelectionActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Enrichment)]
    public Task<CandidatesOutput> Enrichment([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        EnrichmentActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Synthesis)]
    public Task<SynthesisOutput> Synthesis([ActivityTrigger] SynthesisInput input, FunctionContext context) =>
        SynthesisActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Regime)]
    public Task<RegimeOutput> Regime([ActivityTrigger] ArtifactStepInput input, FunctionContext context) =>
        RegimeActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Optimize)]
    public Task<OptimizerOutput> Optimize([ActivityTrigger] OptimizeInput input, FunctionContext context) =>
        OptimizeActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Choose)]
    public Task<ChoiceOutput> Choose([ActivityTrigger] ChooseInput input, FunctionContext context) =>
        ChooseActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Flatten)]
    public Task<FlattenOutput> Flatten([ActivityTrigger] FlattenInput input, FunctionContext context) =>
        FlattenActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Validate)]
    public Task<ValidationOutput> Validate([ActivityTrigger] ValidateInput input, FunctionContext context) =>
        ValidateActivity.RunAsync(input, services, context.CancellationToken);

    [Function(LifeCycleSteps.Report)]
    public Task<ReportOutput> Report([ActivityTrigger] ReportInput input, FunctionContext context) =>
        ReportActivity.RunAsync(input, services, context.CancellationToken);
}
