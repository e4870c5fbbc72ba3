using Microsoft.DurableTask;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta.Activities;
using Tessera.Orchestrations.Stages;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// Registers the meta portfolio's orchestrator and activities (the local worker); functions/MetaFunctions wraps the
/// same methods. The atomic life cycle must be registered too: the meta runs it as a sub-orchestration.
/// </summary>
public static class MetaRegistration
{
    public static DurableTaskRegistry AddMetaPortfolio(this DurableTaskRegistry registry, LifeCycleServices services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestratorFunc<MetaInput, MetaOutput>(MetaSteps.Orchestrator, (context, input) => MetaPortfolioOrchestrator.RunAsync(context, input!))
            .AddActivityFunc<ResolveSleeveInput, SleeveResolution>(MetaStages.ResolveSleeve.Name, (c, i) => ResolveSleeveActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<CompletenessInput, GateOutput>(MetaStages.Completeness.Name, (c, i) => CompletenessActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<SleeveStreamsInput, GateOutput>(MetaStages.SignTestPre.Name, (c, i) => SignTestPreActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<SleeveStreamsInput, AggregateOutput>(MetaStages.Aggregate.Name, (c, i) => AggregateActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<MetaOptimizeInput, MetaOptimizeOutput>(MetaStages.Optimize.Name, (c, i) => MetaOptimizeActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<SignTestPostInput, GateOutput>(MetaStages.SignTestPost.Name, (c, i) => SignTestPostActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<MetaFlattenInput, MetaFlattenOutput>(MetaStages.Flatten.Name, (c, i) => MetaFlattenActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<MetaReportInput, MetaReportOutput>(MetaStages.Report.Name, (c, i) => MetaReportActivity.RunAsync(i!, services, CancellationToken.None))
            .AddActivityFunc<MetaAbortInput, ArtifactRecord>(MetaStages.Abort.Name, (c, i) => MetaAbortActivity.RunAsync(i!, services, CancellationToken.None));
    }
}
