using Tessera.Core.Data.Export;
using Tessera.Core.Data.Synthetic;
using Tessera.Local.Cli;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>Tear sheets linked from the run index (index.html of each --out folder) and from <c>tessera report index</c>.</summary>
public sealed class ReportCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?> { ["TESSERA_LOCAL_DIR"] = _dir });

    private string WriteBarsCsv() =>
        BarsCsvFile.Write(Path.Combine(_dir, "bars.csv"), SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(6, 400, 5) { Sectors = 2 }).Bars);

    [Fact]
    public async Task Each_output_folder_has_an_index_and_report_index_links_every_tear_sheet_and_walk_forward()
    {
        var bars = WriteBarsCsv();
        var runs = Path.Combine(_dir, "runs");
        Assert.Equal(ExitCodes.Ok, await Cli().RunAsync("backtest", "--strategy", "ibs", "--csv", bars, "--out", Path.Combine(runs, "bt-ibs")));
        Assert.Equal(ExitCodes.Ok, await Cli().RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", bars, "--out", Path.Combine(runs, "bt-rsi2")));
        Assert.Equal(ExitCodes.Ok, await Cli().RunAsync("walkforward", "--strategies", "ibs", "--csv", bars, "--out", Path.Combine(runs, "wf")));

        // The run's own index links its tear sheet; the walk-forward's links its report and each split.
        Assert.Contains("href=\"tearsheet.html\"", File.ReadAllText(Path.Combine(runs, "bt-ibs", "index.html")), StringComparison.Ordinal);
        var wfIndex = File.ReadAllText(Path.Combine(runs, "wf", "index.html"));
        Assert.Contains("href=\"walkforward.html\"", wfIndex, StringComparison.Ordinal);
        Assert.Contains("href=\"splits/ibs/split-000/summary.json\"", wfIndex, StringComparison.Ordinal);

        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("report", "index", "--dir", runs));
        var index = File.ReadAllText(Path.Combine(runs, "index.html"));
        Assert.Contains("href=\"bt-ibs/tearsheet.html\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"bt-rsi2/tearsheet.html\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"wf/walkforward.html\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"bt-ibs/index.html\"", index, StringComparison.Ordinal);
        Assert.Contains("total return", index, StringComparison.Ordinal);

        // Tear sheets come first.
        Assert.True(index.IndexOf("bt-rsi2/tearsheet.html", StringComparison.Ordinal) < index.IndexOf("wf/walkforward.html", StringComparison.Ordinal));
        // 2 tear sheets + 1 walk-forward + the 3 folders' own indexes.
        Assert.Contains("(6 reports linked)", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_exits_2()
    {
        var cli = Cli();
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("report", "index", "--dir", Path.Combine(_dir, "nope")));
        Assert.Contains("--dir", cli.Error, StringComparison.Ordinal);
    }
}
