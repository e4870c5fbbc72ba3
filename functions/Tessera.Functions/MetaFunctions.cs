using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Meta.Activities;

namespace Tessera.Functions;

/// <summary>
/// The meta portfolio on Durable Functions: the orchestrator and one wrapper per activity, each a call into the code
/// the local worker registers (MetaRegistration), no logic of its own. Its sleeves run LifeCycleFunctions' orchestrator.
/// </summary>
public sealed class MetaFunctions(LifeCycleServices services)
{
    [Function(MetaSteps.Orchestrator)]
    public static Task<MetaOutput> MetaPortfolio([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MetaPortfolioOrchestrator.RunAsync(context, context.GetInput<MetaInput>()!);
    }

    [Function(MetaSteps.ResolveSleeve)]
    public Task<SleeveResolution> ResolveSleeve([ActivityTrigger] ResolveSleeveInput input, FunctionContext context) =>
        ResolveSleeveActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.Completeness)]
    public Task<GateOutput> Completeness([ActivityTrigger] CompletenessInput input, FunctionContext context) =>
        CompletenessActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.SignTestPre)]
    public Task<GateOutput> SignTestPre([ActivityTrigger] SleeveStreamsInput input, FunctionContext context) =>
        SignTestPreActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.Aggregate)]
    public Task<AggregateOutput> Aggregate([ActivityTrigger] SleeveStreamsInput input, FunctionContext context) =>
        AggregateActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.Optimize)]
    public Task<MetaOptimizeOutput> Optimize([ActivityTrigger] MetaOptimizeInput input, FunctionContext context) =>
        MetaOptimizeActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.SignTestPost)]
    public Task<GateOutput> SignTestPost([ActivityTrigger] SignTestPostInput input, FunctionContext context) =>
        SignTestPostActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.Flatten)]
    public Task<MetaFlattenOutput> Flatten([ActivityTrigger] MetaFlattenInput input, FunctionContext context) =>
        MetaFlattenActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.Report)]
    public Task<MetaReportOutput> Report([ActivityTrigger] MetaReportInput input, FunctionContext context) =>
        MetaReportActivity.RunAsync(input, services, context.CancellationToken);

    [Function(MetaSteps.Abort)]
    public Task<ArtifactRecord> Abort([ActivityTrigger] MetaAbortInput input, FunctionContext context) =>
        MetaAbortActivity.RunAsync(input, services, context.CancellationToken);
}
