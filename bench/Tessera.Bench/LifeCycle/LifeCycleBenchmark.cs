using System.Diagnostics;
using Tessera.Durable;
using Tessera.Durable.Local;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Storage.Local;
using Tessera.Storage.Tables;

namespace Tessera.Bench.LifeCycle;

/// <summary>
/// Wall time of whole atomic life cycles (every step, artifacts and history on Azurite) for the shipped
/// profiles: one warm-up run, then three measured runs each.
/// </summary>
public sealed class LifeCycleBenchmark : IBenchmark
{
    public string Name => "lifecycle";

    public string Description => "whole atomic life cycle (default and compact profiles) on the local engine over Azurite";

    public async Task RunAsync(BenchContext context)
    {
        await using var azurite = await AzuriteLauncher.StartAsync();
        var artifacts = new RunArtifactStore(new BlobStore(azurite.ConnectionString));
        var registry = new DurableRegistry().AddAtomicLifeCycle(new LifeCycleServices(artifacts));
        await using var engine = new DurableEngine(new TableStore(azurite.ConnectionString), registry, new DurableEngineOptions { TaskHubName = "benchlifecycle" });
        await engine.StartAsync();
        var catalog = ProfileCatalog.Locate();
        context.Out.WriteLine($"  storage: Azurite (in-memory) on 127.0.0.1; profiles from {catalog.Directory}");
        foreach (var name in new[] { "compact", "default" })
        {
            var profile = catalog.Get(name);
            await RunOnceAsync(engine, profile, $"bench-{name}-warmup");
            var seconds = new double[3];
            for (var i = 0; i < seconds.Length; i++)
            {
                var sw = Stopwatch.StartNew();
                await RunOnceAsync(engine, profile, $"bench-{name}-{i}");
                seconds[i] = sw.Elapsed.TotalSeconds;
            }

            Array.Sort(seconds);
            context.Out.WriteLine($"  profile {name}: {profile.Universe.Symbols} assets x {profile.Universe.Days} days, top {profile.Selection.TopN}, {profile.Optimization.Optimizers.Count} optimizers");
            context.Report($"{name} run, median of 3", seconds[1], "s");
            context.Report($"{name} run, best of 3", seconds[0], "s");
        }
    }

    private static async Task RunOnceAsync(DurableEngine engine, SleeveProfile profile, string runId)
    {
        await engine.ScheduleNewOrchestrationInstanceAsync(LifeCycleSteps.Orchestrator, new LifeCycleInput(runId, profile), runId);
        var final = await engine.WaitForInstanceCompletionAsync(runId);
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{runId} ended {final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}");
        }
    }
}
