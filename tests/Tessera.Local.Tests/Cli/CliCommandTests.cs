using System.Net;
using System.Net.Sockets;
using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

[Collection(AzuriteCollection.Name)]
public sealed class CliCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _localDir = Directory.CreateTempSubdirectory("tessera-cli-").FullName;
    private readonly string _taskHub = Tessera.Testing.TestTaskHub.New();

    public void Dispose() => Directory.Delete(_localDir, recursive: true);

    private TestCli Cli(string? storage) => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _localDir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = storage,
        ["TESSERA_TASK_HUB"] = _taskHub,
        ["TESSERA_DURABLE_TUNING"] = "tests",
    });

    [Fact]
    public async Task Unknown_profile_exits_2_and_names_the_profiles_that_exist()
    {
        var cli = Cli(azurite.ConnectionString);
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("run", "--profile", "no-such-profile"));
        Assert.Contains("unknown profile", cli.Error, StringComparison.Ordinal);
        Assert.Contains("default", cli.Error, StringComparison.Ordinal);
        Assert.Contains("compact", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_completes_prints_run_id_weights_and_report_location_then_status_shows_it()
    {
        var cli = Cli(azurite.ConnectionString);
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("run", "--profile", "compact", "--run-id", "cli-run-1"));
        Assert.Contains("cli-run-1", cli.Out, StringComparison.Ordinal);
        Assert.Contains("asset weights", cli.Out, StringComparison.Ordinal);
        Assert.Contains("runs/cli-run-1/report.html", cli.Out, StringComparison.Ordinal);
        Assert.Contains("9/9", cli.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_localDir, "runs", "cli-run-1", "report.html")));
        Assert.True(File.Exists(Path.Combine(_localDir, "runs", "cli-run-1", "manifest.json")));

        var status = Cli(azurite.ConnectionString);
        Assert.Equal(ExitCodes.Ok, await status.RunAsync("status", "cli-run-1"));
        Assert.Contains("Completed", status.Out, StringComparison.Ordinal);

        // Each step from the runtime's history, with its retries (none here).
        Assert.Contains("steps (runtime history)", status.Out, StringComparison.Ordinal);
        foreach (var step in Tessera.Orchestrations.LifeCycle.LifeCycleSteps.ActivityNames)
        {
            Assert.Contains(step, status.Out, StringComparison.Ordinal);
        }

        var list = Cli(azurite.ConnectionString);
        // The run index is shared by every test of this Azurite: one page large enough for all of them.
        Assert.Equal(ExitCodes.Ok, await list.RunAsync("runs", "--page-size", "1000"));
        Assert.Contains("cli-run-1", list.Out, StringComparison.Ordinal);
        Assert.Contains("(last page)", list.Out, StringComparison.Ordinal);

        // Nothing is 30 days old yet: the purge keeps the run.
        var purge = Cli(azurite.ConnectionString);
        Assert.Equal(ExitCodes.Ok, await purge.RunAsync("runs", "purge", "--older-than", "30d"));
        Assert.Contains("purged the history of 0 finished run(s)", purge.Out, StringComparison.Ordinal);

        // Run ids are lowercase: the upper-case spelling is refused, naming the rule, not looked up.
        var upper = Cli(azurite.ConnectionString);
        Assert.Equal(ExitCodes.BadInput, await upper.RunAsync("status", "CLI-RUN-1"));
        Assert.Contains("lowercase", upper.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs", "purge", "--older-than", "30x")]
    [InlineData("runs", "purge", "--older-than", "0d")]
    [InlineData("runs", "purge", "--older-than", "d")]
    [InlineData("runs", "purge")]
    [InlineData("runs", "--page-size", "0")]
    [InlineData("runs", "--page-size", "10000")]
    [InlineData("runs", "--page-size", "NaN")]
    [InlineData("runs", "--continuation", "<script>alert(1)</script>")]
    [InlineData("runs", "--status", "Sleeping")]
    public async Task Bad_runs_options_exit_2_before_storage_is_touched(params string[] args)
    {
        // No storage configured and no Azurite started: the options are refused first.
        var cli = Cli(null);
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync(args));
        Assert.False(File.Exists(Path.Combine(_localDir, "embedded-storage.lock")));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Hostile_run_ids_exit_2(string runId)
    {
        var cli = Cli(azurite.ConnectionString);
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("status", runId));
        Assert.Contains("run_id", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_exits_3_and_says_how_to_start_Azurite_without_leaking_the_key()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var conn = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0LWtleS1mb3ItdGVzdA==;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var cli = Cli(conn);
        Assert.Equal(ExitCodes.Unavailable, await cli.RunAsync("run", "--profile", "compact"));
        Assert.Contains("Azurite", cli.Error, StringComparison.Ordinal);
        Assert.Contains("make", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS1mb3ItdGVzdA==", cli.Error + cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hardening_item_13_a_password_in_the_storage_endpoint_url_never_reaches_the_error()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var conn = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0LWtleS1mb3ItdGVzdA==;BlobEndpoint=http://user:CANARYPW@127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://user:CANARYPW@127.0.0.1:{port}/devstoreaccount1;";
        var cli = Cli(conn);
        var code = await cli.RunAsync("run", "--profile", "compact");
        Assert.True(code == ExitCodes.BadInput, $"exit {code}: {cli.Error} | {cli.Out}"); // refused before any request, naming the field
        Assert.Contains("BlobEndpoint", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARYPW", cli.Error + cli.Out, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_env_naming_an_unset_variable_exits_2()
    {
        var cli = Cli(null);
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("status", "some-run", "--storage-env", "NO_SUCH_VARIABLE_FOR_TESSERA"));
        Assert.Contains("--storage-env", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_exits_2_with_usage_hint()
    {
        var cli = Cli(null);
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("bogus"));
        Assert.Contains("tessera --help", cli.Error, StringComparison.Ordinal);
    }
}
