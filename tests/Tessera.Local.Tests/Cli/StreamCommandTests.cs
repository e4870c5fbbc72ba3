using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Core.Streaming;
using Tessera.Local.Cli;
using Tessera.Stream.Engine;
using Tessera.Testing;
using Xunit;

namespace Tessera.Local.Tests.Cli;

/// <summary><c>tessera stream</c>: option errors before anything starts, the stop syntax, the status line, and a short replay.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StreamCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _localDir = Directory.CreateTempSubdirectory("tessera-stream-cli-").FullName;

    public void Dispose() => Directory.Delete(_localDir, recursive: true);

    private TestCli Cli(string? storage) => new(new Dictionary<string, string?>
    {
        ["TESSERA_LOCAL_DIR"] = _localDir,
        ["TESSERA_STORAGE_CONNECTION_STRING"] = storage,
    });

    [Theory]
    [InlineData("stream", "--exchange", "nasdaq")]
    [InlineData("stream", "--exchange", "paper", "--replay", "synthetic")]
    [InlineData("stream", "--speed", "0")]
    [InlineData("stream", "--stop", "SPY:abc:10")]
    [InlineData("stream", "--stop", "SPY:100:10:sideways")]
    [InlineData("stream", "--stop", "SPY:0:10")]
    [InlineData("stream", "--duration", "-1")]
    public async Task Bad_options_exit_2_before_storage_is_touched(params string[] args)
    {
        var cli = Cli(null);
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync(args));
        Assert.False(File.Exists(Path.Combine(_localDir, "embedded-storage.lock")));
    }

    [Fact]
    public void Stops_parse_with_their_side_and_bad_ones_name_the_option()
    {
        var stops = StreamCommand.ParseStops(["spy:165.5:100", "QQQ:400:5:short"]);
        Assert.Equal(new VirtualStop("cli-SPY-165.5-long", "SPY", Side.Long, 165.5m, 100m), stops[0]);
        Assert.Equal(Side.Short, stops[1].Protects);
        Assert.Equal("--stop", Assert.Throws<TesseraValidationException>(() => StreamCommand.ParseStops(["SPY:1"])).Field);
        Assert.Equal("stop.quantity", Assert.Throws<TesseraValidationException>(() => StreamCommand.ParseStops(["SPY:1:0"])).Field);
    }

    [Fact]
    public void The_status_line_shows_connection_lag_symbols_stops_and_safety_mode()
    {
        var line = StreamCommand.StatusLine(new StreamServiceStatus(DateTimeOffset.UnixEpoch, HeartbeatState.Healthy, 12.34, null, SafetyModeState.Recovering, false, true, 3, 7, 100, 1, 1, 1, 2, 4));
        Assert.Equal("stream Healthy | lag 12.3 ms | symbols 3 | stops 7 | safety Recovering (submissions off) | HALTED | msgs 100 | fired 2 | skipped 4", line);
    }

    [Fact]
    public async Task A_short_replay_prints_status_lines_and_a_summary()
    {
        var cli = Cli(azurite.ConnectionString);
        var code = await cli.RunAsync("stream", "--replay", "synthetic:symbols=SPY;date=2024-03-04;trades=20000;seed=42", "--speed", "200", "--stop", "SPY:400:10", "--watch", "SPY", "--duration", "4");
        Assert.True(code == ExitCodes.Ok, cli.Out + cli.Error);
        Assert.Contains("stream Healthy", cli.Error, StringComparison.Ordinal);
        Assert.Contains("stream summary", cli.Out, StringComparison.Ordinal);
        Assert.Contains("stops fired", cli.Out, StringComparison.Ordinal);
    }
}
