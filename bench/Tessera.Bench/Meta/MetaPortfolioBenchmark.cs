using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Bench.LifeCycle;
using Tessera.Core;
using Tessera.Local.Durable;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Blobs;
using Tessera.Storage.Local;

namespace Tessera.Bench.Meta;

/// <summary>
/// Wall time of a meta portfolio of 16 sleeves (8 LONG, 8 SHORT: the four shipped one-direction sleeve profiles, each on
/// four synthetic markets of different seeds) on the embedded durable runtime (<see cref="EmbeddedDurableOptions.Local"/>)
/// over an in-memory Azurite, and the share of it spent in orchestration rather than in activity compute. Activity
/// compute is measured by the worker's execution spans over all 17 instances (the meta and its 16 sleeve life cycles).
/// The machine's cores bound how much of that compute can overlap, so the share is 1 - floor / wall with
/// floor = max(critical path, total compute / min(cores, max concurrent activities)); the meta's own phase (from the
/// last sleeve's completion to the meta's) is reported separately with its stages' compute.
/// </summary>
public sealed class MetaPortfolioBenchmark : IBenchmark
{
    private const string TaskHub = "BenchMeta";
    private const int Sleeves = 16;
    private const int Measured = 2;

    public string Name => "meta";

    public string Description => "meta portfolio of 16 sleeves (sub-orchestrations) on the embedded Durable Task runtime over Azurite: wall time and orchestration share";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var spans = new ActivitySpans();
        await using var azurite = await AzuriteLauncher.StartAsync();
        var blobs = new BlobStore(azurite.ConnectionString);
        await blobs.CreateContainerIfNotExistsAsync(RunArtifactStore.Container);
        var services = new LifeCycleServices(new RunArtifactStore(blobs));
        var options = EmbeddedDurableOptions.Local with { TaskHubName = TaskHub };
        await using var runtime = await EmbeddedDurableRuntime.StartAsync(
            azurite.ConnectionString, registry => registry.AddAtomicLifeCycle(services).AddMetaPortfolio(services), options);
        var catalog = ProfileCatalog.Locate();
        var plan = Plan(catalog);
        var lanes = Math.Min(Environment.ProcessorCount, options.MaxConcurrentActivities);
        context.Out.WriteLine($"  load average before: {LoadAverage()}");
        context.Out.WriteLine($"  meta: {Sleeves} sleeves ({plan.Sleeves.Count(s => s.Side == Side.Long)} LONG, {plan.Sleeves.Count(s => s.Side == Side.Short)} SHORT), each a life cycle of {plan.Sleeves[0].Profile!.Universe.Symbols} assets x {plan.Sleeves[0].Profile!.Universe.Days} days, top {plan.Sleeves[0].Profile!.Selection.TopN}, {plan.Sleeves[0].Profile!.Optimization.Optimizers.Count} optimizers; meta optimizer {plan.Optimizer.Name}");
        context.Out.WriteLine($"  runtime: EmbeddedDurableOptions.Local, max concurrent activities {options.MaxConcurrentActivities}, max concurrent orchestrations {options.MaxConcurrentOrchestrations}; {Environment.ProcessorCount} cores -> {lanes} compute lanes");

        var warm = await RunOnceAsync(runtime, spans, plan with { Sleeves = [.. plan.Sleeves.Take(4)] }, "bench-meta-warmup", lanes);
        context.Out.WriteLine($"  warm-up (4 sleeves): {warm.Wall.TotalSeconds:F2} s (not measured)");
        var runs = new List<MetaTiming>();
        for (var i = 0; i < Measured; i++)
        {
            var run = await RunOnceAsync(runtime, spans, plan, "bench-meta-" + i.ToString(CultureInfo.InvariantCulture), lanes);
            runs.Add(run);
            context.Out.WriteLine($"  run {i + 1}: wall {run.Wall.TotalSeconds:F2} s; sleeves phase {run.SleevesPhase.TotalSeconds:F2} s; meta phase {run.MetaPhase.TotalSeconds:F3} s; activity compute {run.Compute.TotalSeconds:F2} s in {run.Activities} activities; floor {run.Floor.TotalSeconds:F2} s; orchestration share {run.OrchestrationShare:P1}; load average {run.LoadAfter}");
        }

        var median = runs.OrderBy(r => r.Wall).ElementAt(runs.Count / 2);
        var label = $"(median of {Measured.ToString(CultureInfo.InvariantCulture)})";
        context.Report($"meta 16 sleeves wall {label}", median.Wall.TotalSeconds, "s");
        context.Report($"meta 16 sleeves activity compute, all 17 instances {label}", median.Compute.TotalSeconds, "s");
        context.Report($"meta 16 sleeves compute-bound floor on {lanes} lanes {label}", median.Floor.TotalSeconds, "s");
        context.Report($"meta 16 sleeves orchestration share {label}", median.OrchestrationShare * 100, "% of wall");
        context.Report($"meta phase after the last sleeve {label}", median.MetaPhase.TotalMilliseconds, "ms");
        context.Report($"meta phase stages' compute {label}", median.MetaCompute.TotalMilliseconds, "ms");
        context.Report($"meta phase orchestration share {label}", median.MetaPhaseShare * 100, "% of the meta phase");
        context.Out.WriteLine($"  load average after: {LoadAverage()}");
    }

    /// <summary>The four shipped one-direction sleeves on four seeds each: 16 distinct sleeves.</summary>
    private static MetaPlan Plan(ProfileCatalog catalog)
    {
        var sleeves = new List<PlannedSleeve>(Sleeves);
        string[] profiles = ["us_long_top15", "us_short_bottom15", "us_long_breakout", "us_short_rsi2"];
        for (var seed = 0; seed < Sleeves / profiles.Length; seed++)
        {
            foreach (var name in profiles)
            {
                var p = catalog.Get(name);
                p = p with { Name = $"{name}_s{seed}", Universe = p.Universe with { Seed = p.Universe.Seed + (ulong)seed } };
                sleeves.Add(new PlannedSleeve(p.Name, name.Contains("short", StringComparison.Ordinal) ? Side.Short : Side.Long, 1.0, Profile: p));
            }
        }

        return new MetaPlan("bench16", Tessera.Core.Portfolio.Allocation.Optimizer.Erc, 0.05, false, sleeves);
    }

    private static async Task<MetaTiming> RunOnceAsync(EmbeddedDurableRuntime runtime, ActivitySpans spans, MetaPlan plan, string runId, int lanes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var sw = Stopwatch.StartNew();
        var scheduled = DateTime.UtcNow;
        await runtime.Client.ScheduleNewOrchestrationInstanceAsync(MetaSteps.Orchestrator, new MetaInput(runId, plan), new StartOrchestrationOptions(runId), timeout.Token);
        var final = await runtime.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token);
        var wall = sw.Elapsed;
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{runId} ended {final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}");
        }

        await Task.Delay(200); // the worker closes its last spans just after handing results over
        var lastSleeve = DateTimeOffset.MinValue;
        var compute = TimeSpan.Zero;
        var activities = 0;
        var longestSleeve = TimeSpan.Zero;
        foreach (var s in plan.Sleeves)
        {
            var childId = SleeveRunIds.Of(runId, s.Name);
            var child = await runtime.Client.GetInstanceAsync(childId, getInputsAndOutputs: false, timeout.Token) ?? throw new InvalidOperationException("sleeve run missing: " + childId);
            lastSleeve = child.LastUpdatedAt > lastSleeve ? child.LastUpdatedAt : lastSleeve;
            var childSpans = spans.Of(childId);
            activities += childSpans.Count;
            var sum = childSpans.Aggregate(TimeSpan.Zero, (t, x) => t + x.Duration);
            compute += sum;
            longestSleeve = sum > longestSleeve ? sum : longestSleeve; // a sleeve's own activities bound its length from below
        }

        var metaSpans = spans.Of(runId);
        var metaCompute = metaSpans.Aggregate(TimeSpan.Zero, (t, x) => t + x.Duration);
        var resolveMax = metaSpans.Where(x => x.Name == MetaSteps.ResolveSleeve).Select(x => x.Duration).DefaultIfEmpty().Max();
        var metaCritical = metaSpans.Where(x => x.Name != MetaSteps.ResolveSleeve).Aggregate(resolveMax, (t, x) => t + x.Duration);
        compute += metaCompute;
        activities += metaSpans.Count;
        var completedAt = new DateTimeOffset(scheduled) + wall;
        var metaPhase = completedAt - lastSleeve;
        var floor = TimeSpan.FromTicks(Math.Max((longestSleeve + metaCritical).Ticks, compute.Ticks / lanes));
        return new MetaTiming(wall, lastSleeve - new DateTimeOffset(scheduled), metaPhase, compute, metaCritical, activities, floor, LoadAverage());
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unavailable";
        }
    }

    private sealed record MetaTiming(TimeSpan Wall, TimeSpan SleevesPhase, TimeSpan MetaPhase, TimeSpan Compute, TimeSpan MetaCompute, int Activities, TimeSpan Floor, string LoadAfter)
    {
        public double OrchestrationShare => Math.Max(0, 1 - (Floor / Wall));

        public double MetaPhaseShare => MetaPhase > TimeSpan.Zero ? Math.Max(0, 1 - (MetaCompute / MetaPhase)) : 0;
    }
}
