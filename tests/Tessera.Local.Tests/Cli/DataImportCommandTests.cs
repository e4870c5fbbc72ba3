using Tessera.Core.Data.Export;
using Tessera.Core.Data.Synthetic;
using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>
/// Issue 16 item 4: <c>data import</c> of an unchanged historical file succeeds (same lakehouse version, exit 0);
/// freshness is the separate, explicit <c>data audit</c> (or <c>--require-fresh</c> on import), never a failure of
/// an idempotent re-import.
/// Each test gets an Azurite of its own (the collection's is shared, and its lakehouse holds other tests' data,
/// while these tests pin version numbers from an empty lakehouse).
/// </summary>
public sealed class DataImportCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-import-").FullName;
    private AzuriteFixture? _azurite;

    public async Task InitializeAsync()
    {
        _azurite = new AzuriteFixture();
        await _azurite.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private TestCli Cli() => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _dir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = _azurite!.ConnectionString,
    });

    /// <summary>Three symbols, 60 business days starting 2015-01-05: years older than the 168 h stale threshold.</summary>
    private string WriteHistoricalCsv() =>
        BarsCsvFile.Write(
            Path.Combine(_dir, "history.csv"),
            SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(3, 60, 11) { Start = new DateTime(2015, 1, 5, 0, 0, 0, DateTimeKind.Utc) }).Bars);

    [Fact]
    public async Task Importing_an_unchanged_historical_file_twice_exits_0_at_the_same_version_and_the_audit_reports_it_stale()
    {
        var file = WriteHistoricalCsv();
        var first = Cli();
        Assert.Equal(ExitCodes.Ok, await first.RunAsync("data", "import", file));
        Assert.Contains("import ok", first.Out, StringComparison.Ordinal);
        Assert.Contains("0 -> 1", first.Out, StringComparison.Ordinal);
        Assert.Contains("notice", first.Out, StringComparison.Ordinal);

        var second = Cli();
        Assert.Equal(ExitCodes.Ok, await second.RunAsync("data", "import", file));
        Assert.Contains("unchanged, version 1", second.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("0 -> 1", second.Out, StringComparison.Ordinal);
        Assert.Empty(second.Error);

        // The explicit audit is where staleness is reported: all 3 symbols end in 2015.
        var audit = Cli();
        Assert.Equal(ExitCodes.Ok, await audit.RunAsync("data", "audit", "--json", Path.Combine(_dir, "audit.json")));
        var json = File.ReadAllText(Path.Combine(_dir, "audit.json"));
        Assert.Contains("\"manifest_version\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"stale_count\": 3", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_require_fresh_reimporting_a_stale_file_exits_1_and_publishes_nothing()
    {
        var file = WriteHistoricalCsv();
        Assert.Equal(ExitCodes.Ok, await Cli().RunAsync("data", "import", file));
        var strict = Cli();
        Assert.Equal(ExitCodes.Failed, await strict.RunAsync("data", "import", file, "--require-fresh"));
        Assert.Contains("stale symbol(s) that received no new bars", strict.Error, StringComparison.Ordinal);
        Assert.Contains("unchanged, version 1", strict.Out, StringComparison.Ordinal);
    }
}
