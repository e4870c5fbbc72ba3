using Spectre.Console;
using Tessera.Core.Data.Synthetic;
using Tessera.Local.Cli;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary>Issue 17 items 3, 4, 6, 9 and 10 at the CLI: what reaches the terminal, exit codes, limits, --out.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HardeningCliTests(AzuriteFixture azurite) : IDisposable
{
    private const string Header = "symbol,date,open,high,low,close,volume\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-cli-hardening-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli(Dictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["TESSERA_LOCAL_DIR"] = _dir,
            ["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString,
        };
        foreach (var (k, v) in extra ?? [])
        {
            env[k] = v;
        }

        return new TestCli(env);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string ValidCsv(string name) =>
        BarsCsvFile.Write(Path.Combine(_dir, name), SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(2, 300, 5) { Start = new DateTime(2015, 1, 5, 0, 0, 0, DateTimeKind.Utc) }).Bars);

    [Fact]
    public void Hardening_item_3_console_markup_in_data_is_printed_literally_in_tables_and_lines()
    {
        var cli = Cli();
        var table = new Table().AddColumns("symbol", "weight");
        table.AddRow(TerminalText.Escape("[red:S00"), "10.00%");
        cli.Context.Console.Write(table);
        cli.Context.Console.MarkupLine("run " + TerminalText.Escape("[bold]x[/] [link=evil]"));
        Assert.Contains("[red:S00", cli.Out, StringComparison.Ordinal);
        Assert.Contains("run [bold]x[/] [link=evil]", cli.Out, StringComparison.Ordinal);

        // Unescaped, the same value is what crashed the weights table and 'tessera status'.
        Assert.ThrowsAny<InvalidOperationException>(() => new Table().AddColumn("s").AddRow("[red:S00"));
    }

    [Fact]
    public async Task Hardening_item_3_a_file_name_with_markup_goes_through_every_import_table_without_a_crash()
    {
        var file = Write("[red:S00].csv", Header + "AAA,2015-01-02,10,11,9,NaN,100\n");
        var cli = Cli();
        Assert.Equal(ExitCodes.NothingImported, await cli.RunAsync("data", "import", file));
        Assert.Contains("[red:S00].csv", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Hardening_item_4_control_characters_become_visible_escapes_in_one_sanitiser()
    {
        Assert.Equal("\\x1b]0;PWNED\\x07\\x1b[2J:ANSI", TerminalText.Clean("\u001b]0;PWNED\u0007\u001b[2J:ANSI"));
        Assert.Equal("a\\x0d\\x7f\\x9b\\u202eb", TerminalText.Clean("a\r\u007f\u009b\u202eb"));
        Assert.Equal("line\n\tnext", TerminalText.Clean("line\n\tnext", keepLineBreaks: true));
        Assert.Equal("café 日本", TerminalText.Clean("café 日本"));

        // The console is the safety net: even a value a command forgot to escape reaches the terminal cleaned.
        var cli = Cli();
        cli.Context.Console.Write(new Text("\u001b]0;PWNED\u0007\u001b[2J"));
        cli.Context.Error.WriteLine("error: \u001b[31mred\u001b[0m");
        Assert.DoesNotContain('\u001b', cli.Out + cli.Error);
        Assert.Contains("\\x1b]0;PWNED\\x07", cli.Out, StringComparison.Ordinal);
        Assert.Contains("\\x1b[31mred", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hardening_item_4_indicators_never_print_a_terminal_escape_from_the_data()
    {
        // The symbol comes from the file name (no symbol column): the escape sequence is in the data itself.
        var file = Write("\u001b]0;PWNED\u0007\u001b[2J.csv", "date,open,high,low,close,volume\n2015-01-02,10,11,9,10,100\n");
        var cli = Cli();
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("indicators", "--csv", file, "--out", Path.Combine(_dir, "ind.csv")));
        Assert.DoesNotContain('\u001b', cli.Out + cli.Error);
        Assert.DoesNotContain('\u0007', cli.Out + cli.Error);
        Assert.Contains("\\x1b]0;PWNED\\x07", cli.Error, StringComparison.Ordinal);
        Assert.Contains("ticker must be 1..32 characters", cli.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "ind.csv")));
    }

    [Fact]
    public async Task Hardening_item_6_a_lenient_import_that_rejects_every_row_exits_4_with_the_summary()
    {
        var file = Write("all-bad.csv", Header + "AAA,2015-01-02,10,11,9,NaN,100\nAAA,2015-01-05,10,11,9,10,-3\n");
        var cli = Cli();
        Assert.Equal(ExitCodes.NothingImported, await cli.RunAsync("data", "import", file));
        Assert.Equal(4, ExitCodes.NothingImported);
        Assert.Contains("dropped rows by rule", cli.Out, StringComparison.Ordinal);
        Assert.Contains("non-finite", cli.Out, StringComparison.Ordinal);
        Assert.Contains("negative-volume", cli.Out, StringComparison.Ordinal);
        Assert.Contains("no-row-accepted", cli.Error, StringComparison.Ordinal);
        Assert.Contains("2 of 2 rows rejected", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("import ok", cli.Out, StringComparison.Ordinal);

        var backtest = Cli();
        Assert.Equal(ExitCodes.NothingImported, await backtest.RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", file, "--out", Path.Combine(_dir, "bt")));
        Assert.Contains("dropped rows by rule", backtest.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hardening_item_9_the_limits_come_from_configuration_and_the_bomb_fails_naming_the_limit()
    {
        var small = ValidCsv("small.csv");
        var limited = Cli(new() { ["TESSERA_IMPORT_MAX_ROWS"] = "100" });
        Assert.Equal(ExitCodes.BadInput, await limited.RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", small, "--out", Path.Combine(_dir, "lim")));
        Assert.Contains("at most 100 data rows", limited.Error, StringComparison.Ordinal);
        Assert.Contains("TESSERA_IMPORT_MAX_ROWS", limited.Error, StringComparison.Ordinal);

        var wrong = Cli(new() { ["TESSERA_IMPORT_MAX_BYTES"] = "a lot" });
        Assert.Equal(ExitCodes.BadInput, await wrong.RunAsync("indicators", "--csv", small, "--out", Path.Combine(_dir, "i.csv")));
        Assert.Contains("field 'TESSERA_IMPORT_MAX_BYTES'", wrong.Error, StringComparison.Ordinal);

        var bomb = Path.Combine(_dir, "bomb.csv.gz");
        File.WriteAllBytes(bomb, GzipBomb.Create(200L * 1024 * 1024));
        var cli = Cli();
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("data", "import", bomb));
        Assert.Contains("row-limit: a file holds at most 1,000,000 data rows", cli.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "lim")));
    }

    [Fact]
    public async Task Hardening_item_10_a_failed_backtest_leaves_no_out_folder_and_a_good_one_is_renamed_into_place()
    {
        var bad = Write("bad.csv", Header + "AAA,2015-01-02,10,11,9,NaN,100\n");
        var missing = Path.Combine(_dir, "missing.csv");
        foreach (var (args, code) in new[]
        {
            (new[] { "backtest", "--strategy", "connors-rsi2", "--csv", bad, "--out", Path.Combine(_dir, "out", "run") }, ExitCodes.NothingImported),
            (new[] { "backtest", "--strategy", "connors-rsi2", "--csv", missing, "--out", Path.Combine(_dir, "out", "run") }, ExitCodes.BadInput),
            (new[] { "backtest", "--strategy", "no-such-strategy", "--csv", bad, "--out", Path.Combine(_dir, "out", "run") }, ExitCodes.BadInput),
        })
        {
            Assert.Equal(code, await Cli().RunAsync(args));
            Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "a failed run created its --out folder or parent");
        }

        var good = ValidCsv("good.csv");
        var target = Path.Combine(_dir, "out", "run");
        var cli = Cli();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", good, "--out", target));
        Assert.True(File.Exists(Path.Combine(target, "summary.json")));
        Assert.Equal(["run"], Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "out")).Select(Path.GetFileName));

        // A re-run into the existing folder replaces its files and leaves no temporary sibling either.
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(target, "summary.json"));
        Assert.Equal(ExitCodes.Ok, await Cli().RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", good, "--out", target));
        Assert.Equal(["run"], Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "out")).Select(Path.GetFileName));
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(target, "summary.json")) >= stamp);

        Assert.Equal(ExitCodes.BadInput, await Cli().RunAsync("backtest", "--strategy", "connors-rsi2", "--csv", good, "--out", good));
    }
}
