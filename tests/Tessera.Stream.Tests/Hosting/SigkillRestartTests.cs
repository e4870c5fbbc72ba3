using System.Diagnostics;
using System.Net;
using System.Text;
using Tessera.Core;
using Tessera.Core.Streaming;
using Tessera.Storage.Local;
using Tessera.Stream.Persistence;
using Tessera.Stream.Tests.Support;
using Tessera.Testing;
using Xunit;

namespace Tessera.Stream.Tests.Hosting;

/// <summary>
/// The service as its own process (the container's entry point, Tessera.Stream.dll) against the local exchange and
/// Azurite: a stop armed in Table storage, the process killed with SIGKILL (Process.Kill on Linux), started again; it
/// reloads the stop, reconciles, and the next breaching trade still exits the position.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SigkillRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Killed_with_sigkill_while_a_stop_is_armed_the_restarted_service_still_exits()
    {
        var tape = StreamHarness.Tape("SPY", (StreamHarness.At(9, 30), 100.00), (StreamHarness.At(10, 0), 100.00), (StreamHarness.At(10, 10), 99.40));
        await using var h = await StreamHarness.StartAsync(azurite.ConnectionString, tape, StreamHarness.At(10, 0, 0));
        await h.BuyAsync("SPY", 10m);
        var account = (await h.Parts.Broker.GetAccountAsync()).Id;
        var stops = new StopStore(h.Parts.Tables);
        await stops.EnsureTableAsync();
        await stops.SaveAsync(account, new VirtualStop("spy-stop", "SPY", Side.Long, 99.50m, 10m));

        var first = Start(h, out var firstPort, out _);
        try
        {
            await WaitReadyAsync(firstPort, first);
            first.Kill(); // SIGKILL: no shutdown, no flush
            await first.WaitForExitAsync();
        }
        finally
        {
            first.Dispose();
        }

        Assert.Single(await stops.LoadAsync(account));
        var second = Start(h, out var secondPort, out var output);
        try
        {
            await WaitReadyAsync(secondPort, second);
            await h.Host.AdvanceToAsync(StreamHarness.At(10, 10));
            await StreamHarness.WaitForAsync(async () => await h.PositionAtBrokerAsync("SPY") == 0m, "the stop exit after SIGKILL and restart", 30);
            await StreamHarness.WaitForAsync(() => Task.FromResult(Contains(output, "VIRTUAL_STOP_TRIGGERED")), "VIRTUAL_STOP_TRIGGERED on stdout", 10);
            Assert.False(Contains(output, "SAFETY_MODE_ACTIVATED"), "the exit must come from the stop, not from a safety flatten");
            Assert.Empty(await stops.LoadAsync(account));
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
            second.Dispose();
        }
    }

    private static bool Contains(StringBuilder output, string text)
    {
        lock (output)
        {
            return output.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    private Process Start(StreamHarness h, out int port, out StringBuilder output)
    {
        port = LoopbackPort.Free();
        var dll = Path.Combine(AppContext.BaseDirectory, "Tessera.Stream.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root() };
        start.Environment["TESSERA_TRADING_CONFIG"] = Path.Combine(RepositoryPaths.Root(), "config", "trading-demo.yaml");
        start.Environment["TESSERA_BROKER"] = "local";
        start.Environment["TESSERA_EXCHANGE_URL"] = h.Host.BaseAddress.ToString();
        start.Environment["TESSERA_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString;
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TESSERA_STREAM_MEASURE_LAG"] = "false";
        start.Environment["TESSERA_STREAM_LOOPBACK"] = "true";
        start.Environment.Remove("APCA_API_KEY_ID");
        start.Environment.Remove("APCA_API_SECRET_KEY");
        var process = Process.Start(start)!;
        var captured = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (captured)
            {
                captured.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (captured)
            {
                captured.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = captured;
        return process;
    }

    /// <summary>Ready, and the subscription acknowledged (connected, authenticated, subscription: three messages).</summary>
    private static async Task WaitReadyAsync(int port, Process process)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(2) };
        await StreamHarness.WaitForAsync(
            async () =>
            {
                Assert.False(process.HasExited, "the service exited with code " + (process.HasExited ? process.ExitCode : 0));
                try
                {
                    using var r = await http.GetAsync("health/ready");
                    var body = await r.Content.ReadAsStringAsync();
                    return r.StatusCode == HttpStatusCode.OK && System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("messages").GetInt64() >= 3;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            "the service to be ready",
            60);
    }
}
