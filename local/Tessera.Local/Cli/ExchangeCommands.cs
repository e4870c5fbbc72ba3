using Tessera.Core.Markets;
using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Json;
using Tessera.Core.Errors;
using Tessera.Exchange;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Market;
using Tessera.Exchange.Persistence;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Local.Hosting;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera exchange serve</c>: the local Alpaca-compatible exchange on 127.0.0.1 until Ctrl-C, replaying --data on a
/// clock running --speed times real time ("max": as fast as possible), with faults from --faults, the account kept in
/// Table storage (the embedded Azurite, or $TESSERA_STORAGE_CONNECTION_STRING).
/// </summary>
public static class ExchangeCommands
{
    public static Command Build(CliContext context)
    {
        var exchange = new Command("exchange", "The local Alpaca-compatible exchange (REST + both WebSocket streams, replayed market data, fault injection)");
        exchange.Subcommands.Add(BuildServe(context));
        return exchange;
    }

    private static Command BuildServe(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 7080 };
        var speed = new Option<string>("--speed") { Description = "Clock speed: 1 = real time, N = N times faster, max = as fast as possible", DefaultValueFactory = _ => "1" };
        var data = new Option<string>("--data") { Description = "synthetic[:symbols=SPY,QQQ;date=2024-03-04;trades=20000;seed=42], scan-demo (the order path's demo market: 260 sessions of AAA..DDD, scan at 2024-03-13 10:30 New York), or CSV files (trades or bars, .gz ok), comma-separated", DefaultValueFactory = _ => TapeSources.DefaultSynthetic };
        var start = new Option<string?>("--start") { Description = "Clock start, RFC 3339 (default: one minute before the first replayed event)" };
        var faults = new Option<string?>("--faults") { Description = "Fault plan: a JSON file or inline JSON (see docs/BROKER.md); also POST /admin/faults" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of ids, fault decisions and synthetic data", DefaultValueFactory = _ => 42UL };
        var cash = new Option<decimal>("--starting-cash") { Description = "Cash of a new (or reset) account", DefaultValueFactory = _ => 100_000m };
        var multiplier = new Option<decimal>("--multiplier") { Description = "1 = cash account, 2 = Reg T margin, 4 = day-trading buying power", DefaultValueFactory = _ => 2m };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Requests per minute per key (Alpaca: 200; 0 = off)", DefaultValueFactory = _ => 200 };
        var memory = new Option<bool>("--memory") { Description = "Keep the account in memory only (no storage; lost at exit)" };
        var reset = new Option<bool>("--reset") { Description = "Reset the stored account to --starting-cash before serving" };
        var account = new Option<string>("--account") { Description = "Account key in storage (several accounts can share one store)", DefaultValueFactory = _ => "local" };
        var storage = StorageOption.Create();
        var command = new Command("serve", "Serve the local exchange on 127.0.0.1 until Ctrl-C");
        foreach (var o in new Option[] { port, speed, data, start, faults, seed, cash, multiplier, rateLimit, memory, reset, account, storage })
        {
            command.Options.Add(o);
        }

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var (mode, factor) = ParseSpeed(parse.GetValue(speed)!);
            var plan = ReadFaults(parse.GetValue(faults));
            var startAt = parse.GetValue(start) is { } s ? (Rfc3339.TryParse(s, out var t) ? t : throw new TesseraValidationException("--start", s, "must be an RFC 3339 timestamp")) : (DateTimeOffset?)null;
            if (parse.GetValue(multiplier) is not (1m or 2m or 4m))
            {
                throw new TesseraValidationException("--multiplier", parse.GetValue(multiplier).ToString(CultureInfo.InvariantCulture), "must be 1, 2 or 4");
            }

            if (parse.GetValue(cash) is <= 0 or > 1_000_000_000_000m)
            {
                throw new TesseraValidationException("--starting-cash", parse.GetValue(cash).ToString(CultureInfo.InvariantCulture), "must be in (0, 1e12]");
            }

            context.Console.MarkupLine("[grey]loading market data...[/]");
            var tape = TapeSources.Load(parse.GetValue(data)!, parse.GetValue(seed));
            LocalStorage? local = null;
            IExchangeStateStore store = new InMemoryStateStore();
            if (!parse.GetValue(memory))
            {
                local = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
                store = new TableStateStore(local.ConnectionString);
            }

            await using (local)
            {
                var options = new ExchangeOptions
                {
                    Port = parse.GetValue(port),
                    Tape = tape,
                    ClockMode = mode,
                    Speed = factor,
                    Start = startAt,
                    KeyId = context.Env(BrokerSelection.ExchangeKeyIdVariable) ?? BrokerSelection.DefaultExchangeKeyId,
                    SecretKey = context.Env(BrokerSelection.ExchangeSecretVariable) ?? BrokerSelection.DefaultExchangeSecret,
                    RateLimitPerMinute = parse.GetValue(rateLimit),
                    Faults = plan,
                    Store = store,
                    AccountKey = parse.GetValue(account)!,
                    Venue = new VenueOptions { Seed = parse.GetValue(seed), StartingCash = parse.GetValue(cash), Multiplier = parse.GetValue(multiplier) },
                    Log = message => context.Error.WriteLine(message),
                };
                await using var host = await ExchangeHost.StartAsync(options, ct).ConfigureAwait(false);
                if (parse.GetValue(reset))
                {
                    await host.ResetAsync(ct).ConfigureAwait(false);
                }

                PrintBanner(context, host, tape, options, local?.Description ?? store.Description, parse.GetValue(reset));
                try
                {
                    await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: disposing stops the replay and the server and saves the account.
                }
            }

            return ExitCodes.Ok;
        });
        return command;
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

    private static FaultPlan ReadFaults(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return FaultPlan.None;
        }

        var json = text.TrimStart().StartsWith('{') ? text : (File.Exists(text) ? File.ReadAllText(text) : throw new TesseraValidationException("--faults", text, "is neither a file nor inline JSON"));
        var (plan, error) = FaultPlanJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        return plan ?? throw new TesseraValidationException("--faults", text.Length > 60 ? text[..60] : text, error!.Message);
    }

    private static void PrintBanner(CliContext context, ExchangeHost host, MarketTape tape, ExchangeOptions options, string storage, bool reset)
    {
        var inv = CultureInfo.InvariantCulture;
        context.Console.MarkupLine($"[bold]Tessera local exchange[/] (Alpaca protocol) listening on {TerminalText.Escape(host.BaseAddress.ToString())}");
        context.Console.MarkupLine($"  streams: {TerminalText.Escape(new UriBuilder(host.BaseAddress) { Scheme = "ws" }.Uri.ToString())}stream (trade updates), .../v2/iex|sip (market data)");
        var clock = options.ClockMode == ClockMode.AsFastAsPossible ? "as fast as possible" : "x" + options.Speed.ToString("G", inv);
        context.Console.MarkupLine($"  clock: {TerminalText.Escape(host.Clock.Now.ToString("yyyy-MM-dd HH:mm:ss'Z'", inv))}, {TerminalText.Escape(clock)}");
        var span = tape.TradeCount > 0
            ? $"{DateTimeOffset.FromUnixTimeMilliseconds(tape.TradeTs[0]):yyyy-MM-dd HH:mm} .. {DateTimeOffset.FromUnixTimeMilliseconds(tape.TradeTs[^1]):yyyy-MM-dd HH:mm} UTC"
            : "empty";
        context.Console.MarkupLine($"  data: {tape.Symbols.Count} symbols, {tape.TradeCount.ToString("N0", inv)} prints, {tape.QuoteCount.ToString("N0", inv)} quotes ({TerminalText.Escape(span)})");
        context.Console.MarkupLine($"  account: {TerminalText.Escape(storage)}{(host.Restored && !reset ? " (restored)" : reset ? " (reset)" : " (new)")}");
        var keys = context.Env(BrokerSelection.ExchangeKeyIdVariable) is null ? "the development keys (tessera broker uses them by default)" : "from $" + BrokerSelection.ExchangeKeyIdVariable + " / $" + BrokerSelection.ExchangeSecretVariable;
        context.Console.MarkupLine($"  keys: {TerminalText.Escape(keys)}; rate limit {(options.RateLimitPerMinute == 0 ? "off" : options.RateLimitPerMinute.ToString(inv) + "/min")}");
        if (options.Faults != FaultPlan.None)
        {
            context.Console.MarkupLine("  [yellow]faults on[/] (GET /admin/faults to see them)");
        }

        context.Console.MarkupLine($"  try: tessera broker account   (TESSERA_EXCHANGE_URL={TerminalText.Escape(host.BaseAddress.ToString())} if not on port 7080)");
        context.Console.MarkupLine("  Ctrl-C to stop");
    }
}
