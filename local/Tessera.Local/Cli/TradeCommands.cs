using System.CommandLine;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Tessera.Core.Errors;
using Tessera.Local.Hosting;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Trading;
using Tessera.Trading.Desk;
using Tessera.Trading.Safety;

namespace Tessera.Local.Cli;

/// <summary>
/// The order path on the command line: <c>tessera trade preflight|scan|status|orders|reconcile</c>,
/// <c>tessera halt</c>, <c>tessera resume</c>, <c>tessera audit verify|show</c>. Each opens the embedded storage (or
/// TESSERA_STORAGE_CONNECTION_STRING), builds the same <see cref="TradingRuntime"/> as `tessera serve` and the Functions
/// app, and calls one <see cref="TradingCommands"/> operation. The broker is TESSERA_BROKER (default: the local exchange,
/// `tessera exchange serve`); alpaca-live needs TESSERA_LIVE_CONFIRMED=true. Exit codes: 0 ok, 1 refused or a check
/// failed, 2 bad input or configuration, 3 broker or storage unavailable.
/// </summary>
public static class TradeCommands
{
    public static Command BuildTrade(CliContext context)
    {
        var trade = new Command("trade", "The order path: preflight, market scan, status, orders, reconciliation (broker: $TESSERA_BROKER, default the local exchange)");
        trade.Subcommands.Add(Build(context, "preflight", "The seed's preflight: configuration, keys, config pin, broker account probe, clock, storage", PreflightAsync));
        trade.Subcommands.Add(BuildScan(context));
        trade.Subcommands.Add(Build(context, "status", "Kill switch and halt, account, session, opening equity and drawdown, today's ledger", StatusAsync));
        trade.Subcommands.Add(Build(context, "orders", "The order manager's orders, newest first", OrdersAsync));
        var repair = new Option<bool>("--repair") { Description = "Adopt the broker's truth for every difference and record each adoption in the ledger" };
        var reconcile = Build(context, "reconcile", "Compare local orders with the broker's and report every difference", (c, r, p, ct) => ReconcileAsync(c, r, p.GetValue(repair), ct));
        reconcile.Options.Add(repair);
        trade.Subcommands.Add(reconcile);
        trade.Subcommands.Add(BuildRebalance(context));
        trade.Subcommands.Add(SepTradeCommand.Build(context));
        trade.Subcommands.Add(BuildKillSwitch(context));
        return trade;
    }

    /// <summary>`tessera trade kill-switch` lists the kill switch's actions; `... clear ACTION --reason TEXT` ends one (audited in the governance chain).</summary>
    private static Command BuildKillSwitch(CliContext context)
    {
        var command = Build(context, "kill-switch", "The kill-switch matrix's actions on the account (in force and cleared); clear one with `clear ACTION --reason`", async (c, r, p, ct) =>
        {
            var table = new Table().AddColumns("action", "in force", "condition", "fired", "detail", "cleared");
            foreach (var a in await r.Commands.KillSwitchActionsAsync(ct).ConfigureAwait(false))
            {
                var detail = a.Kind switch
                {
                    Tessera.Core.Governance.KillSwitchActionKind.DeRisk => string.Join("; ", a.Legs.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Side} {l.Quantity} {l.Symbol} {l.Status}"))),
                    Tessera.Core.Governance.KillSwitchActionKind.RestrictToList => string.Join(",", a.Symbols ?? []),
                    Tessera.Core.Governance.KillSwitchActionKind.SwitchToBaseProfile => "profile " + a.BaseProfile,
                    _ => a.Reason,
                };
                table.AddRow(a.Name, a.Active ? "yes" : "no", a.Condition, a.FiredAt.ToString("u", CultureInfo.InvariantCulture), TerminalText.Escape(detail), TerminalText.Escape(a.ClearedAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) + " by " + a.ClearedBy + ": " + a.ClearReason : string.Empty));
            }

            c.Console.Write(table);
            return ExitCodes.Ok;
        });
        var action = new Argument<string>("action") { Description = string.Join(" | ", KillSwitchActionNames.Clearable) };
        var reason = new Option<string>("--reason") { Description = "Why the action may end (recorded in the governance chain)", Required = true };
        var clear = Build(context, "clear", "End a kill-switch action in force: reason required, recorded in the governance chain", async (c, r, p, ct) =>
        {
            try
            {
                var report = await r.Commands.ClearKillSwitchActionAsync(p.GetValue(action)!, p.GetValue(reason)!, Actor(c), ct).ConfigureAwait(false);
                c.Console.MarkupLine("[green]cleared[/] " + TerminalText.Escape(report.Action) + " (" + report.Cleared.Count.ToString(CultureInfo.InvariantCulture) + " firing(s)); governance block " + report.Block.Index.ToString(CultureInfo.InvariantCulture) + " " + report.Block.Hash[..12]);
                return ExitCodes.Ok;
            }
            catch (KillSwitchClearRefusedException refused)
            {
                await c.Error.WriteLineAsync("error: " + refused.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        clear.Arguments.Add(action);
        clear.Options.Add(reason);
        command.Subcommands.Add(clear);
        return command;
    }

    private static Command BuildRebalance(CliContext context)
    {
        var weights = new Option<string?>("--weights") { Description = "Target weights SYMBOL=W,... (fractions of equity, long-only)" };
        var run = new Option<string?>("--run") { Description = "Or: the weights.json of a completed run (its symbols must be tradable at the broker)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Decide and audit every order, submit none" };
        var command = Build(context, "rebalance", "Move the account toward target weights: every order through the same gates, audited, submitted once", async (c, r, p, store, ct) =>
        {
            var targets = await TargetsAsync(store, p.GetValue(weights), p.GetValue(run), ct).ConfigureAwait(false);
            var desk = await r.Services.OpenDeskAsync(ct).ConfigureAwait(false);
            var outcome = await RebalanceRunner.RunAsync(desk, targets.Weights, targets.Source, "rebalance-" + DateTimeOffset.UtcNow.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture), p.GetValue(dryRun), ct).ConfigureAwait(false);
            var table = new Table().AddColumns("symbol", "side", "qty", "decision", "reason");
            foreach (var d in outcome.Decisions)
            {
                var i = d.Decision.Intent;
                table.AddRow(TerminalText.Escape(d.Decision.Symbol), TerminalText.Escape(i?.Side.ToString() ?? d.SignalReason), i?.Quantity?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, d.Decision.Outcome.ToString(), TerminalText.Escape(d.Decision.Veto ?? d.Decision.Detail));
            }

            c.Console.Write(table);
            c.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"turnover {outcome.Plan.TurnoverBefore:P2} → {outcome.Plan.TurnoverAfter:P2} of equity (scale {outcome.Plan.TurnoverScale:0.###}); {outcome.Decisions.Count} order(s) decided, {outcome.Submissions.Count} submitted{(outcome.DryRun ? " (dry run)" : string.Empty)}"));
            foreach (var note in outcome.Plan.Notes)
            {
                c.Console.MarkupLine("[yellow]note:[/] " + TerminalText.Escape(note));
            }

            return ExitCodes.Ok;
        });
        command.Options.Add(weights);
        command.Options.Add(run);
        command.Options.Add(dryRun);
        return command;
    }

    private static async Task<(IReadOnlyDictionary<string, double> Weights, string Source)> TargetsAsync(LocalStorage store, string? weights, string? run, CancellationToken ct)
    {
        if ((weights is null) == (run is null))
        {
            throw new TesseraValidationException("--weights", weights, "give exactly one of --weights and --run");
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (weights is not null)
        {
            foreach (var part in weights.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !double.IsFinite(w))
                {
                    throw new TesseraValidationException("--weights", part, "each entry is SYMBOL=WEIGHT with a finite number");
                }

                if (!result.TryAdd(part[..eq].Trim().ToUpperInvariant(), w))
                {
                    throw new TesseraValidationException("--weights", part, "a symbol is listed twice");
                }
            }

            return (result, "weights");
        }

        var runId = Tessera.Orchestrations.Runs.RunId.Validate(run, "--run");
        var bytes = await new Tessera.Orchestrations.Artifacts.RunArtifactStore(store.Blobs).ReadAsync(runId, "weights.json", ct).ConfigureAwait(false);
        var artifact = System.Text.Json.JsonSerializer.Deserialize<Tessera.Orchestrations.LifeCycle.WeightsArtifact>(bytes, Tessera.Orchestrations.Artifacts.ArtifactJson.Options)!;
        foreach (var w in artifact.Weights)
        {
            result[w.Symbol] = w.Weight;
        }

        return (result, "run:" + runId);
    }

    public static Command BuildHalt(CliContext context)
    {
        var reason = new Option<string>("--reason") { Description = "Why (recorded in the ledger)", Required = true };
        var flatten = new Option<bool>("--flatten") { Description = "Also cancel every open order and close every position (like the seed's make halt)" };
        var command = Build(context, "halt", "Set the kill switch: no new order passes the gates until 'tessera resume'", async (c, r, p, ct) =>
        {
            var report = await r.Commands.HaltAsync(p.GetValue(reason)!, Actor(c), p.GetValue(flatten), ct).ConfigureAwait(false);
            c.Console.MarkupLine($"[bold red]trading halted[/] (kill switch on){(report.Flattened ? $": {report.CancelledOrderIds.Count} order(s) cancelled, {report.ClosingOrders.Count} position(s) closing" : string.Empty)}");
            if (!report.Complete)
            {
                c.Console.MarkupLine($"[red]NOT COMPLETE:[/] {report.OrdersStillOpen.Count} order(s) still open, {report.PositionsNotClosed.Count} position(s) not closed: {TerminalText.Escape(string.Join(", ", report.PositionsNotClosed))}");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        command.Options.Add(reason);
        command.Options.Add(flatten);
        return command;
    }

    public static Command BuildResume(CliContext context)
    {
        var reason = new Option<string>("--reason") { Description = "Why trading may resume (recorded in the ledger)", Required = true };
        var approve = new Option<string?>("--approve") { Description = "SOP-02 approval record: the approval's reason (required the same day after the circuit breaker)" };
        var approver = new Option<string?>("--approver") { Description = "SOP-02 approval record: who approved" };
        var command = Build(context, "resume", "Clear the kill switch and halt (after a circuit-breaker halt the same day: --approve \"reason\" --approver NAME)", async (c, r, p, ct) =>
        {
            try
            {
                await r.Commands.ResumeAsync(p.GetValue(reason)!, Actor(c), p.GetValue(approver), p.GetValue(approve), ct).ConfigureAwait(false);
            }
            catch (ResumeRefusedException refused)
            {
                await c.Error.WriteLineAsync("error: " + refused.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            c.Console.MarkupLine("[green]trading resumed[/]");
            return ExitCodes.Ok;
        });
        command.Options.Add(reason);
        command.Options.Add(approve);
        command.Options.Add(approver);
        return command;
    }

    public static Command BuildAudit(CliContext context)
    {
        var audit = new Command("audit", "The hash-chained audit ledger: verify the chains, show a day's blocks");
        var date = new Option<string?>("--date") { Description = "New York trading day yyyy-MM-dd (verify: default every day; show: default today)" };
        // --chain governance verifies the governance chain, which needs no broker; account is the order path's chain.
        var chain = new Option<string>("--chain") { Description = "account (the order path's chain, default) or governance (promotions, demotions, kill-switch firings)", DefaultValueFactory = _ => "account" };
        var verifyStorage = StorageOption.Create();
        var verify = new Command("verify", "Recompute every block's hash and link; name the first bad block");
        verify.Options.Add(date);
        verify.Options.Add(chain);
        verify.Options.Add(verifyStorage);
        verify.SetGuardedAction(context, async (p, ct) =>
        {
            var which = p.GetValue(chain);
            var day = Date(p.GetValue(date));
            if (which == "governance")
            {
                return await GovernanceCommands.VerifyChainAsync(context, p.GetValue(verifyStorage), day, ct).ConfigureAwait(false);
            }

            if (which != "account")
            {
                throw new TesseraValidationException("--chain", which, "account or governance");
            }

            await using var store = await LocalStorage.OpenAsync(context, p.GetValue(verifyStorage), ct).ConfigureAwait(false);
            var local = LocalTrading.Create(context.Env, store);
            try
            {
                return await VerifyAsync(context, Require(local), day, ct).ConfigureAwait(false);
            }
            finally
            {
                if (local.Events is { } events)
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
        var limit = new Option<int>("--limit") { Description = "Blocks to show (1..1000)", DefaultValueFactory = _ => 50 };
        var show = Build(context, "show", "The blocks of one day's chain", (c, r, p, ct) => ShowAsync(c, r, Date(p.GetValue(date)), p.GetValue(limit), ct));
        show.Options.Add(date);
        show.Options.Add(limit);
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(show);
        return audit;
    }

    private static Command BuildScan(CliContext context)
    {
        var slot = new Option<string?>("--slot") { Description = "Scan id (a-z, 0-9, '-'); default: manual-<broker time>. A slot that already ran is reported, not re-run" };
        var storage = StorageOption.Create();
        var command = new Command("scan", "Run one market scan now (durable orchestration: decide, submit each approved order once, summarize) and print its summary");
        command.Options.Add(slot);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            await using var runtime = await LocalRuntime.StartAsync(store, ProfileCatalog.Locate(context.Env("TESSERA_PROFILES_DIR")), DurableSettings.From(context), ct, context.Env).ConfigureAwait(false);
            var trading = Require(runtime.Trading);
            var desk = await trading.Services.OpenDeskAsync(ct).ConfigureAwait(false);
            var now = (await desk.ClockAsync(ct).ConfigureAwait(false)).Now;
            var id = parse.GetValue(slot) ?? "manual-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var start = await TradingCommands.StartScanAsync(runtime.Client, id, ct).ConfigureAwait(false);
            context.Console.MarkupLine($"scan [bold]{TerminalText.Escape(start.Slot)}[/] {(start.Started ? "started" : "already ran: showing its result")} at broker time {now:u} ({TerminalText.Escape(desk.Broker.Descriptor.ToString())}, profile {TerminalText.Escape(desk.Profile.Name)})");
            var final = await runtime.Client.WaitForInstanceCompletionAsync(start.InstanceId, getInputsAndOutputs: true, ct).ConfigureAwait(false);
            if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                await context.Error.WriteLineAsync($"scan {start.Slot} ended {final.RuntimeStatus}: {final.FailureDetails?.ErrorMessage}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            PrintSummary(context, final.ReadOutputAs<ScanSummary>()!);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Build(CliContext context, string name, string description, Func<CliContext, TradingRuntime, ParseResult, CancellationToken, Task<int>> body) =>
        Build(context, name, description, (c, r, p, _, ct) => body(c, r, p, ct));

    private static Command Build(CliContext context, string name, string description, Func<CliContext, TradingRuntime, ParseResult, LocalStorage, CancellationToken, Task<int>> body)
    {
        var storage = StorageOption.Create();
        var command = new Command(name, description);
        command.Options.Add(storage);
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var store = await LocalStorage.OpenAsync(context, parse.GetValue(storage), ct).ConfigureAwait(false);
            var local = LocalTrading.Create(context.Env, store);
            var trading = Require(local);
            try
            {
                return await body(context, trading, parse, store, ct).ConfigureAwait(false);
            }
            finally
            {
                // Alerts (a halt's, a refused resume's) go out in the background: deliver them before the process exits.
                if (local.Events is { } events)
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    private static TradingRuntime Require(LocalTrading trading) =>
        trading.Runtime ?? throw new TesseraValidationException("trading", null, trading.Unavailable ?? "trading is not available");

    private static string Actor(CliContext context) => context.Env("USER") is { Length: > 0 and <= 64 } user ? "cli:" + user : "cli";

    private static DateOnly? Date(string? text) => text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new TesseraValidationException("--date", text, "must be yyyy-MM-dd (New York trading day)");

    private static async Task<int> PreflightAsync(CliContext context, TradingRuntime trading, ParseResult parse, CancellationToken ct)
    {
        var isLive = trading.Settings.Broker == Tessera.Alpaca.Configuration.BrokerTarget.AlpacaLive;
        // Keys are probed as if live were confirmed, so a missing key and a missing confirmation are reported apart.
        bool keysPresent;
        try
        {
            Tessera.Alpaca.Configuration.BrokerSelection.Resolve(trading.Settings.Broker, context.Env, liveConfirmed: true);
            keysPresent = true;
        }
        catch (TesseraValidationException)
        {
            keysPresent = false;
        }

        var host = PreflightChecks.HostChecks(trading.Configuration, trading.Settings.Broker.ToString(), keysPresent, isLive, trading.Settings.LiveConfirmed);
        var report = host.All(c => c.Passed)
            ? await PreflightChecks.RunAsync(await trading.Services.OpenDeskAsync(ct).ConfigureAwait(false), host, DateTimeOffset.UtcNow, virtualClock: trading.Settings.Broker == Tessera.Alpaca.Configuration.BrokerTarget.Local, ct).ConfigureAwait(false)
            : new PreflightReport(host, trading.Configuration.ConfigPin, null); // no broker call without keys or confirmation
        var table = new Table().AddColumns("check", "result", "detail");
        foreach (var c in report.Checks)
        {
            table.AddRow(TerminalText.Escape(c.Name), c.Passed ? "[green]ok[/]" : "[red]FAILED[/]", TerminalText.Escape(c.Detail));
        }

        context.Console.Write(table);
        context.Console.MarkupLine(report.Passed ? "[green]preflight passed[/] (config pin " + report.ConfigPin[..12] + "…)" : "[red]preflight failed[/]");
        return report.ExitCode;
    }

    private static async Task<int> StatusAsync(CliContext context, TradingRuntime trading, ParseResult parse, CancellationToken ct)
    {
        var s = await trading.Commands.StatusAsync(ct).ConfigureAwait(false);
        var table = new Table().AddColumns("", "");
        table.AddRow("broker", TerminalText.Escape(s.Broker));
        table.AddRow("account", TerminalText.Escape(s.AccountId));
        table.AddRow("profile", TerminalText.Escape(s.Profile) + " (config pin " + s.ConfigPin[..12] + "…)");
        table.AddRow("trading", s.Switches.Stopped ? $"[bold red]STOPPED[/] ({(s.Switches.KillSwitch ? "kill switch" : string.Empty)}{(s.Switches.Halted ? " halted by " + TerminalText.Escape(s.Switches.Source) : string.Empty)}: {TerminalText.Escape(s.Switches.Reason ?? string.Empty)})" : "[green]running[/]");
        table.AddRow("market", string.Create(CultureInfo.InvariantCulture, $"{s.MarketTime:u} ({(s.MarketOpen ? "open" : "closed")})"));
        table.AddRow("equity / cash / buying power", string.Create(CultureInfo.InvariantCulture, $"{s.Equity:0.00} / {s.Cash:0.00} / {s.BuyingPower:0.00}"));
        table.AddRow("opening equity, drawdown", s.OpeningEquity is { } o ? string.Create(CultureInfo.InvariantCulture, $"{o:0.00}, {s.IntradayDrawdown:P2}") : "not captured yet today");
        table.AddRow("positions / open orders", string.Create(CultureInfo.InvariantCulture, $"{s.Positions} / {s.OpenOrders}"));
        table.AddRow("ledger blocks today", s.LedgerBlocksToday.ToString(CultureInfo.InvariantCulture));
        table.AddRow("kill-switch actions", s.KillSwitchActions.Count == 0
            ? "none in force"
            : "[bold yellow]" + TerminalText.Escape(string.Join("; ", s.KillSwitchActions.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Action} ({a.Condition}, since {a.FiredAt:u})")))) + "[/] (tessera trade kill-switch)");
        table.AddRow("stream service", s.Stream is not { } st
            ? "never ran on this storage (tessera stream, or serve --trade)"
            : TerminalText.Escape(string.Create(CultureInfo.InvariantCulture, $"{st.Connection}, lag {st.LagMs:0.#} ms, safety {st.SafetyMode}{(st.SubmissionsAllowed ? string.Empty : " (submissions off)")}, {st.Symbols} symbols, {st.Stops} stops, as of {st.At:u}")) + (st.Fresh ? string.Empty : " [yellow](stale: not running)[/]"));
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> OrdersAsync(CliContext context, TradingRuntime trading, ParseResult parse, CancellationToken ct)
    {
        var orders = await trading.Commands.OrdersAsync(50, ct).ConfigureAwait(false);
        var table = new Table().AddColumns("created", "client order id", "symbol", "side", "qty", "limit", "state", "filled", "avg");
        foreach (var o in orders)
        {
            table.AddRow(
                o.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                TerminalText.Escape(o.ClientOrderId),
                TerminalText.Escape(o.Symbol),
                o.Side.ToString(),
                (o.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "$" + o.Notional?.ToString(CultureInfo.InvariantCulture)) ?? string.Empty,
                o.LimitPrice?.ToString(CultureInfo.InvariantCulture) ?? "market",
                Tessera.Trading.Orders.OrderStateNames.Wire(o.ComparableState),
                o.FilledQuantity.ToString(CultureInfo.InvariantCulture),
                o.AveragePrice?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty);
        }

        context.Console.Write(table);
        context.Console.MarkupLine($"{orders.Count} order(s)");
        return ExitCodes.Ok;
    }

    private static async Task<int> ReconcileAsync(CliContext context, TradingRuntime trading, bool repair, CancellationToken ct)
    {
        var report = await trading.Commands.ReconcileAsync(repair, ct).ConfigureAwait(false);
        foreach (var d in report.Differences)
        {
            context.Console.MarkupLine($"  {TerminalText.Escape(d.Code)}: {TerminalText.Escape(d.ToString())}{(d.Repaired ? " [green](repaired)[/]" : string.Empty)}");
        }

        context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"reconciliation: {report.LocalOrders} local order(s), {report.BrokerOrders} at the broker, {report.Differences.Count} difference(s){(repair ? $", {report.Repaired} repaired" : string.Empty)}"));
        return report.IsClean || (repair && report.Repaired == report.Differences.Count) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<int> VerifyAsync(CliContext context, TradingRuntime trading, DateOnly? date, CancellationToken ct)
    {
        var results = await trading.Commands.VerifyAsync(date, ct).ConfigureAwait(false);
        var bad = 0;
        foreach (var (day, r) in results)
        {
            if (r.IsValid)
            {
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {day:yyyy-MM-dd}: [green]valid[/], {r.BlockCount} block(s), last hash {r.LastHash[..Math.Min(12, r.LastHash.Length)]}…"));
            }
            else
            {
                bad++;
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {day:yyyy-MM-dd}: [red]BROKEN[/] at block {r.FailedBlockIndex} ({r.Failure}): {TerminalText.Escape(r.Detail)}"));
            }
        }

        context.Console.MarkupLine(bad == 0 ? $"audit ledger verified: {results.Count} chain(s)" : $"[red]{bad} of {results.Count} chain(s) broken[/]");
        return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<int> ShowAsync(CliContext context, TradingRuntime trading, DateOnly? date, int limit, CancellationToken ct)
    {
        var page = await trading.Commands.LedgerAsync(date, 0, limit, ct).ConfigureAwait(false);
        var table = new Table().AddColumns("#", "at", "kind", "payload", "hash");
        foreach (var b in page.Blocks)
        {
            var payload = b.Entry.Payload.ToJsonString();
            table.AddRow(b.Index.ToString(CultureInfo.InvariantCulture), b.Entry.At.ToString("u", CultureInfo.InvariantCulture), TerminalText.Escape(b.Entry.Kind), TerminalText.Escape(payload.Length > 120 ? payload[..120] + "…" : payload), b.Hash[..12] + "…");
        }

        context.Console.Write(table);
        context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{page.Blocks.Count} of {page.TotalBlocks} block(s)"));
        return ExitCodes.Ok;
    }

    private static void PrintSummary(CliContext context, ScanSummary s)
    {
        context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]scan {TerminalText.Escape(s.Slot)}[/] at {s.DecidedAt:u}: {s.SymbolsScanned} symbol(s), {s.Signals} signal(s) → {s.Approved} approved, {s.Vetoed} vetoed, {s.Deferred} deferred"));
        foreach (var (code, n) in s.VetoCounts)
        {
            context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {TerminalText.Escape(code)}: {n}"));
        }

        if (s.Submissions.Count > 0)
        {
            var table = new Table().AddColumns("symbol", "client order id", "outcome", "state", "filled", "avg price");
            foreach (var o in s.Submissions)
            {
                table.AddRow(TerminalText.Escape(o.Symbol), TerminalText.Escape(o.ClientOrderId), TerminalText.Escape(o.Outcome), TerminalText.Escape(o.State), o.FilledQuantity.ToString(CultureInfo.InvariantCulture), o.AveragePrice?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty);
            }

            context.Console.Write(table);
        }

        foreach (var notice in s.Notices)
        {
            context.Console.MarkupLine("[yellow]notice:[/] " + TerminalText.Escape(notice));
        }
    }
}
