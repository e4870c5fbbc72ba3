using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Bench.Durable;
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
/// over an in-memory Azurite, and the share of it spent in orchestration: the share of the wall time during which no
/// activity of the 17 instances (the meta and its 16 sleeve life cycles) was executing, from the worker's activity
/// execution spans (dispatch, queue polling, history, sub-orchestration start and completion are all the runtime had to
/// do then). Activity spans overlap (up to 10 concurrent activities on the machine's cores), so their sum is not CPU:
/// the process's and Azurite's CPU time are reported beside it. The meta's own phase (from the last sleeve's
/// completion to the meta's) gets the same share over its stages.
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
        context.Out.WriteLine($"  load average before: {LoadAverage()}");
        context.Out.WriteLine($"  meta: {Sleeves} sleeves ({plan.Sleeves.Count(s => s.Side == Side.Long)} LONG, {plan.Sleeves.Count(s => s.Side == Side.Short)} SHORT), each a life cycle of {plan.Sleeves[0].Profile!.Universe.Symbols} assets x {plan.Sleeves[0].Profile!.Universe.Days} days, top {plan.Sleeves[0].Profile!.Selection.TopN}, {plan.Sleeves[0].Profile!.Optimization.Optimizers.Count} optimizers; meta optimizer {plan.Optimizer.Name}");
        context.Out.WriteLine($"  runtime: EmbeddedDurableOptions.Local, max concurrent activities {options.MaxConcurrentActivities}, max concurrent orchestrations {options.MaxConcurrentOrchestrations}; {Environment.ProcessorCount} cores");
        using var cpu = ProcessCpu.Find();

        var warm = await RunOnceAsync(runtime, spans, plan with { Sleeves = [.. plan.Sleeves.Take(4)] }, "bench-meta-warmup", cpu);
        context.Out.WriteLine($"  warm-up (4 sleeves): {warm.Wall.TotalSeconds:F2} s (not measured)");
        var runs = new List<MetaTiming>();
        for (var i = 0; i < Measured; i++)
        {
            var run = await RunOnceAsync(runtime, spans, plan, "bench-meta-" + i.ToString(CultureInfo.InvariantCulture), cpu);
            runs.Add(run);
            context.Out.WriteLine($"  run {i + 1}: wall {run.Wall.TotalSeconds:F2} s; sleeves phase {run.SleevesPhase.TotalSeconds:F2} s; meta phase {run.MetaPhase.TotalSeconds:F3} s; {run.Activities} activities, spans sum {run.SpanSum.TotalSeconds:F1} s, some activity running {run.ActivityCovered.TotalSeconds:F2} s of the wall; orchestration-only share {run.OrchestrationShare:P1}; meta phase orchestration-only share {run.MetaPhaseShare:P1}; CPU (process + Azurite) {run.Cpu.TotalSeconds:F1} s; load average {run.LoadAfter}");
        }

        var median = runs.OrderBy(r => r.Wall).ElementAt(runs.Count / 2);
        var label = $"(median of {Measured.ToString(CultureInfo.InvariantCulture)})";
        context.Report($"meta 16 sleeves wall {label}", median.Wall.TotalSeconds, "s");
        context.Report($"meta 16 sleeves, wall with at least one activity running {label}", median.ActivityCovered.TotalSeconds, "s");
        context.Report($"meta 16 sleeves orchestration-only share (no activity running) {label}", median.OrchestrationShare * 100, "% of wall");
        context.Report($"meta 16 sleeves CPU, process + Azurite {label}", median.Cpu.TotalSeconds, "s");
        context.Report($"meta phase after the last sleeve {label}", median.MetaPhase.TotalMilliseconds, "ms");
        context.Report($"meta phase orchestration-only share {label}", median.MetaPhaseShare * 100, "% of the meta phase");
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

    private static async Task<MetaTiming> RunOnceAsync(EmbeddedDurableRuntime runtime, ActivitySpans spans, MetaPlan plan, string runId, ProcessCpu cpu)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var cpuBefore = cpu.Now();
        var sw = Stopwatch.StartNew();
        var scheduled = DateTime.UtcNow;
        await runtime.Client.ScheduleNewOrchestrationInstanceAsync(MetaSteps.Orchestrator, new MetaInput(runId, plan), new StartOrchestrationOptions(runId), timeout.Token);
        var final = await runtime.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token);
        var wall = sw.Elapsed;
        var cpuAfter = cpu.Now();
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{runId} ended {final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}");
        }

        await Task.Delay(200); // the worker closes its last spans just after handing results over
        var all = new List<ActivitySpan>();
        var lastSleeve = DateTime.MinValue;
        foreach (var s in plan.Sleeves)
        {
            var childId = SleeveRunIds.Of(runId, s.Name);
            var child = await runtime.Client.GetInstanceAsync(childId, getInputsAndOutputs: false, timeout.Token) ?? throw new InvalidOperationException("sleeve run missing: " + childId);
            lastSleeve = child.LastUpdatedAt.UtcDateTime > lastSleeve ? child.LastUpdatedAt.UtcDateTime : lastSleeve;
            all.AddRange(spans.Of(childId));
        }

        var metaSpans = spans.Of(runId);
        all.AddRange(metaSpans);
        var end = scheduled + wall;
        return new MetaTiming(
            wall,
            lastSleeve - scheduled,
            end - lastSleeve,
            all.Count,
            all.Aggregate(TimeSpan.Zero, (t, x) => t + x.Duration),
            Covered(all, scheduled, end),
            Covered(metaSpans, lastSleeve, end),
            (cpuAfter.Self - cpuBefore.Self) + (cpuAfter.Azurite - cpuBefore.Azurite),
            LoadAverage());
    }

    /// <summary>How much of [from, to] at least one of the spans covers (the union of their intervals).</summary>
    private static TimeSpan Covered(IReadOnlyList<ActivitySpan> spans, DateTime from, DateTime to)
    {
        var intervals = spans.Select(x => (Start: x.StartUtc < from ? from : x.StartUtc, End: x.EndUtc > to ? to : x.EndUtc)).Where(x => x.End > x.Start).OrderBy(x => x.Start).ToList();
        var covered = TimeSpan.Zero;
        var cursor = from;
        foreach (var (start, end) in intervals)
        {
            var s = start > cursor ? start : cursor;
            if (end > s)
            {
                covered += end - s;
                cursor = end;
            }
        }

        return covered;
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

    /// <param name="SpanSum">sum of every activity's execution span: includes time the activity waited for a core, so it exceeds the CPU it used when activities overlap.</param>
    /// <param name="ActivityCovered">wall time during which at least one activity of the 17 instances was executing.</param>
    /// <param name="MetaCovered">time of the meta phase during which one of the meta's own activities was executing.</param>
    /// <param name="Cpu">CPU time of this process (runtime, worker, activities) and of Azurite during the run.</param>
    private sealed record MetaTiming(TimeSpan Wall, TimeSpan SleevesPhase, TimeSpan MetaPhase, int Activities, TimeSpan SpanSum, TimeSpan ActivityCovered, TimeSpan MetaCovered, TimeSpan Cpu, string LoadAfter)
    {
        /// <summary>Share of the wall time in which no activity ran anywhere: the runtime was only orchestrating (dispatch, queues, history, sub-orchestration start and completion).</summary>
        public double OrchestrationShare => 1 - (ActivityCovered / Wall);

        /// <summary>The same over the meta phase, for the meta's own stages.</summary>
        public double MetaPhaseShare => MetaPhase > TimeSpan.Zero ? 1 - (MetaCovered / MetaPhase) : 0;
    }
}
