using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Core.Markets;
using Tessera.Core.Sep;
using Tessera.Testing;
using Tessera.Trading.Decisions;
using Tessera.Trading.Sep;
using Tessera.Trading.Tests.Sep.Support;
using Xunit;

namespace Tessera.Trading.Tests.Sep;

/// <summary>
/// The live SEP desk on the local exchange with a manual clock (issue 14 item 4), every expected figure derived by hand
/// from <see cref="SepTestMarket"/>: AAA and BBB score 1 while they trend up (weights 1/2 each at K = 2); the account
/// starts with cash only, so equity = cash and the order path's margin available = equity x multiplier 2.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SepDeskRunnerTests(AzuriteFixture azurite)
{
    private static readonly (string, Func<int, int>)[] BothUp = [("AAA", SepTestMarket.Up), ("BBB", SepTestMarket.Up)];

    private static string Section(double maxPerPos = 0.5, double ramp = 1, int minTrade = 1) => $"""
        sep:
          enabled: true
          instruments: [AAA, BBB]
          k: 2
          look: 4
          fill_to_k: false
          max_per_pos: {maxPerPos.ToString(System.Globalization.CultureInfo.InvariantCulture)}
          ramp_step: {ramp.ToString(System.Globalization.CultureInfo.InvariantCulture)}
          entry_cooldown_minutes: 15
          exit_cooldown_minutes: 10
          stale_after_minutes: 3
        """;

    [Fact]
    public async Task Budget_is_30_percent_of_the_balance_and_the_cap_equals_budget_over_K_when_max_per_pos_is_one_half()
    {
        await using var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp), SepTestMarket.At(10, 0), Section(maxPerPos: 0.5));

        var tick = await SepDeskRunner.TickAsync(h.Desk, "sep-budget", dryRun: false);

        // budget = min(100,000 balance, 200,000 margin available) x 0.30 = 30,000; cap = min(30,000 / 2, 0.5 x 30,000) = 15,000 (both bounds equal).
        Assert.Equal(30_000, tick.Budget, 6);
        Assert.Equal(15_000, tick.Cap, 6);
        Assert.All(tick.Instruments, l => Assert.Equal((SepSelection.Guarded, 0.5, 15_000.0), (l.Selection, l.Weight, l.TargetExposure)));
        Assert.All(tick.Instruments, l => Assert.Equal(new SepMetrics(1, 1, 0, 0), l.Metrics));

        // 15,000 at a mid of 100.00: 150 shares each, IOC limits that fill at the ask.
        Assert.Equal(2, tick.Decisions.Count);
        Assert.All(tick.Decisions, d => Assert.Equal((DecisionOutcome.Approved, OrderSide.Buy, 150m), (d.Decision.Outcome, d.Decision.Intent!.Side, d.Decision.Intent.Quantity)));
        Assert.Equal(2, tick.Submissions.Count);
        Assert.All(tick.Submissions, s => Assert.Equal(("FILLED", 150m), (s.State, s.FilledQuantity)));
    }

    [Fact]
    public async Task The_per_instrument_cap_binds_below_budget_over_K_and_increases_ramp()
    {
        // max_per_pos 0.4: cap = min(15,000, 12,000) = 12,000 < weight x budget = 15,000 -> 120 shares.
        await using (var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp), SepTestMarket.At(10, 0), Section(maxPerPos: 0.4)))
        {
            var tick = await SepDeskRunner.TickAsync(h.Desk, "sep-cap", dryRun: false);
            Assert.Equal(12_000, tick.Cap, 6);
            Assert.All(tick.Instruments, l => Assert.Equal(12_000, l.TargetExposure, 6));
            Assert.Equal(2, tick.Decisions.Count);
            Assert.All(tick.Decisions, d => Assert.Equal(120m, d.Decision.Intent!.Quantity));
        }

        // ramp_step 0.25: the first increase is at most 0.25 x 15,000 = 3,750 -> floor(37.5) = 37 shares.
        await using (var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp), SepTestMarket.At(10, 0), Section(ramp: 0.25)))
        {
            var tick = await SepDeskRunner.TickAsync(h.Desk, "sep-ramp", dryRun: false);
            Assert.All(tick.Instruments, l => Assert.Equal(3_750, l.TargetExposure, 6));
            Assert.Equal(2, tick.Decisions.Count);
            Assert.All(tick.Decisions, d => Assert.Equal(37m, d.Decision.Intent!.Quantity));
        }
    }

    [Theory]
    [InlineData(600, true)]  // 60,000 / (60,000 + 70,000 x 2) = 0.30 exactly: new entries held
    [InlineData(599, false)] // 59,900 / 199,900 = 0.29965: adds pass
    public async Task New_entries_are_held_by_the_order_paths_margin_gate_at_exactly_30_percent(int heldShares, bool held)
    {
        await using var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp), SepTestMarket.At(9, 45), Section(), startingCash: 70_000m);
        // HLD (outside the SEP set) bought at a locked 100/100 quote and marked at 100: equity stays 70,000, used margin = shares x 100.
        var setup = await h.Desk.Broker.SubmitOrderAsync(new BrokerOrderRequest(new Instrument("HLD", AssetClass.UsEquity), OrderSide.Buy, heldShares, OrderType.Market, TimeInForce.Day, ClientOrderId: "setup-hld"));
        Assert.NotNull(setup);
        await h.AdvanceToAsync(SepTestMarket.At(10, 0));

        var tick = await SepDeskRunner.TickAsync(h.Desk, "sep-margin", dryRun: false);

        Assert.Equal(heldShares * 100.0 / ((heldShares * 100.0) + 140_000), tick.MarginRatio, 12);
        Assert.Equal(21_000, tick.Budget, 6); // min(70,000, 140,000) x 0.30
        Assert.Equal(2, tick.Decisions.Count);
        if (held)
        {
            Assert.All(tick.Decisions, d => Assert.Equal((DecisionOutcome.Vetoed, VetoCodes.MarginBudget), (d.Decision.Outcome, d.Decision.Veto)));
            Assert.Empty(tick.Submissions);
            Assert.Equal(1, h.OrderCountAtExchange()); // the setup order only
        }
        else
        {
            Assert.All(tick.Decisions, d => Assert.Equal((DecisionOutcome.Approved, 105m), (d.Decision.Outcome, d.Decision.Intent!.Quantity))); // 10,500 / 100
        }

        // HLD is not a SEP instrument: never traded by the desk.
        Assert.DoesNotContain(tick.Decisions, d => d.Decision.Symbol == "HLD");
    }

    [Fact]
    public async Task Stale_bars_hold_the_previous_weights()
    {
        // The SEP symbols' prints stop with bar 10:00 (m = 30), which ends at 10:01; quotes go on.
        await using var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp, lastMinute: 30), SepTestMarket.At(10, 1), Section());
        var first = await SepDeskRunner.TickAsync(h.Desk, "sep-stale-1", dryRun: false);
        Assert.False(first.HeldStale);
        Assert.Equal(2, first.Submissions.Count);
        Assert.All(first.Submissions, s => Assert.Equal(150m, s.FilledQuantity));

        // 10:05: the newest bar ended 4 minutes ago (> stale_after 3): the weights of 10:01 are held, not recomputed.
        await h.AdvanceToAsync(SepTestMarket.At(10, 5));
        var stale = await SepDeskRunner.TickAsync(h.Desk, "sep-stale-2", dryRun: false);
        Assert.True(stale.HeldStale);
        Assert.Equal(first.Instruments.Select(l => l.Weight), stale.Instruments.Select(l => l.Weight));
        Assert.Equal(first.Instruments.Select(l => l.Selection), stale.Instruments.Select(l => l.Selection));
        Assert.All(stale.Instruments, l => Assert.Null(l.Metrics));

        // Held weights still meet the account as it is now: cash 100,000 - 300 x 100.01 = 69,997, each position marked at its
        // last print 107.75 (100 + 31 x 0.25): equity 69,997 + 300 x 107.75 = 102,322; budget 30,696.6, cap 15,348.3;
        // target 15,348.3 against 150 x 100 = 15,000 held: +348.3 = 3 shares each.
        Assert.Equal(30_696.6, stale.Budget, 6);
        Assert.All(stale.Instruments, l => Assert.Equal(15_348.3, l.TargetExposure, 6));
        Assert.Equal(2, stale.Decisions.Count);
        Assert.All(stale.Decisions, d => Assert.Equal((OrderSide.Buy, 3m), (d.Decision.Intent!.Side, d.Decision.Intent.Quantity)));
    }

    [Fact]
    public async Task Without_fresh_metrics_or_previous_weights_nothing_is_decided()
    {
        // 09:33: three completed bars, fewer than look + 1 = 5.
        await using var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp), SepTestMarket.At(9, 33), Section());
        var tick = await SepDeskRunner.TickAsync(h.Desk, "sep-nodata", dryRun: false);
        Assert.True(tick.NoData);
        Assert.Empty(tick.Decisions);
        Assert.Equal(0, h.OrderCountAtExchange());
    }

    [Fact]
    public async Task Cooldowns_survive_a_restart_and_a_dropped_instrument_is_sold_in_full()
    {
        await using var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape([("AAA", SepTestMarket.UpThenAlternating), ("BBB", SepTestMarket.Up)]), SepTestMarket.At(10, 0), Section());
        var first = await SepDeskRunner.TickAsync(h.Desk, "sep-cd-1", dryRun: false);
        Assert.Equal(SepSelection.Guarded, first.Instruments[0].Selection); // AAA admitted at 10:00

        // A new process at 10:06: AAA's window (symbols of bars 10:02-10:05: down, up, down, up) has C = 0, below the hold
        // band (0.2 - 0.05), but the exit cooldown (10 min from 10:00) keeps it admitted.
        await h.RestartAsync();
        await h.AdvanceToAsync(SepTestMarket.At(10, 6));
        var second = await SepDeskRunner.TickAsync(h.Desk, "sep-cd-2", dryRun: false);
        var aaa = second.Instruments[0];
        Assert.Equal(new SepMetrics(0, 2.0 / 3, 0, 1.0 / 3), aaa.Metrics);
        Assert.Equal(SepSelection.Guarded, aaa.Selection);
        Assert.Equal(19.0 / 60, aaa.Score, 12);
        Assert.Equal(19.0 / 79, aaa.Weight, 12); // (19/60) / (19/60 + 1)

        // Without the persisted state the same metrics would not admit AAA: the restart is what kept it.
        var fresh = SepLiveStep.Evaluate(h.Desk.Configuration.Sep!.Allocator, null, SepTestMarket.At(10, 6), SepTestMarket.At(10, 6), [aaa.Metrics, second.Instruments[1].Metrics], new SepAccount(100_000, 200_000, 0), [0.0, 0.0]);
        Assert.Equal(SepSelection.None, fresh.Allocation.Selection[0]);

        // 10:11, another restart: the cooldown has run out (11 min >= 10): AAA is dropped and its whole position sold.
        await h.RestartAsync();
        await h.AdvanceToAsync(SepTestMarket.At(10, 11));
        var heldAaa = (await h.Desk.Broker.GetPositionsAsync()).Single(p => p.Instrument.Symbol == "AAA").Quantity;
        var third = await SepDeskRunner.TickAsync(h.Desk, "sep-cd-3", dryRun: false);
        Assert.Equal((SepSelection.None, 0.0), (third.Instruments[0].Selection, third.Instruments[0].Weight));
        var sell = third.Decisions.Single(d => d.Decision.Symbol == "AAA").Decision;
        Assert.Equal((DecisionOutcome.Approved, OrderSide.Sell, heldAaa), (sell.Outcome, sell.Intent!.Side, sell.Intent.Quantity));
    }

    [Fact]
    public async Task A_rerun_of_the_same_tick_resubmits_the_same_client_order_ids_and_sends_nothing_twice()
    {
        await using var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp), SepTestMarket.At(10, 0), Section());
        var first = await SepDeskRunner.TickAsync(h.Desk, "sep-idem-1", dryRun: false);
        var ids = first.Submissions.Select(s => s.ClientOrderId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, ids.Count);

        // Same minute, another process: the tick is recognised, its recorded intents go to the order manager again.
        await h.RestartAsync();
        await h.AdvanceToAsync(SepTestMarket.At(10, 0, 40));
        var again = await SepDeskRunner.TickAsync(h.Desk, "sep-idem-2", dryRun: false);
        Assert.True(again.Replayed);
        Assert.Equal(first.TickId, again.TickId);
        Assert.Equal(ids, again.Submissions.Select(s => s.ClientOrderId).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(2, again.Submissions.Count);
        Assert.All(again.Submissions, s => Assert.Equal("DUPLICATE_REPLAY", s.Outcome));
        Assert.All(ids, id => Assert.Equal(1, h.OrdersAtExchange(id)));
        Assert.Equal(2, h.OrderCountAtExchange());
    }

    [Fact]
    public async Task A_halted_desk_sends_nothing_and_records_every_veto_in_the_ledger()
    {
        await using var h = await SepHarness.StartAsync(azurite.ConnectionString, SepTestMarket.Tape(BothUp), SepTestMarket.At(10, 0), Section());
        await h.Desk.Switches.HaltAsync(h.Desk.AccountId, new Tessera.Trading.Safety.HaltRequest(Tessera.Trading.Safety.HaltSource.Manual, "test", "ops", SepTestMarket.At(10, 0)));

        var tick = await SepDeskRunner.TickAsync(h.Desk, "sep-halted", dryRun: false);

        Assert.Equal(2, tick.Decisions.Count);
        Assert.All(tick.Decisions, d => Assert.Equal(DecisionOutcome.Vetoed, d.Decision.Outcome));
        Assert.All(tick.Decisions, d => Assert.Contains(d.Decision.Veto, new[] { VetoCodes.KillSwitch, VetoCodes.Halted }));
        Assert.Empty(tick.Submissions);
        Assert.Equal(0, h.OrderCountAtExchange());

        var day = UsEastern.DateOf(SepTestMarket.At(10, 0));
        var verification = await h.Desk.Ledger.VerifyAsync(h.Desk.AccountId, day);
        Assert.True(verification.IsValid, verification.Detail);
        var blocks = (await h.Desk.Ledger.ReadAsync(h.Desk.AccountId, day, 0, 100)).Blocks;
        Assert.Single(blocks, b => b.Entry.Kind == "sep_tick");
        var vetoes = blocks.Where(b => b.Entry.Kind == "decision" && (string?)b.Entry.Payload["source"] == "sep").ToList();
        Assert.Equal(2, vetoes.Count);
        Assert.All(vetoes, b => Assert.Equal("VETOED", (string?)b.Entry.Payload["outcome"]));
        Assert.All(vetoes, b => Assert.Equal(tick.Decisions[0].Decision.Veto, (string?)b.Entry.Payload["veto_reason"]));
    }
}
