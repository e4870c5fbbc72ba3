using System.Text.Json;
using Tessera.Local.Cli;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary><c>tessera sep allocate|backtest|study</c> end to end on synthetic minute bars, and their bad input.</summary>
public sealed class SepCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tessera-sep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private TestCli Cli() => new(new Dictionary<string, string?> { ["TESSERA_LOCAL_DIR"] = _dir });

    [Fact]
    public async Task The_span_study_on_synthetic_minute_bars_writes_each_span_and_the_invariant()
    {
        var cli = Cli();
        var code = await cli.RunAsync("sep", "study", "--synthetic-minutes", "25", "--symbols", "4", "--spans", "3,7,14", "--out", _dir);
        Assert.True(code == ExitCodes.Ok, cli.Error + cli.Out);
        Assert.Contains("invariant trades(14) ≥ trades(7) ≥ trades(3)", cli.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "sep_study.json")));
        var spans = json.RootElement.GetProperty("spans");
        Assert.Equal(3, spans.GetArrayLength());
        var entries = spans.EnumerateArray().Select(s => s.GetProperty("result").GetProperty("entries").GetInt32()).ToArray();
        Assert.Equal(entries[0] >= entries[1] && entries[1] >= entries[2], json.RootElement.GetProperty("invariant_holds").GetBoolean());
    }

    [Fact]
    public async Task Allocate_and_backtest_print_their_tables()
    {
        var allocate = Cli();
        Assert.Equal(ExitCodes.Ok, await allocate.RunAsync("sep", "allocate", "--synthetic-minutes", "3", "--symbols", "5", "--k", "2"));
        Assert.Contains("SYN004", allocate.Out, StringComparison.Ordinal);
        Assert.Contains("budget 30,000", allocate.Out, StringComparison.Ordinal); // 100,000 × 0.30 with nothing used
        var backtest = Cli();
        Assert.Equal(ExitCodes.Ok, await backtest.RunAsync("sep", "backtest", "--synthetic-minutes", "3", "--symbols", "3", "--out", _dir));
        Assert.True(File.Exists(Path.Combine(_dir, "sep_equity.csv")));
    }

    [Theory]
    [InlineData("--spans", "14,abc", "--spans")]
    [InlineData("--spans", "7,7", "spans")]
    [InlineData("--k", "0", "sep.k")]
    [InlineData("--look", "2", "sep.look")]
    [InlineData("--synthetic-minutes", "0", "--synthetic-minutes")]
    public async Task Bad_input_is_exit_2_naming_the_field(string option, string value, string field)
    {
        var cli = Cli();
        var args = option == "--synthetic-minutes"
            ? new[] { "sep", "study", option, value }
            : new[] { "sep", "study", "--synthetic-minutes", "20", "--symbols", "2", option, value };
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync(args));
        Assert.Contains(field, cli.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "sep_study.json")));
    }
}
