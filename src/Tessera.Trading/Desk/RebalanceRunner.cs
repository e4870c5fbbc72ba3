using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Alpaca.Model;
using Tessera.Trading.Decisions;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Desk;

/// <summary>A rebalance: the plan, every order's decision, and what was submitted (nothing with dryRun).</summary>
public sealed record RebalanceOutcome(RebalancePlan Plan, IReadOnlyList<ScanDecision> Decisions, IReadOnlyList<ScanSubmission> Submissions, bool DryRun);

/// <summary>
/// Target weights (from a completed run or given by hand) → orders: the <see cref="Rebalancer"/>'s plan at the latest
/// quotes, sells first, each order through the SAME decision pipeline and gates as a signal (ledger, vetoes, deferrals),
/// approved ones submitted through the order manager unless <c>dryRun</c>.
/// </summary>
public static class RebalanceRunner
{
    public static async Task<RebalanceOutcome> RunAsync(TradingDesk desk, IReadOnlyDictionary<string, double> targetWeights, string source, string traceId, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(targetWeights);
        var data = desk.Parts.MarketData ?? throw new InvalidOperationException("the desk was opened without market data");
        var clock = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.Now;
        var account = await AccountSnapshots.ReadAsync(desk, now, cancellationToken).ConfigureAwait(false);
        var symbols = new SortedSet<string>(targetWeights.Keys, StringComparer.Ordinal);
        symbols.UnionWith(account.Positions.Keys);
        foreach (var s in symbols)
        {
            TradingSymbol.Validate(s, "weights");
        }

        var quotes = await data.GetLatestQuotesAsync([.. symbols], cancellationToken: cancellationToken).ConfigureAwait(false);
        var prices = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (symbol, q) in quotes)
        {
            if (q.AskPrice > 0 && q.BidPrice > 0)
            {
                prices[symbol] = (double)((q.AskPrice + q.BidPrice) / 2m);
            }
        }

        // Buys need the same facts as a scan's entries (ADV cap, ATR%, returns for the sizers): the last completed sessions.
        var facts = new Dictionary<string, Scan.SymbolMarketFacts>(StringComparer.Ordinal);
        if (desk.MarketData is { } history)
        {
            foreach (var f in (await history.LoadAsync([.. symbols], now, 30, cancellationToken).ConfigureAwait(false)).Facts)
            {
                facts[f.Symbol] = f;
            }
        }

        var plan = Rebalancer.Plan(new RebalanceRequest(targetWeights, account.Positions, prices, account.Equity, source), desk.Profile.Rebalance, desk.Profile.FractionalShares);
        var switches = await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        var streamSafety = await Safety.StreamSafetyGate.BlocksAsync(desk.Parts.Tables, desk.AccountId, now, cancellationToken).ConfigureAwait(false);
        var killSwitch = await Safety.DeskKillSwitch.ReadAsync(desk, new SafetyState(switches.KillSwitch, switches.Halted, streamSafety), cancellationToken).ConfigureAwait(false);
        var safety = killSwitch.Safety;
        var decisions = new List<ScanDecision>(plan.Orders.Count);
        var submissions = new List<ScanSubmission>();
        foreach (var order in plan.Orders)
        {
            quotes.TryGetValue(order.Symbol, out var q);
            var market = new MarketSnapshot
            {
                Bid = q is null ? null : (double)q.BidPrice,
                Ask = q is null ? null : (double)q.AskPrice,
                QuoteTime = q?.Timestamp,
                LastPrice = prices.TryGetValue(order.Symbol, out var p) ? p : double.NaN,
                Adv20Shares = facts.TryGetValue(order.Symbol, out var f) ? f.AverageDailyVolume20 : double.NaN,
                AtrPct = f?.AtrPercent14 ?? double.NaN,
            };
            var result = killSwitch.Pipeline.Decide(new DecisionRequest(order, market, account, safety, now));
            var decision = new ScanDecision(result.Decision, "rebalance:" + source, order.Side == OrderSide.Sell ? "rebalance-sell" : "rebalance-buy", result.ChaseUnfilled);
            decisions.Add(decision);
            await desk.Ledger.AppendAsync(new LedgerEntry("decision", desk.AccountId, now, new JsonObject
            {
                ["source"] = "rebalance:" + source,
                ["decision_id"] = result.Decision.DecisionId,
                ["ticker"] = order.Symbol,
                ["outcome"] = result.Outcome.ToString().ToUpperInvariant(),
                ["veto_reason"] = result.VetoCode,
                ["detail"] = result.Decision.Detail,
                ["side"] = order.Side.ToString().ToLowerInvariant(),
                ["qty"] = order.Quantity.ToString(CultureInfo.InvariantCulture),
                ["dry_run"] = dryRun,
            }, desk.ConfigPin, traceId), cancellationToken).ConfigureAwait(false);
            if (result.Intent is { } intent)
            {
                account = AccountSnapshots.After(account, intent);
                if (!dryRun)
                {
                    submissions.Add(await ScanSubmissions.SubmitAsync(desk, decision, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return new RebalanceOutcome(plan, decisions, submissions, dryRun);
    }
}
