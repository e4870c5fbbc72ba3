using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Tessera.Testing;
using Tessera.Trading.Orders;
using Tessera.Trading.Tests.Orders.Support;
using Xunit;

namespace Tessera.Trading.Tests.Orders;

[Collection(OrdersAzuriteCollection.Name)]
public sealed class OrderManagerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_ioc_buy_at_ask_times_1_001_is_submitted_once_fills_and_is_audited_step_by_step()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());

        var result = await h.Manager.SubmitAsync(OrdersHarness.Buy(1, qty: 5m));

        // The POST answers with the order as accepted; the fill is learnt from the broker afterwards (here: a poll).
        Assert.Equal(SubmissionOutcome.Submitted, result.Outcome);
        Assert.Equal(OrderState.Submitted, result.Record.State);
        Assert.NotNull(result.Record.BrokerOrderId);
        var poll = await new OrderPoller(h.Manager).PollOnceAsync();
        Assert.Equal(new PollReport(1, 1, 0, 0, 0), poll);
        Assert.Equal(1, h.Broker.PostsFor("cid-00001"));
        Assert.Equal([("PENDING", "APPROVED"), ("APPROVED", "SUBMITTED"), ("SUBMITTED", "FILLED")], h.Ledger.Transitions("cid-00001"));
        Assert.All(h.Ledger.Entries, e => Assert.Equal("pin-0123", e.ConfigPin));
        Assert.Equal([OrderEventCodes.Submitted, OrderEventCodes.Filled], h.Events.Events.Select(e => e.Code));

        var stored = await h.Manager.Orders.GetAsync(OrdersHarness.Account, "cid-00001");
        Assert.Equal(OrderState.Filled, stored!.Record.State);
        Assert.Equal(5m, stored.Record.FilledQuantity);
        Assert.InRange(stored.Record.AveragePrice!.Value, 100.00m, 100.10m);
        Assert.Equal("dec-00001", stored.Record.DecisionId);
        Assert.Equal(100.10m, stored.Record.LimitPrice);
        Assert.Equal("SUBMITTED", (await h.Manager.Idempotency.GetAsync(OrdersHarness.Account, "dec-00001"))!.Outcome);
    }

    [Fact]
    public async Task A_notional_day_order_buys_fractional_shares()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        var intent = OrdersHarness.Buy(9) with { Quantity = null, Notional = 50m, Type = OrderType.Market, LimitPrice = null, TimeInForce = TimeInForce.Day };

        var result = await h.Manager.SubmitAsync(intent);
        Assert.Equal(SubmissionOutcome.Submitted, result.Outcome);
        await new OrderPoller(h.Manager).PollOnceAsync();
        var stored = (await h.Manager.Orders.GetAsync(OrdersHarness.Account, "cid-00009"))!.Record;
        Assert.Equal(OrderState.Filled, stored.State);
        Assert.Equal(50m, stored.Notional);
        Assert.InRange(stored.FilledQuantity, 0.49m, 0.51m); // $50 of a ~$100 share
        Assert.NotEqual(decimal.Truncate(stored.FilledQuantity), stored.FilledQuantity);
    }

    [Fact]
    public async Task A_replayed_decision_returns_the_recorded_outcome_and_never_reaches_the_broker()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        await h.Manager.SubmitAsync(OrdersHarness.Buy(2));
        await new OrderPoller(h.Manager).PollOnceAsync();
        var lookups = h.Broker.Lookups;

        var replay = await h.NewManager().SubmitAsync(OrdersHarness.Buy(2));

        Assert.Equal(SubmissionOutcome.DuplicateReplay, replay.Outcome);
        Assert.Equal("SUBMITTED", replay.RecordedOutcome);
        Assert.Equal(OrderState.Filled, replay.Record.State);
        Assert.Equal(1, h.Broker.TotalPosts);
        Assert.Equal(lookups, h.Broker.Lookups);
        Assert.Equal(1, ex.OrdersPerClientOrderId()["cid-00002"]);
    }

    [Fact]
    public async Task A_lost_idempotency_row_is_caught_by_the_broker_look_up_and_the_order_adopted_without_a_post()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        await h.Manager.SubmitAsync(OrdersHarness.Buy(3));
        Assert.Equal(1, await h.Manager.Idempotency.DeleteAllAsync(OrdersHarness.Account));

        // The order record survives: it is the outcome, confirmed at the broker.
        var again = await h.NewManager().SubmitAsync(OrdersHarness.Buy(3));
        Assert.Equal(SubmissionOutcome.AdoptedFromBroker, again.Outcome);

        // Both lost (a power cut of the embedded storage): the look-up still finds the order.
        await h.Manager.Idempotency.DeleteAllAsync(OrdersHarness.Account);
        Assert.True(await h.Tables.DeleteAsync(h.OrdersTable, OrdersHarness.Account, "cid-00003"));
        var afterWipe = await h.NewManager().SubmitAsync(OrdersHarness.Buy(3));

        Assert.Equal(SubmissionOutcome.AdoptedFromBroker, afterWipe.Outcome);
        Assert.Equal(OrderState.Filled, afterWipe.Record.State);
        Assert.Equal(1, h.Broker.TotalPosts);
        Assert.Equal(1, ex.OrdersPerClientOrderId()["cid-00003"]);
    }

    [Fact]
    public async Task A_refusal_by_the_broker_is_rejected_with_its_typed_error_and_recorded()
    {
        await using var ex = await OrdersExchange.StartAsync(configure: o => o with { Venue = o.Venue with { StartingCash = 1_000m, Multiplier = 1 } });
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());

        var result = await h.Manager.SubmitAsync(OrdersHarness.Buy(4, qty: 50m));

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        Assert.Equal(AlpacaErrorKind.InsufficientBuyingPower, result.BrokerError!.Kind);
        Assert.Equal(OrderState.Rejected, result.Record.State);
        Assert.Contains("InsufficientBuyingPower", result.Record.Error, StringComparison.Ordinal);
        Assert.Equal([("PENDING", "APPROVED"), ("APPROVED", "REJECTED")], h.Ledger.Transitions("cid-00004"));
        Assert.Equal(OrderEventCodes.Rejected, Assert.Single(h.Events.Events).Code);
        Assert.Equal("REJECTED", (await h.Manager.Idempotency.GetAsync(OrdersHarness.Account, "dec-00004"))!.Outcome);

        // A replay of a rejected decision is not retried.
        Assert.Equal(SubmissionOutcome.DuplicateReplay, (await h.Manager.SubmitAsync(OrdersHarness.Buy(4, qty: 50m))).Outcome);
        Assert.Equal(1, h.Broker.TotalPosts);
    }

    [Fact]
    public async Task An_unresolvable_outcome_is_submission_unknown_and_the_poller_adopts_the_order_later()
    {
        // Every POST is accepted then answered 500, and every look-up fails: nobody can tell what happened.
        await using var ex = await OrdersExchange.StartAsync(
            configure: o => o with { Faults = new Exchange.Faults.FaultPlan { OrderErrorAfterAcceptRate = 1.0 } },
            client: c => c with { ReconcileAttempts = 1, ResubmitsWhenNotAccepted = 0 });
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        h.Broker.FailLookups = true;
        var intent = OrdersHarness.Buy(5);

        // The look-up before the POST fails: nothing is sent.
        var first = await h.Manager.SubmitAsync(intent);
        Assert.Equal(SubmissionOutcome.Unknown, first.Outcome);
        Assert.Equal(OrderState.SubmissionUnknown, first.Record.State);
        Assert.Equal(0, h.Broker.TotalPosts);

        // Look-ups work again: the poller resolves by client order id; the broker holds nothing, so it POSTs once.
        h.Broker.FailLookups = false;
        var poll = await new OrderPoller(h.Manager).PollOnceAsync();
        Assert.Equal(1, poll.Resolved);
        Assert.Equal(1, h.Broker.TotalPosts);
        var record = (await h.Manager.Orders.GetAsync(OrdersHarness.Account, intent.ClientOrderId))!.Record;
        Assert.Equal(OrderState.Filled, record.State);
        Assert.Equal([("PENDING", "APPROVED"), ("APPROVED", "SUBMISSION_UNKNOWN"), ("SUBMISSION_UNKNOWN", "SUBMITTED"), ("SUBMITTED", "FILLED")], h.Ledger.Transitions(intent.ClientOrderId));
        Assert.Equal(1, ex.OrdersPerClientOrderId()[intent.ClientOrderId]);
        Assert.Equal(1, ex.Host.Faults.OrderFaultsInjected);
    }

    [Fact]
    public async Task A_process_killed_mid_submission_leaves_a_claim_the_next_process_resolves_without_a_duplicate()
    {
        // Every answer to an order POST is held 2 s: the process is "killed" (cancelled) while it waits.
        await using var ex = await OrdersExchange.StartAsync(configure: o => o with { Faults = new Exchange.Faults.FaultPlan { OrderTimeoutAfterAcceptRate = 1.0, OrderTimeoutMs = 2_000 } });
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        var intent = OrdersHarness.Buy(6);
        using (var kill = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Manager.SubmitAsync(intent, cancellationToken: kill.Token));
        }

        Assert.Equal(SubmissionOutcomeNames.Claimed, (await h.Manager.Idempotency.GetAsync(OrdersHarness.Account, intent.DecisionId))!.Outcome);
        ex.Host.Faults.Clear();

        // A fresh process replays the decision: a replay, never a second POST.
        var fresh = h.NewManager(unresolvedAfter: TimeSpan.Zero);
        Assert.Equal(SubmissionOutcome.DuplicateReplay, (await fresh.SubmitAsync(intent)).Outcome);
        Assert.Equal(1, h.Broker.TotalPosts);

        // Its poller finds the APPROVED record left behind and adopts the order the exchange accepted.
        var poll = await new OrderPoller(fresh).PollOnceAsync();
        Assert.Equal(1, poll.Resolved);
        Assert.Equal(1, h.Broker.TotalPosts);
        Assert.Equal(OrderState.Filled, (await fresh.Orders.GetAsync(OrdersHarness.Account, intent.ClientOrderId))!.Record.State);
        Assert.Equal(1, ex.OrdersPerClientOrderId()[intent.ClientOrderId]);
        Assert.Equal("ADOPTED_FROM_BROKER", (await fresh.Idempotency.GetAsync(OrdersHarness.Account, intent.DecisionId))!.Outcome);
    }

    [Fact]
    public async Task An_ioc_larger_than_the_touch_fills_in_part_and_the_rest_ends_cancelled_not_chased()
    {
        await using var ex = await OrdersExchange.StartAsync(tape: OrdersExchange.Tape(size: 40));
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());

        // The exchange's touch holds max(100, last print size) = 100 shares: an IOC for 150 takes 100, the rest is cancelled.
        await h.Manager.SubmitAsync(OrdersHarness.Buy(7, qty: 150m), chaseUnfilled: false);
        await new OrderPoller(h.Manager).PollOnceAsync();
        var result = (await h.Manager.Orders.GetAsync(OrdersHarness.Account, "cid-00007"))!;

        Assert.Equal(OrderState.Cancelled, result.Record.State);
        Assert.Equal(100m, result.Record.FilledQuantity);
        Assert.Equal(OrderState.Cancelled, result.Record.FinalState);
        Assert.False(result.Record.ChaseUnfilled);
        Assert.Equal(1, h.Broker.TotalPosts);
        Assert.Equal(OrderEventCodes.Cancelled, h.Events.Events[^1].Code);

        // Not chased: another poll changes nothing and sends nothing.
        Assert.Equal(0, (await new OrderPoller(h.Manager).PollOnceAsync()).Checked);
        Assert.Equal(1, h.Broker.TotalPosts);
    }

    [Fact]
    public async Task Bad_intents_write_nothing_and_send_nothing()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());

        await Assert.ThrowsAsync<TesseraValidationException>(() => h.Manager.SubmitAsync(OrdersHarness.Buy(8) with { DecisionId = "bad#id" }));
        await Assert.ThrowsAsync<TesseraValidationException>(() => h.Manager.SubmitAsync(OrdersHarness.Buy(8, qty: -1m)));

        Assert.Empty(await h.Manager.Orders.ListAsync(OrdersHarness.Account));
        Assert.Null(await h.Manager.Idempotency.GetAsync(OrdersHarness.Account, "dec-00008"));
        Assert.Empty(h.Ledger.Entries);
        Assert.Equal(0, h.Broker.TotalPosts + h.Broker.Lookups);
    }

    [Fact]
    public async Task Close_books_a_terminal_order_and_refuses_an_open_one()
    {
        await using var ex = await OrdersExchange.StartAsync();
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        await h.Manager.SubmitAsync(OrdersHarness.Buy(9));
        await h.Manager.SubmitAsync(OrdersHarness.Buy(10, limit: 99.90m, tif: TimeInForce.Gtc));
        await new OrderPoller(h.Manager).PollOnceAsync();

        var closed = await h.Manager.CloseAsync("cid-00009");
        Assert.Equal(OrderState.Closed, closed.State);
        Assert.Equal(OrderState.Filled, closed.FinalState);
        Assert.Equal(OrderState.Filled, closed.ComparableState);
        var ex2 = await Assert.ThrowsAsync<IllegalOrderTransitionException>(() => h.Manager.CloseAsync("cid-00010"));
        Assert.Equal(OrderState.Submitted, ex2.From);
    }
}
