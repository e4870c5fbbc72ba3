using System.Net;
using System.Text.Json;
using Spectre.Console;
using Tessera.Core.Determinism;
using Tessera.Local.Cli;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Artifacts;
using Tessera.Storage.Local;
using Xunit;

namespace Tessera.Local.Tests.Durable;

/// <summary>
/// Crash safety of the embedded default as a user meets it: <c>tessera serve</c> (with its own tethered Azurite under
/// the data folder) killed with SIGKILL at seeded points of the life cycle, and a power cut (host and Azurite killed
/// together). No accepted run may vanish; no Azurite may outlive its host.
/// </summary>
public sealed class EmbeddedCrashTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("tessera-crash-").FullName;
    private readonly string _taskHub = Tessera.Testing.TestTaskHub.New();
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromMinutes(8));

    private string AzuriteFolder => Path.Combine(_dataFolder, "azurite");

    public void Dispose()
    {
        _deadline.Dispose();
        foreach (var pid in LeftoverAzurite.Find(AzuriteFolder))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // gone
            }
        }

        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task Serve_killed_at_ten_seeded_points_loses_no_run_and_leaves_no_azurite_behind()
    {
        var ct = _deadline.Token;
        var random = new Random(20261202);
        var runIds = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var runId = $"crash-{i}";
            log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} cycle {i}: starting serve");
            await using (var serve = await ServeProcess.StartAsync(_dataFolder, _taskHub, ct))
            {
                log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} cycle {i}: serve ready");
                Assert.Equal(HttpStatusCode.Accepted, await serve.StartRunAsync(runId, "compact", ct));
                runIds.Add(runId);

                // The first three kills land within the first second after the 202, the rest anywhere in the run.
                var delay = i < 3 ? random.Next(0, 1000) : random.Next(0, 4000);
                await Task.Delay(delay, ct);
                await serve.Process.KillAsync();
                log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} cycle {i}: killed after {delay} ms; output:\n{serve.Process.Output}");
            }

            await AssertNoAzuriteOutlivesItsHostAsync(ct);
            log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} cycle {i}: azurite gone");
        }

        await using var last = await ServeProcess.StartAsync(_dataFolder, _taskHub, ct);
        foreach (var runId in runIds)
        {
            log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} waiting for {runId}: {await last.GetRunAsync(runId, ct)}");
            var (http, status, failure) = await WaitForTerminalAsync(last, runId, ct);
            Assert.True(http == HttpStatusCode.OK && status == "Completed", $"{runId}: HTTP {http} {status} {failure}\n{last.Process.Output}");
        }

        await AssertManifestsVerifyAsync(runIds, ct);
        await last.Process.KillAsync();
        await AssertNoAzuriteOutlivesItsHostAsync(ct);
    }

    [Fact]
    public async Task A_power_cut_of_host_and_azurite_together_leaves_every_accepted_run_completed_or_reported_lost()
    {
        var ct = _deadline.Token;
        var accepted = new List<string>();
        await using (var serve = await ServeProcess.StartAsync(_dataFolder, _taskHub, ct))
        {
            for (var i = 0; i < 6; i++)
            {
                var runId = $"cut-{i}";
                Assert.Equal(HttpStatusCode.Accepted, await serve.StartRunAsync(runId, "compact", ct));
                accepted.Add(runId);
                await Task.Delay(150, ct);
            }

            // Power cut: the emulator and the host die in the same instant, nobody saves anything.
            var azurites = LeftoverAzurite.Find(AzuriteFolder);
            Assert.NotEmpty(azurites);
            foreach (var pid in azurites)
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }

            await serve.Process.KillAsync();
        }

        await AssertNoAzuriteOutlivesItsHostAsync(ct);
        await using var restarted = await ServeProcess.StartAsync(_dataFolder, _taskHub, ct);
        var completed = new List<string>();
        foreach (var runId in accepted)
        {
            var (http, status, failure) = await WaitForTerminalAsync(restarted, runId, ct);
            Assert.True(http == HttpStatusCode.OK, $"{runId}: HTTP {http} (an accepted run must never be a silent 404)\n{restarted.Process.Output}");
            Assert.True(status is "Completed" or "Lost", $"{runId}: {status} {failure}");
            if (status == "Lost")
            {
                Assert.False(string.IsNullOrWhiteSpace(failure), $"{runId} is lost without a reason");
            }
            else
            {
                completed.Add(runId);
            }
        }

        log.WriteLine($"completed {completed.Count} of {accepted.Count}; host output:\n{restarted.Process.Output}");
        await restarted.Process.KillAsync();
        await AssertNoAzuriteOutlivesItsHostAsync(ct);
        await AssertManifestsVerifyAsync(completed, ct);
    }

    private async Task AssertNoAzuriteOutlivesItsHostAsync(CancellationToken ct)
    {
        // The tethered emulator sees its stdin close and shuts down gracefully (saving its data) within seconds.
        for (var waited = 0; LeftoverAzurite.Find(AzuriteFolder).Count > 0; waited += 100)
        {
            Assert.True(waited < 20_000, "an Azurite process outlived its host: " + string.Join(",", LeftoverAzurite.Find(AzuriteFolder)));
            await Task.Delay(100, ct);
        }
    }

    private static async Task<(HttpStatusCode Http, string? Status, string? Failure)> WaitForTerminalAsync(ServeProcess serve, string runId, CancellationToken ct)
    {
        while (true)
        {
            var answer = await serve.GetRunAsync(runId, ct);
            if (answer.Http != HttpStatusCode.OK || answer.Status is "Completed" or "Failed" or "Terminated" or "Lost")
            {
                return answer;
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>Every run's manifest lists artifacts whose bytes still hash to what was recorded.</summary>
    private async Task AssertManifestsVerifyAsync(IReadOnlyList<string> runIds, CancellationToken ct)
    {
        var context = new CliContext(AnsiConsole.Console, TextWriter.Null, new Dictionary<string, string?> { ["TESSERA_LOCAL_DIR"] = _dataFolder });
        await using var storage = await LocalStorage.OpenAsync(context, null, ct, readOnly: true);
        var artifacts = new RunArtifactStore(storage.Blobs);
        foreach (var runId in runIds)
        {
            var manifest = JsonSerializer.Deserialize<RunManifest>(await artifacts.ReadAsync(runId, "manifest.json", ct), ArtifactJson.Options)!;
            Assert.NotEmpty(manifest.Artifacts);
            foreach (var a in manifest.Artifacts)
            {
                Assert.Equal(a.Sha256, Sha256Hex.Of(await artifacts.ReadAsync(runId, a.Path, ct)));
            }
        }
    }
}
