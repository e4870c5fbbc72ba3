using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;

namespace Tessera.Local.Cli;

/// <summary>
/// <c>tessera broker account|positions|orders|order|cancel|close|clock</c>: thin host over <see cref="IBroker"/>. The broker
/// is chosen explicitly (--broker, else TESSERA_BROKER, else the local exchange) and printed first; keys are read for
/// that broker only; alpaca-live also needs --live. Tables on the terminal, --json for machines (the broker line then
/// goes to stderr so stdout stays JSON).
/// </summary>
public static class BrokerCommands
{
    private static readonly JsonSerializerOptions JsonOut = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static Command Build(CliContext context)
    {
        var broker = new Command("broker", "Account, positions and orders at the chosen broker (default: the local exchange; see 'tessera exchange serve')");
        broker.Subcommands.Add(Simple(context, "account", "Cash, equity, buying power", async (b, ct) => Account(await b.GetAccountAsync(ct).ConfigureAwait(false))));
        broker.Subcommands.Add(Simple(context, "positions", "Open positions", async (b, ct) => Positions(await b.GetPositionsAsync(ct).ConfigureAwait(false))));
        broker.Subcommands.Add(Simple(context, "clock", "Market clock: open now, next open and close", async (b, ct) => Clock(await b.GetClockAsync(ct).ConfigureAwait(false))));
        broker.Subcommands.Add(BuildOrders(context));
        broker.Subcommands.Add(WithArgument(context, "order", "ID", "Order id or client order id", "One order", async (b, id, ct) =>
            await b.FindOrderAsync(id, ct).ConfigureAwait(false) is { } o ? Orders([o]) : throw new Tessera.Core.Errors.TesseraValidationException("ID", id, "no order with this id or client order id at the broker")));
        broker.Subcommands.Add(WithArgument(context, "cancel", "ID", "Order id", "Cancel an open order", async (b, id, ct) =>
        {
            await b.CancelOrderAsync(id, ct).ConfigureAwait(false);
            return Output.Text("cancel requested for order " + id);
        }));
        broker.Subcommands.Add(WithArgument(context, "close", "SYMBOL", "Symbol of the position", "Close a position (sends a market order for the whole quantity)", async (b, symbol, ct) =>
            Orders([await b.ClosePositionAsync(new Instrument(symbol.Trim().ToUpperInvariant(), AssetClass.UsEquity), ct).ConfigureAwait(false)])));
        return broker;
    }

    private static Command BuildOrders(CliContext context)
    {
        var status = new Option<string>("--status") { Description = "open, closed or all", DefaultValueFactory = _ => "open" };
        var limit = new Option<int>("--limit") { Description = "At most this many (1..500), newest first", DefaultValueFactory = _ => 50 };
        var command = Common(new Command("orders", "Orders, newest first"), out var options);
        command.Options.Add(status);
        command.Options.Add(limit);
        command.SetGuardedAction(context, (parse, ct) => RunAsync(context, parse, options, async (b, c) =>
        {
            var filter = Wire<OrderStatusFilter>.TryParse(parse.GetValue(status), out var f) ? f : throw new Tessera.Core.Errors.TesseraValidationException("--status", parse.GetValue(status), "must be open, closed or all");
            var n = parse.GetValue(limit);
            if (n is < 1 or > 500)
            {
                throw new Tessera.Core.Errors.TesseraValidationException("--limit", n.ToString(CultureInfo.InvariantCulture), "must be in 1..500");
            }

            return Orders(await b.GetOrdersAsync(filter, n, c).ConfigureAwait(false));
        }, ct));
        return command;
    }

    private sealed record CommonOptions(Option<string?> Broker, Option<bool> Live, Option<bool> Json);

    private static Command Common(Command command, out CommonOptions options)
    {
        options = new CommonOptions(
            new Option<string?>("--broker") { Description = "local, alpaca-paper or alpaca-live (default: $TESSERA_BROKER, else local)" },
            new Option<bool>("--live") { Description = "Confirms that --broker alpaca-live may trade real money" },
            new Option<bool>("--json") { Description = "Print JSON instead of a table" });
        command.Options.Add(options.Broker);
        command.Options.Add(options.Live);
        command.Options.Add(options.Json);
        return command;
    }

    private static Command Simple(CliContext context, string name, string description, Func<IBroker, CancellationToken, Task<Output>> body)
    {
        var command = Common(new Command(name, description), out var options);
        command.SetGuardedAction(context, (parse, ct) => RunAsync(context, parse, options, body, ct));
        return command;
    }

    private static Command WithArgument(CliContext context, string name, string argument, string argumentDescription, string description, Func<IBroker, string, CancellationToken, Task<Output>> body)
    {
        var arg = new Argument<string>(argument) { Description = argumentDescription };
        var command = Common(new Command(name, description), out var options);
        command.Arguments.Add(arg);
        command.SetGuardedAction(context, (parse, ct) => RunAsync(context, parse, options, (b, c) => body(b, parse.GetValue(arg)!, c), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, CommonOptions options, Func<IBroker, CancellationToken, Task<Output>> body, CancellationToken ct)
    {
        var target = BrokerSelection.ResolveTarget(parse.GetValue(options.Broker), context.Env);
        using var broker = new AlpacaBroker(BrokerSelection.Resolve(target, context.Env, parse.GetValue(options.Live)));
        var json = parse.GetValue(options.Json);
        var banner = $"broker: {broker.Descriptor}";
        if (json)
        {
            await context.Error.WriteLineAsync(banner).ConfigureAwait(false);
        }
        else
        {
            context.Console.MarkupLine(broker.Descriptor.IsLive ? $"[bold red]{TerminalText.Escape(banner)}[/]" : $"[grey]{TerminalText.Escape(banner)}[/]");
        }

        try
        {
            var output = await body(broker, ct).ConfigureAwait(false);
            if (json)
            {
                await context.Console.Profile.Out.Writer.WriteLineAsync(JsonSerializer.Serialize(output.Data, JsonOut)).ConfigureAwait(false);
            }
            else if (output.Table is { } table)
            {
                context.Console.Write(table);
            }
            else
            {
                context.Console.MarkupLine(TerminalText.Escape(output.Message ?? string.Empty));
            }

            return ExitCodes.Ok;
        }
        catch (AlpacaTransportException ex)
        {
            var hint = target == BrokerTarget.Local ? " (is the local exchange running? start it with 'tessera exchange serve')" : string.Empty;
            await context.Error.WriteLineAsync($"error: cannot reach {broker.Descriptor.Name}: {ex.Reason}{hint}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (AlpacaApiException ex)
        {
            await context.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ex.Kind is AlpacaErrorKind.Unauthorized ? ExitCodes.Unavailable : ExitCodes.Failed;
        }
        catch (AlpacaProtocolException ex)
        {
            await context.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    private sealed record Output(object? Data, Table? Table, string? Message)
    {
        public static Output Text(string message) => new(new { message }, null, message);
    }

    private static string Money(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Num(decimal? v) => v?.ToString("0.########", CultureInfo.InvariantCulture) ?? "-";

    private static Output Account(BrokerAccount a)
    {
        var t = new Table().AddColumn("field").AddColumn(new TableColumn("value").RightAligned());
        t.AddRow("id", TerminalText.Escape(a.Id));
        t.AddRow("status", TerminalText.Escape(a.Status) + (a.TradingBlocked ? " [red](trading blocked)[/]" : string.Empty));
        t.AddRow("cash", Money(a.Cash) + " " + TerminalText.Escape(a.Currency));
        t.AddRow("equity", Money(a.Equity));
        t.AddRow("last equity (previous close)", Money(a.LastEquity));
        t.AddRow("buying power", Money(a.BuyingPower));
        t.AddRow("long market value", Money(a.LongMarketValue));
        t.AddRow("short market value", Money(a.ShortMarketValue));
        t.AddRow("multiplier", Num(a.Multiplier));
        return new Output(a, t, null);
    }

    private static Output Positions(IReadOnlyList<BrokerPosition> positions)
    {
        var t = new Table().AddColumn("symbol").AddColumn("class");
        foreach (var c in new[] { "qty", "avg entry", "price", "market value", "unrealized P&L" })
        {
            t.AddColumn(new TableColumn(TerminalText.Escape(c)).RightAligned());
        }

        foreach (var p in positions)
        {
            t.AddRow(TerminalText.Escape(p.Instrument.Symbol), Wire<AssetClass>.Name(p.Instrument.AssetClass), Num(p.Quantity), Num(p.AverageEntryPrice), Num(p.MarketPrice), p.MarketValue is { } mv ? Money(mv) : "-", p.UnrealizedPnl is { } pl ? Money(pl) : "-");
        }

        return positions.Count == 0 ? new Output(positions, null, "no open positions") : new Output(positions, t, null);
    }

    private static Output Orders(IReadOnlyList<BrokerOrder> orders)
    {
        var t = new Table().AddColumns("id", "client order id", "symbol", "side", "type", "tif");
        foreach (var c in new[] { "qty", "filled", "avg price", "limit", "stop" })
        {
            t.AddColumn(new TableColumn(c).RightAligned());
        }

        t.AddColumns("status", "submitted");
        foreach (var o in orders)
        {
            t.AddRow(
                TerminalText.Escape(o.Id),
                TerminalText.Escape(o.ClientOrderId),
                TerminalText.Escape(o.Instrument.Symbol),
                Name(o.Side),
                Name(o.Type),
                Name(o.TimeInForce),
                o.Quantity is null && o.Notional is { } n ? "$" + Num(n) : Num(o.Quantity),
                Num(o.FilledQuantity),
                Num(o.AverageFillPrice),
                Num(o.LimitPrice),
                Num(o.StopPrice),
                Name(o.Status),
                o.SubmittedAt?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-");
        }

        return orders.Count == 0 ? new Output(orders, null, "no orders") : new Output(orders, t, null);
    }

    private static Output Clock(MarketClock c)
    {
        var t = new Table().AddColumns("field", "value");
        t.AddRow("now", c.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        t.AddRow("market", c.IsOpen ? "[green]open[/]" : "closed");
        t.AddRow("next open", c.NextOpen.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
        t.AddRow("next close", c.NextClose.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
        return new Output(c, t, null);
    }

    private static string Name<T>(T value)
        where T : struct, Enum => value.Equals(default(T)) ? "?" : Wire<T>.Name(value);
}
