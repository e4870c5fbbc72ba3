using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary><c>tessera backtest --preset kobe81</c> and the sizing options, end to end on a profile's synthetic universe.</summary>
public sealed class BacktestSizingCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-sizing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?> { ["TESSERA_LOCAL_DIR"] = _dir });

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Backtest_with_the_kobe81_preset_uses_its_rules_and_cash_sizing()
    {
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("backtest", "--strategy", "ibs", "--preset", "kobe81", "--universe", "compact", "--out", Out("k")));
        var sheet = File.ReadAllText(Path.Combine(Out("k"), "tearsheet.html"));
        Assert.Contains("cash-fraction 0.007", sheet, StringComparison.Ordinal);
        Assert.Contains("ibsExit=AtrStopAndTime", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Walkforward_with_the_kobe81_preset_runs_the_seeds_three_strategies_under_its_rules()
    {
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("walkforward", "--strategies", "connors-rsi2,ibs,rsi2-and-ibs", "--preset", "kobe81", "--universe", "compact", "--out", Out("wf")));
        var plain = Cli();
        Assert.Equal(ExitCodes.Ok, await plain.RunAsync("walkforward", "--strategies", "connors-rsi2,ibs,rsi2-and-ibs", "--universe", "compact", "--out", Out("wf0")));

        // The rules themselves are pinned in Core (Kobe81RulesTests); here: the preset reaches the runs and changes them.
        var json = File.ReadAllText(Path.Combine(Out("wf"), "walkforward.json"));
        Assert.Contains("\"strategy\": \"rsi2-and-ibs\"", json, StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(Path.Combine(Out("wf0"), "walkforward.json")), json);

        var refused = Cli();
        Assert.Equal(ExitCodes.BadInput, await refused.RunAsync("walkforward", "--strategies", "donchian-breakout", "--preset", "kobe81", "--universe", "compact", "--out", Out("wf2")));
    }

    [Fact]
    public async Task Backtest_sizing_options_choose_the_sizer_and_bad_ones_exit_with_bad_input()
    {
        var vol = Cli();
        Assert.Equal(ExitCodes.Ok, await vol.RunAsync("backtest", "--strategy", "connors-rsi2", "--universe", "compact", "--sizing", "vol", "--vol-target", "0.2", "--dd-throttle", "0.08", "--out", Out("v")));
        Assert.Contains("volatility-target 0.2 lookback 20 max 0.1 with drawdown-throttle 0.08 cut 0.5", File.ReadAllText(Path.Combine(Out("v"), "tearsheet.html")), StringComparison.Ordinal);

        var unknown = Cli();
        Assert.Equal(ExitCodes.BadInput, await unknown.RunAsync("backtest", "--strategy", "ibs", "--universe", "compact", "--sizing", "martingale", "--out", Out("x")));
        Assert.Contains("--sizing", unknown.Error + unknown.Out, StringComparison.Ordinal);

        var vixOnFixed = Cli();
        Assert.Equal(ExitCodes.BadInput, await vixOnFixed.RunAsync("backtest", "--strategy", "ibs", "--universe", "compact", "--sizing", "fixed", "--vix", Out("none.csv"), "--out", Out("y")));

        var cutAlone = Cli();
        Assert.Equal(ExitCodes.BadInput, await cutAlone.RunAsync("backtest", "--strategy", "ibs", "--universe", "compact", "--dd-cut", "0.5", "--out", Out("z")));
    }

    [SharedDataFact("vix-daily-1990-2026.csv")]
    public async Task Backtest_with_kelly_sizing_reads_the_shared_vix_file()
    {
        var cli = Cli();
        var vix = SharedData.Path_("vix-daily-1990-2026.csv");
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("backtest", "--strategy", "connors-rsi2", "--universe", "compact", "--sizing", "kelly", "--vix", vix, "--out", Out("kelly")));
        Assert.Contains("fractional-kelly 0.25 lookback 60 max 0.1 with VIX taper 20-40", File.ReadAllText(Path.Combine(Out("kelly"), "tearsheet.html")), StringComparison.Ordinal);
    }
}
