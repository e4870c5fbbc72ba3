using System.Text.Json;
using Tessera.Local.Cli;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Runs;
using Tessera.Orchestrations.Telemetry;
using Tessera.Storage.Blobs;
using Xunit;

namespace Tessera.Local.Tests.Hosting;

/// <summary>
/// One run, one trace: a life cycle on the embedded default seals forensic_trace.json holding every step's spans
/// under the run's trace id (derived from the run id), from the root span through the runtime's create and activity
/// spans to Tessera's step spans, both parallel optimizers included; the served report shows the timeline.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ForensicTraceTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-forensic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_run_seals_one_trace_across_the_start_the_orchestration_and_every_activity()
    {
        const string runId = "forensic-trace-1";
        var cli = new TestCli(new Dictionary<string, string?>
        {
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
            ["TESSERA_TASK_HUB"] = TestTaskHub.New(),
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_DURABLE_TUNING"] = "tests",
        });
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("run", "--profile", "compact", "--run-id", runId));

        var artifacts = new RunArtifactStore(new BlobStore(azurite.ConnectionString));
        var trace = await ForensicTrace.ReadSealedAsync(artifacts, runId);
        Assert.NotNull(trace);
        var traceId = RunTraceId.Of(runId);
        Assert.Equal(traceId, trace.TraceId);
        Assert.All(trace.Spans, s => Assert.Equal(traceId, s.TraceId));
        Assert.Equal(trace.Spans.Count, trace.Spans.Select(s => s.SpanId).Distinct(StringComparer.Ordinal).Count());

        var names = trace.Spans.Select(s => s.Name).ToList();
        var root = Assert.Single(trace.Spans, s => s.Name == "run.start");
        Assert.Equal(RunTrace.RootParentSpanId(runId).ToHexString(), root.ParentSpanId);
        Assert.Equal(runId, root.RunId);
        Assert.Contains(names, n => n.StartsWith("create_orchestration:" + LifeCycleSteps.Orchestrator, StringComparison.Ordinal));
        foreach (var step in LifeCycleSteps.ActivityNames.Where(n => n != LifeCycleSteps.SealTrace))
        {
            Assert.Contains("step " + step, names);
            Assert.All(trace.Spans.Where(s => s.Name == "step " + step), s => Assert.Equal(runId, s.RunId));
        }

        // The profile's optimizers ran in parallel, each its own activity, each in the trace.
        Assert.True(names.Count(n => n == "step " + LifeCycleSteps.Optimize) >= 2, string.Join(", ", names));

        // Every Tessera step span hangs under the runtime's activity span it ran in.
        var byId = trace.Spans.ToDictionary(s => s.SpanId, StringComparer.Ordinal);
        foreach (var step in trace.Spans.Where(s => s.Name.StartsWith("step ", StringComparison.Ordinal)))
        {
            Assert.True(step.ParentSpanId is not null && byId.TryGetValue(step.ParentSpanId, out var parent) && parent.Name.StartsWith("activity:", StringComparison.Ordinal), step.Name);
        }

        // Not in the manifest (an observation, different at each execution); shown with the served report.
        var manifest = JsonDocument.Parse(await artifacts.ReadAsync(runId, "manifest.json")).RootElement;
        Assert.DoesNotContain(ForensicTrace.FileName, manifest.GetRawText(), StringComparison.Ordinal);
        var report = System.Text.Encoding.UTF8.GetString(await new Tessera.Orchestrations.Application.RunService(null!, null!, artifacts, TimeProvider.System).GetReportAsync(runId) ?? []);
        Assert.Contains("Forensic trace", report, StringComparison.Ordinal);
        Assert.Contains(traceId, report, StringComparison.Ordinal);
    }
}
