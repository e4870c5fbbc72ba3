using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Tessera.Core.Data.Import;
using Tessera.Local.Durable;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Universe;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;
using Tessera.Storage.Local;
using Tessera.Testing;

namespace Tessera.Bench.LifeCycle;

/// <summary>
/// Wall time of whole atomic life cycles on the embedded durable runtime (Durable Task gRPC sidecar over the DTFx Azure
/// Storage backend, <see cref="EmbeddedDurableOptions.Local"/>), every artifact, queue message and history row on an
/// in-memory Azurite: compact and default (one warm-up, three measured runs each) and, when the S&amp;P 500 file is
/// there, a lakehouse profile over all its symbols. For each run, the orchestration overhead share:
/// 1 - (critical path of activity compute) / wall, activity compute measured by the worker's trace spans
/// (<see cref="ActivitySpans"/>).
/// </summary>
public sealed partial class LifeCycleBenchmark : IBenchmark
{
    private const string SpFile = "sp500-daily-2013-2018.csv.gz";
    private const string TaskHub = "BenchLifeCycle";
    private const int Measured = 3;

    /// <summary>Above this warm-up wall time the large case is measured once instead of three times.</summary>
    private static readonly TimeSpan LargeRepeatBudget = TimeSpan.FromSeconds(90);

    public string Name => "lifecycle";

    public string Description => "whole atomic life cycle (compact, default, 505-asset lakehouse) on the embedded Durable Task runtime over Azurite, with the orchestration overhead share";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var spans = new ActivitySpans();
        await using var azurite = await AzuriteLauncher.StartAsync();
        var blobs = new BlobStore(azurite.ConnectionString);
        await blobs.CreateContainerIfNotExistsAsync(RunArtifactStore.Container);
        var lakehouse = new Lakehouse(blobs, TimeProvider.System);
        await lakehouse.InitializeAsync();
        var services = new LifeCycleServices(new RunArtifactStore(blobs), lakehouse);
        var options = EmbeddedDurableOptions.Local with { TaskHubName = TaskHub };
        await using var runtime = await EmbeddedDurableRuntime.StartAsync(
            azurite.ConnectionString, registry => registry.AddAtomicLifeCycle(services), options);

        var catalog = ProfileCatalog.Locate();
        context.Out.WriteLine($"  storage: Azurite (in-memory) on 127.0.0.1; task hub {TaskHub}; profiles from {catalog.Directory}");
        context.Out.WriteLine($"  runtime: EmbeddedDurableOptions.Local: {options.PartitionCount} partition, max queue polling {options.MaxQueuePollingInterval.TotalMilliseconds:F0} ms, max concurrent activities {options.MaxConcurrentActivities}");
        context.Out.WriteLine($"  activity compute: spans 'activity:<name>' of ActivitySource '{ActivitySpans.SourceName}' (Durable Task worker); overhead = 1 - critical path / wall");

        foreach (var name in new[] { "compact", "default" })
        {
            await MeasureAsync(context, runtime, spans, catalog.Get(name), snapshot: null, Measured);
        }

        var path = SharedData.TryPath(SpFile);
        if (path is null)
        {
            context.Out.WriteLine($"  NOTICE: the 505-asset lakehouse case is SKIPPED: ../shared/data/{SpFile} not found");
            return;
        }

        var import = Stopwatch.StartNew();
        var files = BarFiles.Read(path, ImportMode.Lenient);
        var outcome = await lakehouse.ImportAsync(new LakehouseImportRequest(files.Series, SpFile) { SourceSha256 = files.SourceSha256 });
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException("lakehouse import failed: " + string.Join("; ", outcome.Failures));
        }

        var snapshot = await SnapshotPin.CurrentAsync(lakehouse, CancellationToken.None);
        var symbols = (await lakehouse.OpenSnapshotAsync()).Symbols.Count;
        context.Out.WriteLine($"  data: {SpFile}: {files.RowsAccepted:N0} rows, {symbols} symbols imported into the lakehouse (version {outcome.Version}) in {import.Elapsed.TotalSeconds:F1} s (not measured)");
        var large = LargeProfile(catalog, symbols);
        await MeasureAsync(context, runtime, spans, large, snapshot, measured: 0);
    }

    /// <summary>The shipped lakehouse profile with its universe raised to every symbol of the lakehouse.</summary>
    private static SleeveProfile LargeProfile(ProfileCatalog catalog, int symbols)
    {
        var name = $"lakehouse{symbols.ToString(CultureInfo.InvariantCulture)}";
        var yaml = File.ReadAllText(Path.Combine(catalog.Directory, "lakehouse.yaml"));
        yaml = NameLine().Replace(yaml, "name: " + name, 1);
        yaml = SymbolsLine().Replace(yaml, "${indent}symbols: " + symbols.ToString(CultureInfo.InvariantCulture), 1);
        var profile = ProfileCatalog.Parse(yaml, name);
        return profile.Universe.Symbols == symbols && string.Equals(profile.Name, name, StringComparison.Ordinal)
            ? profile
            : throw new InvalidOperationException("could not raise the lakehouse profile's symbols: the YAML layout changed");
    }

    /// <param name="measured">0: three if the warm-up took less than <see cref="LargeRepeatBudget"/>, else one.</param>
    private static async Task MeasureAsync(BenchContext context, EmbeddedDurableRuntime runtime, ActivitySpans spans, SleeveProfile profile, SnapshotLineage? snapshot, int measured)
    {
        var name = profile.Name;
        context.Out.WriteLine($"  profile {name}: {profile.Universe.Source} universe, {profile.Universe.Symbols} assets x {profile.Universe.Days} days, top {profile.Selection.TopN}, logics {string.Join("+", profile.Synthesis.Logics)}, {profile.Optimization.Optimizers.Count} optimizers");
        var warmUp = await RunOnceAsync(runtime, spans, profile, snapshot, $"bench-{name}-warmup");
        context.Out.WriteLine($"  {name} warm-up: {warmUp.Wall.TotalSeconds:F2} s (not measured)");
        if (measured == 0)
        {
            measured = warmUp.Wall < LargeRepeatBudget ? Measured : 1;
        }

        var runs = new List<RunTiming>(measured);
        for (var i = 0; i < measured; i++)
        {
            var run = await RunOnceAsync(runtime, spans, profile, snapshot, $"bench-{name}-{i.ToString(CultureInfo.InvariantCulture)}");
            runs.Add(run);
            context.Out.WriteLine($"  {name} run {i + 1}: wall {run.Wall.TotalSeconds:F3} s, critical path {run.CriticalPath.TotalSeconds:F3} s, overhead {run.OverheadShare:P1}");
        }

        var byWall = runs.OrderBy(r => r.Wall).ToList();
        var median = byWall[byWall.Count / 2];
        var label = $"of {measured.ToString(CultureInfo.InvariantCulture)}";
        context.Report($"{name} run, median {label}", median.Wall.TotalSeconds, "s");
        context.Report($"{name} run, best {label}", byWall[0].Wall.TotalSeconds, "s");
        context.Report($"{name} critical path of activity compute (median run)", median.CriticalPath.TotalSeconds, "s");
        context.Report($"{name} orchestration overhead (median run)", (median.Wall - median.CriticalPath).TotalSeconds, "s");
        context.Report($"{name} orchestration overhead share (median run)", median.OverheadShare * 100, "% of wall");
        context.Out.WriteLine($"  {name} orchestration overhead share, range over the measured runs: {runs.Min(r => r.OverheadShare):P1} .. {runs.Max(r => r.OverheadShare):P1}");
        PrintSteps(context, runs[^1]);
    }

    private static async Task<RunTiming> RunOnceAsync(EmbeddedDurableRuntime runtime, ActivitySpans spans, SleeveProfile profile, SnapshotLineage? snapshot, string runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var scheduledAt = DateTime.UtcNow;
        var sw = Stopwatch.StartNew();
        await runtime.Client.ScheduleNewOrchestrationInstanceAsync(LifeCycleSteps.Orchestrator, new LifeCycleInput(runId, profile, snapshot), new StartOrchestrationOptions(runId), timeout.Token);
        var final = await runtime.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token);
        var wall = sw.Elapsed;
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{runId} ended {final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}");
        }

        var (completed, optimizers) = await ReadHistoryAsync(runtime, runId);

        // The worker closes an activity's execution span right after handing the result to the sidecar, long before the
        // orchestration can complete; wait briefly all the same until there is one span per recorded result.
        var steps = spans.Of(runId);
        for (var wait = Stopwatch.StartNew(); steps.Count < completed && wait.Elapsed < TimeSpan.FromSeconds(5); steps = spans.Of(runId))
        {
            await Task.Delay(20);
        }

        if (steps.Count < completed)
        {
            throw new InvalidOperationException($"{steps.Count} activity execution spans recorded for {runId}, but its history holds {completed} results: the worker did not emit its '{ActivitySpans.SourceName}' activity spans");
        }

        return new RunTiming(runId, scheduledAt, wall, final.LastUpdatedAt - final.CreatedAt, steps, optimizers);
    }

    /// <summary>
    /// From the instance's recorded history: how many activity results (TaskCompleted, TaskFailed) it holds, and the
    /// TaskId → optimizer name of its Optimize activities, read from the TaskScheduled events' inputs.
    /// </summary>
    private static async Task<(int Completed, IReadOnlyDictionary<int, string> Optimizers)> ReadHistoryAsync(EmbeddedDurableRuntime runtime, string runId)
    {
        var names = new Dictionary<int, string>();
        var completed = 0;
        using var history = JsonDocument.Parse(await runtime.Backend.GetOrchestrationHistoryAsync(runId, null));
        foreach (var e in history.RootElement.EnumerateArray())
        {
            var type = e.GetProperty("EventType");
            var eventType = type.ValueKind == JsonValueKind.Number ? (EventType)type.GetInt32() : Enum.Parse<EventType>(type.GetString()!);
            if (eventType is EventType.TaskCompleted or EventType.TaskFailed)
            {
                completed++;
            }

            if (eventType != EventType.TaskScheduled
                || !e.TryGetProperty("Name", out var n) || !string.Equals(n.GetString(), LifeCycleSteps.Optimize, StringComparison.Ordinal)
                || !e.TryGetProperty("Input", out var input) || input.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            try
            {
                if (FindOptimizer(input.GetString()!) is { } optimizer)
                {
                    names[e.GetProperty("EventId").GetInt32()] = optimizer;
                }
            }
            catch (JsonException)
            {
                // Input stored out of line or in another shape: the table shows the task id instead.
            }
        }

        return (completed, names);
    }

    /// <summary>
    /// The Optimizer property of a scheduled Optimize activity's input. The backend records the input as DTFx writes it:
    /// an array of parameters around the SDK's JSON, which may itself be a JSON string.
    /// </summary>
    private static string? FindOptimizer(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        while (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }

        if (root.ValueKind == JsonValueKind.String)
        {
            return FindOptimizer(root.GetString()!);
        }

        return root.ValueKind == JsonValueKind.Object
            ? root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "Optimizer", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null
            : null;
    }

    private static void PrintSteps(BenchContext context, RunTiming run)
    {
        context.Out.WriteLine($"  steps of {run.RunId}: 'scheduled' and 'starts' in ms after the client scheduled the instance; 'ms' = the activity's");
        context.Out.WriteLine("  execution span (compute); 'to result' = from its TaskScheduled event to the orchestrator receiving its result");
        context.Out.WriteLine($"    {"step",-30} {"scheduled",9} {"starts",9} {"ms",9} {"to result",9}");
        foreach (var s in run.Steps)
        {
            var step = s.Name.StartsWith("LifeCycle", StringComparison.Ordinal) ? s.Name["LifeCycle".Length..] : s.Name;
            if (string.Equals(s.Name, LifeCycleSteps.Optimize, StringComparison.Ordinal))
            {
                step += " " + (run.Optimizers.TryGetValue(s.TaskId, out var optimizer) ? optimizer : "task " + s.TaskId.ToString(CultureInfo.InvariantCulture));
            }

            var scheduled = s.ScheduledUtc is { } at ? (at - run.ScheduledAtUtc).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "?";
            var toResult = s.RoundTrip is { } rt ? rt.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "?";
            context.Out.WriteLine($"    {step,-30} {scheduled,9} {(s.StartUtc - run.ScheduledAtUtc).TotalMilliseconds,9:F0} {s.Duration.TotalMilliseconds,9:F1} {toResult,9}");
        }

        context.Out.WriteLine($"    {"activity compute, sum of all spans",-50} {run.Steps.Sum(s => s.Duration.TotalMilliseconds),9:F1}");
        context.Out.WriteLine($"    {"critical path of activity compute",-50} {run.CriticalPath.TotalMilliseconds,9:F1}");
        context.Out.WriteLine($"    {"orchestration (created..completed)",-50} {run.Orchestration.TotalMilliseconds,9:F1}");
        context.Out.WriteLine($"    {"wall (schedule..completion seen)",-50} {run.Wall.TotalMilliseconds,9:F1}");
        context.Out.WriteLine($"    {"overhead share",-50} {run.OverheadShare,9:P1}");
        if (run.UnknownSteps.Count > 0)
        {
            context.Out.WriteLine($"    NOTE: activities not in the life cycle's known shape, counted as sequential: {string.Join(", ", run.UnknownSteps)}");
        }
    }

    [GeneratedRegex(@"^name:[ \t]*\S+", RegexOptions.Multiline, 1000)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^(?<indent>[ \t]+)symbols:[ \t]*\d+", RegexOptions.Multiline, 1000)]
    private static partial Regex SymbolsLine();

    /// <summary>One run: its wall time, its activity spans and the critical path of their compute.</summary>
    private sealed class RunTiming
    {
        private static readonly HashSet<string> Sequential = new(StringComparer.Ordinal)
        {
            LifeCycleSteps.Foundation, LifeCycleSteps.Recruitment, LifeCycleSteps.Selection, LifeCycleSteps.Enrichment,
            LifeCycleSteps.Synthesis, LifeCycleSteps.Regime, LifeCycleSteps.Choose, LifeCycleSteps.Report,
        };

        public RunTiming(string runId, DateTime scheduledAtUtc, TimeSpan wall, TimeSpan orchestration, IReadOnlyList<ActivitySpan> steps, IReadOnlyDictionary<int, string> optimizers)
        {
            RunId = runId;
            ScheduledAtUtc = scheduledAtUtc;
            Wall = wall;
            Orchestration = orchestration;
            Steps = steps;
            Optimizers = optimizers;

            // Sequential steps add up (every attempt, should one have been retried); the optimizer fan-out costs its
            // slowest optimizer; flattening and validation run side by side and cost the longer of the two.
            TimeSpan Sum(string name) => steps.Where(s => string.Equals(s.Name, name, StringComparison.Ordinal)).Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration);
            var sequential = steps.Where(s => Sequential.Contains(s.Name)).Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration);
            var optimize = steps.Where(s => string.Equals(s.Name, LifeCycleSteps.Optimize, StringComparison.Ordinal)).Select(s => s.Duration).DefaultIfEmpty().Max();
            var flattenValidate = TimeSpan.FromTicks(Math.Max(Sum(LifeCycleSteps.Flatten).Ticks, Sum(LifeCycleSteps.Validate).Ticks));
            string[] known = [.. Sequential, LifeCycleSteps.Optimize, LifeCycleSteps.Flatten, LifeCycleSteps.Validate];
            var unknown = steps.Where(s => !known.Contains(s.Name, StringComparer.Ordinal)).ToList();
            UnknownSteps = [.. unknown.Select(s => s.Name).Distinct(StringComparer.Ordinal)];
            CriticalPath = sequential + optimize + flattenValidate + unknown.Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration);
        }

        public string RunId { get; }

        public DateTime ScheduledAtUtc { get; }

        /// <summary>From scheduling the instance to the client seeing it completed.</summary>
        public TimeSpan Wall { get; }

        /// <summary>From the instance's creation to its last update, as the backend recorded them.</summary>
        public TimeSpan Orchestration { get; }

        public IReadOnlyList<ActivitySpan> Steps { get; }

        public IReadOnlyDictionary<int, string> Optimizers { get; }

        public IReadOnlyList<string> UnknownSteps { get; }

        public TimeSpan CriticalPath { get; }

        public double OverheadShare => 1 - (CriticalPath / Wall);
    }
}
