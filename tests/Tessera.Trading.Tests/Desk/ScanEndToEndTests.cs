using Tessera.Alpaca.Model;
using Tessera.Core.Markets;
using Tessera.Testing;
using Tessera.Trading.Decisions;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;
using Tessera.Trading.Orders;
using Tessera.Trading.Tests.Desk.Support;
using Tessera.Exchange.Market;
using Xunit;

namespace Tessera.Trading.Tests.Desk;

/// <summary>
/// The order path end to end on the local exchange (issue 12, "what it must show"): a scan at a simulated market time
/// produces an approval, a veto and a deferral with their reasons, an IOC limit at ask x 1.001 that fills, a ledger that
/// verifies, and a reconciliation with no differences; a second scan of the same signals sends nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScanEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_scan_decides_submits_fills_audits_and_reconciles_cleanly()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, ScanDemoMarket.Tape(), ScanDemoMarket.ScanTime);
        var desk = h.Desk;

        var decisions = await ScanRunner.DecideAsync(desk, "20240313-1030", "trace-scan-1");

        Assert.Equal(ScanDemoMarket.ScanTime, decisions.DecidedAt);
        Assert.Equal(new DateOnly(2024, 3, 12), decisions.LastCompletedSession);
        Assert.Equal(4, decisions.SymbolsScanned);
        var bySymbol = decisions.Decisions.ToDictionary(d => d.Decision.Symbol, d => d.Decision);
        Assert.Equal(["AAA", "BBB", "DDD"], bySymbol.Keys.Order(StringComparer.Ordinal)); // CCC has no signal
        Assert.True(bySymbol["AAA"].Outcome == DecisionOutcome.Approved, bySymbol["AAA"].Veto + ": " + bySymbol["AAA"].Detail);
        Assert.Equal((DecisionOutcome.Vetoed, VetoCodes.BudgetBelowOneShare), (bySymbol["BBB"].Outcome, bySymbol["BBB"].Veto));
        Assert.Equal((DecisionOutcome.Deferred, VetoCodes.SpreadTooWide), (bySymbol["DDD"].Outcome, bySymbol["DDD"].Veto));

        // The approved intent: an IOC limit buy at the ask x 1.001 (rounded to the cent, never below the ask), one share for $75.
        var intent = bySymbol["AAA"].Intent!;
        var quote = (await desk.Parts.MarketData!.GetLatestQuotesAsync(["AAA"]))["AAA"];
        Assert.Equal((OrderSide.Buy, OrderType.Limit, TimeInForce.Ioc), (intent.Side, intent.Type, intent.TimeInForce));
        Assert.Equal(Math.Max(quote.AskPrice, Math.Round(quote.AskPrice * 1.001m, 2, MidpointRounding.AwayFromZero)), intent.LimitPrice);
        Assert.Equal(decimal.Floor(75m / intent.LimitPrice!.Value), intent.Quantity);
        Assert.Equal(intent.DecisionId, intent.ClientOrderId);

        var approved = decisions.Decisions.Single(d => d.Decision.Intent is not null);
        var submission = await ScanSubmissions.SubmitAsync(desk, approved);
        Assert.Equal("SUBMITTED", submission.Outcome);
        var summary = await ScanSubmissions.SummarizeAsync(desk, decisions, [submission], "trace-scan-1");
        Assert.Equal((1, 1, 1), (summary.Approved, summary.Vetoed, summary.Deferred));
        Assert.Equal("FILLED", Assert.Single(summary.Submissions).State);
        Assert.Equal(intent.Quantity, summary.Submissions[0].FilledQuantity);
        Assert.Equal(1, h.OrdersAtExchange(intent.ClientOrderId));

        // Events: the veto and the deferral with their reasons, the order's life, the summary.
        var codes = h.Events.Events.Select(e => e.Code).ToList();
        Assert.Contains(EventCodes.OrderVetoed, codes);
        Assert.Contains(EventCodes.OrderDeferred, codes);
        Assert.Contains(EventCodes.OrderSubmitted, codes);
        Assert.Contains(EventCodes.OrderFilled, codes);
        Assert.Equal(EventCodes.ScanCompleted, codes[^1]);

        // The ledger of the day verifies and holds every decision, the order's transitions and the summary, one config pin.
        var day = UsEastern.DateOf(ScanDemoMarket.ScanTime);
        var verification = await desk.Ledger.VerifyAsync(desk.AccountId, day);
        Assert.True(verification.IsValid, verification.Detail);
        var blocks = (await desk.Ledger.ReadAsync(desk.AccountId, day, 0, 100)).Blocks;
        Assert.Equal(3, blocks.Count(b => b.Entry.Kind == "decision"));
        Assert.Contains(blocks, b => b.Entry.Kind == OrderLedgerKinds.Transition);
        Assert.Equal("scan_summary", blocks[^1].Entry.Kind);
        Assert.All(blocks, b => Assert.Equal(desk.ConfigPin, b.Entry.ConfigPin));

        var reconciliation = await new OrderReconciler(desk.Orders).ReconcileAsync();
        Assert.True(reconciliation.IsClean, string.Join("; ", reconciliation.Differences.Select(d => d.Code)));

        // The same signals again (the next slot, or a re-run): AAA is now held, so nothing is sent twice.
        var again = await ScanRunner.DecideAsync(desk, "20240313-1030-rerun", "trace-scan-2");
        Assert.Equal(VetoCodes.PositionHeld, again.Decisions.Single(d => d.Decision.Symbol == "AAA").Decision.Veto);
        Assert.Equal(0, again.Approved);

        // And a replay of the original decision never reaches the broker again.
        var replay = await ScanSubmissions.SubmitAsync(desk, approved);
        Assert.Equal(SubmissionOutcomeNames.Of(SubmissionOutcome.DuplicateReplay), replay.Outcome);
        Assert.Equal(1, h.OrdersAtExchange(intent.ClientOrderId));
    }

    [Fact]
    public async Task A_halted_account_vetoes_every_signal_and_sends_nothing()
    {
        await using var h = await DeskHarness.StartAsync(azurite.ConnectionString, ScanDemoMarket.Tape(), ScanDemoMarket.ScanTime);
        await h.Desk.Switches.HaltAsync(h.Desk.AccountId, new Tessera.Trading.Safety.HaltRequest(Tessera.Trading.Safety.HaltSource.Manual, "test", "ops", ScanDemoMarket.ScanTime));
        var decisions = await ScanRunner.DecideAsync(h.Desk, "20240313-1030", "trace-halted");
        Assert.NotEmpty(decisions.Decisions);
        Assert.All(decisions.Decisions, d => Assert.Equal(VetoCodes.KillSwitch, d.Decision.Veto));
    }
}
