using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Core;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Governance;
using Tessera.Core.Markets;
using Tessera.Exchange.Market;
using Tessera.Storage;
using Tessera.Testing;
using Tessera.Trading.Decisions;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;
using Tessera.Trading.Orders;
using Tessera.Trading.Safety;
using Tessera.Trading.Tests.Desk.Support;
using Xunit;

namespace Tessera.Trading.Tests.Desk;

/// <summary>
/// The kill-switch matrix's actions executed on the order path, one test per row and action, on the local exchange
/// (manual clock) with Azurite for every store. Numbers are hand-derived in each test's comments. The account buys 99
/// ZZZ at 100.00 with 10,000 cash at 09:30:05 (opening equity 10,000); ZZZ prints 97.50 at 10:00, so the equity at
/// 10:00:05 is 100 + 99 × 97.50 = 9,752.50 (−2.475 %), below the circuit breaker's 3 % (no halt interferes).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KillSwitchActionTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2024, 3, 13);

    private static DateTimeOffset At(int h, int m, int s = 0) => UsEastern.At(Day, new TimeOnly(h, m, s));

    private static TradeTape Prints(string symbol, params (DateTimeOffset At, double Price)[] prints) => new(
        symbol,
        [.. prints.Select(p => p.At.ToUnixTimeMilliseconds())],
        [.. prints.Select(p => p.Price)],
        [.. prints.Select(_ => 1_000_000.0)],
        [.. prints.Select(_ => (byte)'P')],
        [.. prints.Select(_ => 0)],
        [.. prints.Select(_ => false)]);

    private static MarketTape FallingZzz() => MarketTape.Build([Prints("ZZZ", (At(9, 30), 100.00), (At(10, 0), 97.50))], []);

    /// <summary>The executor over the desk's own stores (what TradingRuntime wires), with a chain of the test's own.</summary>
    private (KillSwitchWatch Watch, GovernanceChain Chain) Attach(TradingDesk desk, string yaml, GovernanceChain? chain = null)
    {
        chain ??= new GovernanceChain(new BlobAuditLedger(new Tessera.Storage.Blobs.BlobStore(azurite.ConnectionString), TimeProvider.System, "ks-act-" + Guid.NewGuid().ToString("N")[..10]));
        var config = KillSwitchConfig.Load(yaml, "kill_switch.yaml");
        var readings = new MeasuredKillSwitchReadings(new SessionEquityReadings(desk.Openings), desk.Parts.Tables, desk.Orders.Orders);
        var watch = new KillSwitchWatch(config, readings, chain, enforcer: new KillSwitchEnforcer(desk, new KillSwitchActionStore(desk.Parts.Tables), chain, config));
        desk.EquityPoll.KillSwitch = watch;
        return (watch, chain);
    }

    private static async Task BuyZzzAsync(TradingDesk desk, decimal qty = 99m) =>
        await desk.Broker.SubmitOrderAsync(new BrokerOrderRequest(new Instrument("ZZZ", AssetClass.UsEquity), OrderSide.Buy, qty, OrderType.Market, TimeInForce.Day, ClientOrderId: "setup-buy-" + Guid.NewGuid().ToString("N")[..8]));

    private static MarketSnapshot Quote(double bid, double ask, DateTimeOffset at) => new() { Bid = bid, Ask = ask, QuoteTime = at, LastPrice = ask, Adv20Shares = 10_000_000 };

    private static async Task<DecisionResult> DecideAsync(TradingDesk desk, DecisionInput input, MarketSnapshot market, DateTimeOffset now)
    {
        var view = await DeskKillSwitch.ReadAsync(desk, SafetyState.Clear, CancellationToken.None);
        var account = await AccountSnapshots.ReadAsync(desk, now);
        return view.Pipeline.Decide(new DecisionRequest(input, market, account, view.Safety, now));
    }

    [Fact]
    public async Task Var_breach_halts_adds_a_buy_is_vetoed_a_sell_passes_and_the_action_survives_a_restart()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, FallingZzz(), At(9, 30, 5), startingCash: 10_000m, universe: ["ZZZ"]);
        var desk = h.Desk;
        await BuyZzzAsync(desk);

        // 20 past sessions' openings alternating 10,100 / 10,000 (ending 10,000): returns +1 % and −0.990099 %, and 0 %
        // into today's opening of 10,000. 95 % VaR over 20 returns = −(2nd smallest) = 0.990099 %; today's −2.475 % breaches it.
        var sessions = NyseCalendar.Sessions(Day.AddDays(-40), Day.AddDays(-1)).ToList()[^20..];
        for (var i = 0; i < 20; i++)
        {
            var equity = (19 - i) % 2 == 0 ? 10_000m : 10_100m;
            await desk.Openings.CaptureAsync(desk.AccountId, sessions[i].Date, sessions[i].Open, equity, sessions[i].Open);
        }

        var (_, chain) = Attach(desk, "var_window_days: 20\nrules:\n  var_breach:\n    confidence: 0.95\n    actions: [halt_adds, notify_and_record]\n");
        var stamp = desk.Stamp("trace-ks-var");
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);

        await h.AdvanceToAsync(At(10, 0, 5));
        var fired = Assert.Single((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Equal(KillSwitchCondition.VarBreach, fired.Firing.Condition);
        Assert.Equal(0.02475, fired.Firing.Measured, 9);
        Assert.Equal(0.01 / 1.01, fired.Firing.Threshold, 9);
        Assert.Contains("halt_adds in force", fired.Executed);
        Assert.Single(h.Events.Events, e => e.Code == EventCodes.KillSwitchFired);

        // The desk status (trade status, GET api/trading/status, the dashboard) shows the action in force.
        var shown = Assert.Single((await DeskStatusReader.ReadAsync(desk)).KillSwitchActions);
        Assert.Equal("halt_adds", shown.Action);
        Assert.Equal(KillSwitchFormat.Condition(fired.Firing.Condition), shown.Condition);

        var now = At(10, 0, 5);
        var buy = await DecideAsync(desk, new TargetOrder("ZZZ", OrderSide.Buy, 1m, "test"), Quote(97.50, 97.51, now), now);
        Assert.Equal(VetoCodes.KillSwitchHaltAdds, buy.VetoCode);
        var sell = await DecideAsync(desk, new TargetOrder("ZZZ", OrderSide.Sell, 10m, "test"), Quote(97.50, 97.51, now), now);
        Assert.Equal(DecisionOutcome.Approved, sell.Outcome);
        Assert.True(sell.Intent!.ReducesPosition);
        Assert.Equal(97.50m, sell.Intent.ReferencePrice);

        // A restart: new stores over the same storage read the action in force; the poll records nothing new.
        var restarted = new KillSwitchActionStore(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables);
        Assert.True((await restarted.ActiveAsync(desk.AccountId)).HaltAdds);
        Attach(desk, "var_window_days: 20\nrules:\n  var_breach:\n    confidence: 0.95\n    actions: [halt_adds, notify_and_record]\n", chain);
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Single(await chain.ReadAllAsync());
        Assert.Single(h.Events.Events, e => e.Code == EventCodes.KillSwitchFired); // nobody notified twice
    }

    [Fact]
    public async Task Drawdown_de_risks_half_of_every_position_exactly_once_across_re_evaluation_and_a_restart()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, FallingZzz(), At(9, 30, 5), startingCash: 10_000m, universe: ["ZZZ"]);
        var desk = h.Desk;
        await BuyZzzAsync(desk);
        const string Yaml = "rules:\n  drawdown:\n    max_drawdown: 0.02\n    actions: [de_risk, notify_and_record]\n    de_risk_fraction: 0.50\n";
        var (_, chain) = Attach(desk, Yaml);
        var stamp = desk.Stamp("trace-ks-dd");
        await desk.EquityPoll.TickAsync(stamp);

        await h.AdvanceToAsync(At(10, 0, 5));
        var fired = Assert.Single((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Equal(KillSwitchCondition.Drawdown, fired.Firing.Condition);
        Assert.Equal(1 - (9_752.5 / 10_000), fired.Firing.Measured, 9); // 2.475 % from the peak 10,000

        // 50 % of 99 shares = 49.5, rounded down: one IOC sell of 49 at bid 97.50 × 0.999 → 97.40, filled at the bid 97.50.
        var legId = KillSwitchEnforcer.LegClientOrderId(fired.FiringId!, "ZZZ");
        Assert.Equal(1, h.OrdersAtExchange(legId));
        var record = (await desk.Orders.Orders.GetAsync(desk.AccountId, legId))!.Record;
        Assert.Equal(OrderSide.Sell, record.Side);
        Assert.Equal(49m, record.Quantity);
        Assert.Equal(97.40m, record.LimitPrice);
        Assert.Equal(50m, Assert.Single(await desk.Broker.GetPositionsAsync()).Quantity);
        var row = Assert.Single(await desk.KillSwitchActions.ListAsync(desk.AccountId));
        Assert.Equal(DeRiskLegStatus.Submitted, Assert.Single(row.Legs).Status);
        Assert.False(row.Active); // every leg sent: the de-risk is done

        // Re-evaluation: nothing new sent.
        await h.AdvanceToAsync(At(10, 0, 15));
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);

        // A restart (a new watch, executor and store: the process's memory is gone): nothing new recorded or sent.
        Attach(desk, Yaml, chain);
        await h.AdvanceToAsync(At(10, 0, 25));
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Equal(1, h.OrdersAtExchange(legId));
        Assert.Equal(1, h.Host.Venue.Read(v => v.Orders.Count(o => o.Side == OrderSide.Sell)));
        Assert.Equal(50m, Assert.Single(await desk.Broker.GetPositionsAsync()).Quantity);
        Assert.Single(await chain.ReadAllAsync(), b => b.Entry.Kind == GovernanceChain.KillSwitchKind);
        var decision = Assert.Single((await desk.Ledger.ReadAsync(desk.AccountId, Day, 0, 200)).Blocks, b => b.Entry.Kind == "decision");
        Assert.Equal(KillSwitchEnforcer.DeRiskSource, decision.Entry.Payload["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_firing_resumed_after_a_crash_appends_nothing_again_and_never_resends_a_leg_the_order_manager_holds()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, FallingZzz(), At(9, 30, 5), startingCash: 10_000m, universe: ["ZZZ"]);
        var desk = h.Desk;
        await BuyZzzAsync(desk);
        var (_, chain) = Attach(desk, "rules:\n  drawdown:\n    max_drawdown: 0.02\n    actions: [de_risk]\n    de_risk_fraction: 0.50\n");
        var stamp = desk.Stamp("trace-ks-crash");
        await desk.EquityPoll.TickAsync(stamp);
        await h.AdvanceToAsync(At(10, 0, 5));

        // The state a process leaves when it dies after claiming, appending, planning and sending, before noting any of it as done.
        var firingId = KillSwitchEnforcer.FiringId(desk.AccountId, KillSwitchCondition.Drawdown, Day);
        var legId = KillSwitchEnforcer.LegClientOrderId(firingId, "ZZZ");
        var store = desk.KillSwitchActions;
        await store.ClaimFiringAsync(desk.AccountId, KillSwitchCondition.Drawdown, Day, firingId, At(10, 0, 5));
        await store.RecordBlockAsync(desk.AccountId, KillSwitchCondition.Drawdown, Day, "hash-of-the-block-appended-before-the-crash");
        await store.ActivateAsync(new KillSwitchActionRecord(desk.AccountId, KillSwitchActionKind.DeRisk, true, "drawdown", firingId, At(10, 0, 5), "drawdown", "hash-of-the-block-appended-before-the-crash")
        {
            Fraction = 0.5,
            Legs = [new DeRiskLeg("ZZZ", OrderSide.Sell, 99m, 49m, legId, DeRiskLegStatus.Planned, null)],
        });
        await desk.Orders.SubmitAsync(new OrderIntent(legId, legId, "ZZZ", OrderSide.Sell, 49m, null, OrderType.Limit, TimeInForce.Ioc, 97.40m, true));
        Assert.Equal(1, h.OrdersAtExchange(legId));

        // Within two minutes of the claim the firing is taken as in progress in the other process: not re-applied. (The
        // poll's follow-up of open de-risk legs still looks at its leg, finds the order manager's record, sends nothing.)
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.False((await store.ClaimFiringAsync(desk.AccountId, KillSwitchCondition.Drawdown, Day, firingId, At(10, 0, 5))).Applied);
        Assert.Equal(1, h.OrdersAtExchange(legId));

        // After that, the restarted process's poll resumes it: no block appended, the leg recognised as sent, nothing sent again.
        await h.AdvanceToAsync(At(10, 2, 10));
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Empty(await chain.ReadAllAsync());
        Assert.Equal(1, h.OrdersAtExchange(legId));
        Assert.Equal(50m, Assert.Single(await desk.Broker.GetPositionsAsync()).Quantity);
        var row = Assert.Single(await store.ListAsync(desk.AccountId));
        Assert.Equal(DeRiskLegStatus.Submitted, Assert.Single(row.Legs).Status);
        Assert.Contains("already recorded by the order manager", row.Legs[0].Detail, StringComparison.Ordinal);
        Assert.True((await store.ClaimFiringAsync(desk.AccountId, KillSwitchCondition.Drawdown, Day, firingId, At(10, 2, 10))).Applied);
    }

    [Fact]
    public async Task Slippage_over_budget_measured_from_fills_restricts_entries_to_the_etf_list_and_exits_still_pass()
    {
        // ZZZ prints 5.00 at 09:30:00 (ask 5.00), then 5.01 at 09:30:10 (an uptick: ask 5.01).
        var tape = MarketTape.Build([Prints("ZZZ", (At(9, 30), 5.00), (At(9, 30, 10), 5.01)), Prints("SPY", (At(9, 30), 400.00))], []);
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, tape, At(9, 30, 5), startingCash: 10_000m, universe: ["ZZZ", "SPY"]);
        var desk = h.Desk;
        Attach(desk, "etfs: [SPY]\nrules:\n  slippage_over_budget:\n    budget_bps: 10\n    actions: [restrict_to_etfs, notify_and_record]\n");
        var stamp = desk.Stamp("trace-ks-slip");
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Null(await MeasuredKillSwitchReadings.SlippageBpsAsync(desk.Orders.Orders, desk.AccountId, Day)); // no fill: no reading

        // The decision saw ask 5.00 at 09:30:05; the order reaches the market at 09:30:15 and fills at the new ask 5.01.
        // Slippage = 10 × (5.01 − 5.00) / (10 × 5.00) × 10,000 = 20 bps > the 10 bps budget.
        await h.AdvanceToAsync(At(9, 30, 15));
        var intent = new OrderIntent("DEC_SLIP_ZZZ_1", "DEC_SLIP_ZZZ_1", "ZZZ", OrderSide.Buy, 10m, null, OrderType.Limit, TimeInForce.Ioc, 5.01m, false) { ReferencePrice = 5.00m };
        await desk.Orders.SubmitAsync(intent);
        await new OrderPoller(desk.Orders).PollOnceAsync();
        Assert.Equal(20.0, (await MeasuredKillSwitchReadings.SlippageBpsAsync(desk.Orders.Orders, desk.AccountId, Day))!.Value, 9);

        await h.AdvanceToAsync(At(9, 30, 20));
        var fired = Assert.Single((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Equal(KillSwitchCondition.SlippageOverBudget, fired.Firing.Condition);
        Assert.Equal(20.0, fired.Firing.Measured, 9);

        var now = At(9, 30, 20);
        var zzz = await DecideAsync(desk, new TargetOrder("ZZZ", OrderSide.Buy, 1m, "test"), Quote(5.00, 5.01, now), now);
        Assert.Equal(VetoCodes.KillSwitchRestricted, zzz.VetoCode);
        var exit = await DecideAsync(desk, new TargetOrder("ZZZ", OrderSide.Sell, 10m, "test"), Quote(5.00, 5.01, now), now);
        Assert.Equal(DecisionOutcome.Approved, exit.Outcome);
        var spy = await DecideAsync(desk, new TargetOrder("SPY", OrderSide.Buy, 1m, "test"), Quote(399.99, 400.00, now), now);
        Assert.NotEqual(VetoCodes.KillSwitchRestricted, spy.VetoCode); // SPY is on the list (the $75 per-order budget refuses it instead)
    }

    [Fact]
    public async Task Data_outage_fires_from_a_stale_stream_status_row_and_not_without_one()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, FallingZzz(), At(9, 30, 5), startingCash: 10_000m, universe: ["ZZZ"]);
        var desk = h.Desk;
        Attach(desk, "rules:\n  data_outage:\n    max_data_age_minutes: 15\n    actions: [halt_adds, notify_and_record]\n");
        var stamp = desk.Stamp("trace-ks-outage");
        Assert.Null(await MeasuredKillSwitchReadings.DataAgeAsync(desk.Parts.Tables, desk.AccountId, At(9, 30, 5)));
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch); // no stream service row: not measured, not evaluated

        // The stream service's last word: written at 09:41, newest message 09:40, then silence.
        await desk.Parts.Tables.CreateTableIfNotExistsAsync(StreamStatusRow.TableName);
        await desk.Parts.Tables.InsertAsync(StreamStatusRow.TableName, new StreamStatusRow { PartitionKey = desk.AccountId, At = At(9, 41), LastMessageAt = At(9, 40), Connection = "connected", SafetyMode = "normal" });
        await h.AdvanceToAsync(At(9, 54, 59));
        Assert.Empty((await desk.EquityPoll.TickAsync(stamp)).KillSwitch); // 14 min 59 s: within 15

        await h.AdvanceToAsync(At(10, 0, 5));
        var fired = Assert.Single((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Equal(KillSwitchCondition.DataOutage, fired.Firing.Condition);
        Assert.Equal(20 + (5.0 / 60), fired.Firing.Measured, 9); // 09:40:00 → 10:00:05
        Assert.True((await desk.KillSwitchActions.ActiveAsync(desk.AccountId)).HaltAdds);
    }

    [Fact]
    public async Task Switch_to_base_profile_changes_the_sizing_until_an_audited_clear_restores_it()
    {
        // Two profiles: "aggressive" sizes 2,000 USD per entry, the base "canary" the seed's 75 USD.
        static string Profiles(string yaml) => yaml.Replace("profiles:\n  canary: {}", "profiles:\n  canary: {}\n  aggressive:\n    policy: {per_order_usd: 5000, daily_usd: 20000}\n    sizing: {method: fixed_notional, fixed_notional_usd: 2000}", StringComparison.Ordinal);
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, FallingZzz(), At(9, 30, 5), startingCash: 10_000m, profile: "aggressive", universe: ["ZZZ"], editConfig: Profiles);
        var desk = h.Desk;
        await BuyZzzAsync(desk);
        var (_, chain) = Attach(desk, "base_profile: canary\nrules:\n  drawdown:\n    max_drawdown: 0.02\n    actions: [switch_to_base_profile, notify_and_record]\n");
        var stamp = desk.Stamp("trace-ks-profile");
        await desk.EquityPoll.TickAsync(stamp);

        // An entry in YYY at ask 50.00: limit = 50.00 × 1.001 = 50.05; aggressive: ⌊2,000 / 50.05⌋ = 39 shares; canary: ⌊75 / 50.05⌋ = 1.
        var now = At(10, 0, 5);
        var market = Quote(49.99, 50.00, now);
        var account = new AccountSnapshot { Equity = 10_000m, Cash = 10_000m, BuyingPower = 10_000m };
        async Task<DecisionResult> EntryAsync()
        {
            var view = await DeskKillSwitch.ReadAsync(desk, SafetyState.Clear, CancellationToken.None);
            return view.Pipeline.Decide(new DecisionRequest(new TradingSignal("YYY", Side.Long, "test", now, null), market, account, view.Safety, now));
        }

        var before = await EntryAsync();
        Assert.Equal("aggressive", before.ProfileName);
        Assert.Equal(39m, before.Intent!.Quantity);

        await h.AdvanceToAsync(At(10, 0, 5));
        var fired = Assert.Single((await desk.EquityPoll.TickAsync(stamp)).KillSwitch);
        Assert.Contains("sizing with profile canary", fired.Executed);
        var during = await EntryAsync();
        Assert.Equal("canary", during.ProfileName);
        Assert.Equal("switch_to_base_profile", Assert.Single((await DeskStatusReader.ReadAsync(desk)).KillSwitchActions).Action);
        Assert.Equal(1m, during.Intent!.Quantity);

        // Clearing: reason required (typed error, nothing changed), then audited in the chain and published.
        var enforcer = desk.EquityPoll.KillSwitch!.Enforcer!;
        var bad = await Assert.ThrowsAsync<TesseraValidationException>(() => enforcer.ClearAsync("switch_to_base_profile", "ops", " ", now, stamp, CancellationToken.None));
        Assert.Equal("reason", bad.Field);
        Assert.Equal("canary", (await EntryAsync()).ProfileName);
        var unknown = await Assert.ThrowsAsync<TesseraValidationException>(() => enforcer.ClearAsync("explode", "ops", "why", now, stamp, CancellationToken.None));
        Assert.Equal("action", unknown.Field);

        var report = await enforcer.ClearAsync("switch_to_base_profile", "ops", "drawdown reviewed", At(10, 5), stamp, CancellationToken.None);
        Assert.Equal(KillSwitchEnforcer.ClearKind, report.Block.Entry.Kind);
        Assert.Equal("drawdown reviewed", report.Block.Entry.Payload["reason"]!.GetValue<string>());
        Assert.Equal("ops", report.Block.Entry.Payload["actor"]!.GetValue<string>());
        Assert.Equal(2, (await chain.ReadAllAsync()).Count); // the firing, then the clear
        Assert.Single(h.Events.Events, e => e.Code == EventCodes.KillSwitchCleared);
        var after = await EntryAsync();
        Assert.Equal("aggressive", after.ProfileName);
        Assert.Equal(39m, after.Intent!.Quantity);
        var row = Assert.Single(await desk.KillSwitchActions.ListAsync(desk.AccountId));
        Assert.False(row.Active);
        Assert.Equal("ops", row.ClearedBy);
        Assert.Equal("drawdown reviewed", row.ClearReason);
        Assert.Empty((await DeskStatusReader.ReadAsync(desk)).KillSwitchActions); // a cleared action is no longer shown in force

        // Nothing in force: a second clear is refused, and nothing is appended.
        await Assert.ThrowsAsync<KillSwitchClearRefusedException>(() => enforcer.ClearAsync("switch_to_base_profile", "ops", "again", At(10, 6), stamp, CancellationToken.None));
        Assert.Equal(2, (await chain.ReadAllAsync()).Count);
    }
}
