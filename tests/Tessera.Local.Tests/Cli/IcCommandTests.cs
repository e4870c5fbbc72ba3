using Tessera.Core.Data.Export;
using Tessera.Core.Data.Synthetic;
using Tessera.Local.Cli;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary><c>tessera ic</c> wired end to end on a bar CSV (the numbers are pinned by Core's RankerIcTests).</summary>
public sealed class IcCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-ic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?> { ["TESSERA_LOCAL_DIR"] = _dir });

    private string WriteBarsCsv() =>
        BarsCsvFile.Write(Path.Combine(_dir, "bars.csv"), SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(8, 400, 5) { Sectors = 2 }).Bars);

    [Fact]
    public async Task Ic_of_all_rankers_writes_the_report_files_and_prints_the_half_lives()
    {
        var cli = Cli();
        var outDir = Path.Combine(_dir, "ic");
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("ic", "--csv", WriteBarsCsv(), "--horizons", "10", "--out", outDir));
        foreach (var file in new[] { "ic.html", "ic_decay.svg", "ic.json", "ic_decay.csv", "ic_timeseries.csv", "signal_half_life.csv" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), file + " missing: " + cli.Out + cli.Error);
        }

        Assert.Contains("momentum-12-1", cli.Out, StringComparison.Ordinal);
        Assert.Contains("quality-downside", cli.Out, StringComparison.Ordinal);
        Assert.Contains("half-life", cli.Out, StringComparison.Ordinal);

        // Two rankers x 10 horizons.
        Assert.Equal(1 + 20, File.ReadAllLines(Path.Combine(outDir, "ic_decay.csv")).Length);
        Assert.Equal(1 + 400, File.ReadAllLines(Path.Combine(outDir, "ic_timeseries.csv")).Length);
    }

    [Theory]
    [InlineData("--rankers", "ibs", "--horizons", "5")]
    [InlineData("--rankers", "no-such", "--horizons", "5")]
    [InlineData("--rankers", "momentum-12-1", "--horizons", "0")]
    [InlineData("--rankers", "momentum-12-1", "--horizons", "253")]
    public async Task Bad_input_exits_2(params string[] args)
    {
        var cli = Cli();
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync(["ic", "--csv", WriteBarsCsv(), "--out", Path.Combine(_dir, "bad"), .. args]));
    }
}
