using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Model;
using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Core.Streaming;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Persistence;
using Tessera.Exchange.Time;
using Tessera.Local.Hosting;
using Tessera.Stream.Engine;
using Tessera.Stream.Hosting;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera stream</c>: the always-on stream service run locally (docs/STREAM.md). Against a running local exchange
/// (<c>--exchange local</c>, TESSERA_EXCHANGE_URL), Alpaca paper (<c>--exchange paper</c>, APCA keys), or an exchange
/// started in this process replaying <c>--replay FILE</c> at <c>--speed N</c>. Stops are armed with <c>--stop</c> and
/// kept in Table storage (the embedded Azurite or TESSERA_STORAGE_CONNECTION_STRING); a status line refreshes every
/// second; Ctrl-C (or --duration) ends with a summary.
/// </summary>
public static class StreamCommand
{
    public static Command Build(CliContext context)
    {
        var exchange = new Option<string>("--exchange") { Description = "local (the local exchange; with --replay one is started in this process) or paper (Alpaca paper, APCA_API_KEY_ID / APCA_API_SECRET_KEY)", DefaultValueFactory = _ => "local" };
        var replay = new Option<string?>("--replay") { Description = "Replay this data (a trades CSV such as the SPY tape of 2013-10-07, or synthetic[:...]) on an exchange started in this process" };
        var speed = new Option<string>("--speed") { Description = "Replay speed: N times real time, or max", DefaultValueFactory = _ => "1" };
        var stops = new Option<string[]>("--stop") { Description = "Arm a virtual stop: SYMBOL:PRICE:QTY[:long|short] (repeatable)", AllowMultipleArgumentsPerToken = true };
        var watch = new Option<string?>("--watch") { Description = "Also watch these symbols (comma-separated)" };
        var duration = new Option<int>("--duration") { Description = "Stop after N seconds (0 = until Ctrl-C)", DefaultValueFactory = _ => 0 };
        var port = new Option<int>("--port") { Description = "Health endpoints on 127.0.0.1:PORT (0 = a free port)", DefaultValueFactory = _ => 0 };
        var storage = StorageOption.Create();
        var command = new Command("stream", "The stream service: market data and trade update WebSockets, heartbeat, safety mode, virtual stops");
        foreach (var o in new Option[] { exchange, replay, speed, stops, watch, duration, port, storage })
        {
            command.Options.Add(o);
        }

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var venue = parse.GetValue(exchange) switch
            {
                "local" => "local",
                "paper" => "alpaca-paper",
                var v => throw new TesseraValidationException("--exchange", v, "local or paper"),
            };
            var replayData = parse.GetValue(replay);
            if (replayData is not null && venue != "local")
            {
                throw new TesseraValidationException("--replay", replayData, "a replay runs on the local exchange: use --exchange local");
            }

            var (mode, factor) = ParseSpeed(parse.GetValue(speed)!);
            var armed = ParseStops(parse.GetValue(stops) ?? []);
            var seconds = parse.GetValue(duration);
            if (seconds < 0)
            {
                throw new TesseraValidationException("--duration", seconds.ToString(CultureInfo.InvariantCulture), "must be >= 0");
            }

            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            ExchangeHost? replayHost = null;
            try
            {
                if (replayData is not null)
                {
                    context.Console.MarkupLine("[grey]loading " + TerminalText.Escape(replayData) + "...[/]");
                    replayHost = await ExchangeHost.StartAsync(new ExchangeOptions { Tape = TapeSources.Load(replayData), ClockMode = mode, Speed = factor, RateLimitPerMinute = 0, Store = new InMemoryStateStore(), ReplayPaused = true }, ct).ConfigureAwait(false);
                }

                var overrides = new Dictionary<string, string?>(StringComparer.Ordinal) { [BrokerSelection.BrokerVariable] = venue };
                if (replayHost is not null)
                {
                    overrides[BrokerSelection.ExchangeUrlVariable] = replayHost.BaseAddress.ToString();
                }

                string? Environment(string name) => overrides.TryGetValue(name, out var v) ? v : context.Env(name);
                var trading = LocalTrading.Create(Environment, store);
                var runtime = trading.Runtime ?? throw new TesseraValidationException("config/trading.yaml", null, trading.Unavailable ?? "trading is not available");
                var settings = new StreamSettings
                {
                    // A replayed clock is not the host's: receive minus event time would be meaningless.
                    MeasureLag = LocalStreamService.MeasuresLag(runtime.Settings.Broker, replayHost is not null),
                    WatchedSymbols = (parse.GetValue(watch) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                };
                await using var worker = await LocalStreamService.StartAsync(runtime, Environment, settings, ct).ConfigureAwait(false);
                var desk = worker.Desk;
                foreach (var stop in armed)
                {
                    await worker.ArmAsync(stop, ct).ConfigureAwait(false);
                }

                await using var host = await StreamHost.StartAsync(() => worker.Engine.Status(worker.HeartbeatClock.GetUtcNow()), parse.GetValue(port), anyInterface: false, ct).ConfigureAwait(false);
                context.Console.MarkupLine($"[bold]Tessera stream service[/] on {TerminalText.Escape(desk.Broker.Descriptor.ToString())}; health {TerminalText.Escape(host.Address.ToString())}health/ready");
                replayHost?.StartReplay();
                var started = DateTime.UtcNow;
                using var until = seconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, until.Token);
                try
                {
                    while (!linked.IsCancellationRequested)
                    {
                        var s = await worker.OnLoopAsync((e, _) => Task.FromResult(e.Status(worker.HeartbeatClock.GetUtcNow())), linked.Token).ConfigureAwait(false);
                        context.Error.Write("\r" + StatusLine(s) + "   ");
                        await Task.Delay(1000, linked.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or --duration: the summary follows.
                }

                context.Error.WriteLine();
                Summary(context, worker.Engine, DateTime.UtcNow - started);
                if (trading.Events is { } events)
                {
                    await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                if (replayHost is not null)
                {
                    await replayHost.DisposeAsync().ConfigureAwait(false);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One line: connection, lag, symbols, stops, safety mode.</summary>
    public static string StatusLine(StreamServiceStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture, $"stream {s.Connection} | lag {s.LagMs:0.#} ms | symbols {s.Symbols} | stops {s.Stops} | safety {s.SafetyMode}{(s.SubmissionsAllowed ? string.Empty : " (submissions off)")}{(s.TradingStopped ? " | HALTED" : string.Empty)} | msgs {s.Messages} | fired {s.StopsFired} | skipped {s.Skipped}");
    }

    /// <summary>SYMBOL:PRICE:QTY[:long|short] → a stop with a readable id.</summary>
    public static IReadOnlyList<VirtualStop> ParseStops(IReadOnlyList<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var stops = new List<VirtualStop>(specs.Count);
        foreach (var spec in specs)
        {
            var parts = spec.Split(':');
            if (parts.Length is < 3 or > 4
                || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var price)
                || !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var qty))
            {
                throw new TesseraValidationException("--stop", spec, "SYMBOL:PRICE:QTY[:long|short], e.g. SPY:165.50:100");
            }

            var side = parts.Length == 4
                ? parts[3].ToUpperInvariant() switch { "LONG" => Side.Long, "SHORT" => Side.Short, _ => throw new TesseraValidationException("--stop", spec, "the side is long or short") }
                : Side.Long;
            var stop = new VirtualStop("cli-" + parts[0].ToUpperInvariant() + "-" + price.ToString(CultureInfo.InvariantCulture) + "-" + side.ToString().ToLowerInvariant(), parts[0].ToUpperInvariant(), side, price, qty);
            stop.Validate();
            stops.Add(stop);
        }

        return stops;
    }

    private static void Summary(CliContext context, StreamEngine engine, TimeSpan ran)
    {
        var c = engine.Counters;
        var table = new Table().AddColumns("stream summary", "value");
        void Row(string name, object value) => table.AddRow(TerminalText.Escape(name), TerminalText.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
        Row("ran", ran.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        Row("messages", c.Messages);
        Row("trades", c.Trades);
        Row("skipped (bad input)", c.SkippedTotal);
        Row("disconnects / reconnects", c.Disconnects + " / " + c.Reconnects);
        Row("heartbeat breaches", c.Breaches);
        Row("safety mode activations", c.SafetyActivations);
        Row("stops fired", c.StopsFired);
        Row("exits submitted / vetoed", c.ExitsSubmitted + " / " + c.ExitsVetoed);
        Row("exits queued / flushed stale", c.ExitsQueued + " / " + c.ExitsFlushedStale);
        Row("stops still armed", engine.Stops.Count);
        Row("safety mode now", engine.Safety.State);
        context.Console.Write(table);
    }

    private static (ClockMode Mode, double Speed) ParseSpeed(string text)
    {
        if (string.Equals(text, "max", StringComparison.OrdinalIgnoreCase))
        {
            return (ClockMode.AsFastAsPossible, 1);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 && v <= 1e7
            ? (ClockMode.Scaled, v)
            : throw new TesseraValidationException("--speed", text, "must be a number in (0, 1e7] or 'max'");
    }
}
