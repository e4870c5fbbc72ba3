using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Alpaca.Model;
using Tessera.Core.Markets;
using Tessera.Core.Sep;
using Tessera.Trading.Configuration;
using Tessera.Trading.Decisions;
using Tessera.Trading.Desk;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;
using Tessera.Trading.Orders;

namespace Tessera.Trading.Sep;

/// <summary>
/// The live SEP desk's tick (docs/SEP.md "Live"), a translator between the broker and Core's
/// <see cref="SepLiveStep"/>: the broker's clock is the decision time; the instruments' recent bars (the configured
/// timeframe) give each its metrics; the account, its positions and the latest quotes give the SEP account and the
/// current exposures; the persisted state (<see cref="SepStateStore"/>) gives the guards' hysteresis and cooldowns and
/// the weights to hold when the data is stale. The step's target exposures become target orders through the
/// <see cref="Rebalancer"/> (whole shares or fractional as the profile says; instruments outside the SEP set are never
/// touched), sells first, and every order goes through the SAME <see cref="DecisionPipeline"/> as a signal: kill switch,
/// halt, session, quotes, budgets and the margin gate (used / (used + available) ≥ margin_budget_fraction vetoes adds
/// as <c>margin_budget</c>; reductions always pass). The tick and every decision are appended to the audit ledger; the
/// state with the approved intents is written (compare-and-swap) BEFORE anything is sent, then the intents go to the
/// order manager, which is idempotent by client order id. A re-run of a tick already decided resubmits its recorded
/// intents (so nothing is decided twice, and the order manager sends nothing twice).
/// </summary>
public static class SepDeskRunner
{
    /// <summary>The tick a time belongs to: its UTC minute (two calls in one minute are one tick).</summary>
    public static string TickId(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether the timer should tick at <paramref name="now"/>: the regular session is open and the New York minute is a multiple of the cadence.</summary>
    public static bool IsDue(DateTimeOffset now, SepDeskSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var session = NyseCalendar.SessionAt(now);
        if (session is null || !session.IsRegular(now))
        {
            return false;
        }

        var local = UsEastern.ToLocal(now);
        return ((local.Hour * 60) + local.Minute) % settings.CadenceMinutes == 0;
    }

    public static async Task<SepTickOutcome> TickAsync(TradingDesk desk, string traceId, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var settings = desk.Configuration.Sep ?? throw new TradingConfigurationException("sep", null, "the trading configuration has no sep: section (docs/SEP.md)", desk.Configuration.SourceName);
        var data = desk.Parts.MarketData ?? throw new InvalidOperationException("the desk was opened without market data");
        var clock = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.Now;
        var tickId = TickId(now);
        var store = new SepStateStore(desk.Parts.Tables);
        var (state, etag) = await store.LoadAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        if (state is not null && state.LastTick == tickId)
        {
            return await ReplayAsync(desk, state, now, dryRun, cancellationToken).ConfigureAwait(false);
        }

        var instruments = settings.Instruments;
        var n = instruments.Count;
        var allocator = settings.Allocator;
        var notes = new List<string>();

        // Metrics: the recent completed bars of each instrument (three windows' worth, so a missing minute or two still leaves look + 1).
        var width = settings.TimeFrame.Duration!.Value;
        var bars = new Dictionary<string, List<Bar>>(StringComparer.Ordinal);
        var request = new BarsRequest { Symbols = [.. instruments], TimeFrame = settings.TimeFrame, Start = now - (width * (3 * (allocator.Look + 1))), End = now };
        await foreach (var bar in data.GetAllBarsAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (bar.Symbol is { } symbol)
            {
                (bars.TryGetValue(symbol, out var list) ? list : bars[symbol] = []).Add(bar);
            }
        }

        var metrics = new SepMetrics?[n];
        var asOf = DateTimeOffset.MinValue;
        for (var i = 0; i < n; i++)
        {
            var (m, end) = SepBarWindow.Compute(bars.TryGetValue(instruments[i], out var list) ? list : [], width, now, allocator);
            metrics[i] = m;
            if (end is { } e && m is not null && e > asOf)
            {
                asOf = e;
            }
        }

        // The account as the gates see it, and each instrument's price (quote mid) and current exposure.
        var account = await AccountSnapshots.ReadAsync(desk, now, cancellationToken).ConfigureAwait(false);
        var quotes = await data.GetLatestQuotesAsync([.. instruments], cancellationToken: cancellationToken).ConfigureAwait(false);
        var prices = new Dictionary<string, double>(StringComparer.Ordinal);
        var current = new double[n];
        var tradable = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var symbol = instruments[i];
            var held = account.PositionOf(symbol);
            if (quotes.TryGetValue(symbol, out var q) && q.AskPrice > 0 && q.BidPrice > 0 && q.BidPrice <= q.AskPrice)
            {
                prices[symbol] = (double)((q.AskPrice + q.BidPrice) / 2m);
                current[i] = (double)held * prices[symbol];
                tradable[i] = held >= 0;
                if (held < 0)
                {
                    notes.Add(symbol + ": short " + held.ToString(CultureInfo.InvariantCulture) + " shares; the SEP desk is long-only and leaves it alone");
                }
            }
            else
            {
                notes.Add(symbol + ": no usable quote; its position is held as it is this tick");
            }
        }

        var sepAccount = new SepAccount((double)account.Equity, (double)account.MarginAvailable, (double)account.MarginUsed);
        var step = SepLiveStep.Evaluate(allocator, state?.For(instruments), now, asOf, metrics, sepAccount, current);
        var marginTotal = account.MarginUsed + account.MarginAvailable;
        var marginRatio = marginTotal > 0 ? (double)(account.MarginUsed / marginTotal) : 0;
        var lines = new SepInstrumentLine[n];
        for (var i = 0; i < n; i++)
        {
            lines[i] = new SepInstrumentLine(instruments[i], metrics[i], step.Allocation.Scores[i], step.Allocation.Selection[i], step.Allocation.Weights[i],
                prices.TryGetValue(instruments[i], out var p) ? p : double.NaN, current[i], step.Targets.Exposures[i]);
        }

        await desk.Ledger.AppendAsync(new LedgerEntry("sep_tick", desk.AccountId, now, TickPayload(tickId, step, asOf, marginRatio, lines, dryRun), desk.ConfigPin, traceId), cancellationToken).ConfigureAwait(false);

        // Target exposures → target orders (only the SEP instruments that have a price and no short position).
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var positions = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var planPrices = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (tradable[i] && account.Equity > 0)
            {
                weights[instruments[i]] = Math.Max(0, step.Targets.Exposures[i]) / (double)account.Equity;
                positions[instruments[i]] = account.PositionOf(instruments[i]);
                planPrices[instruments[i]] = prices[instruments[i]];
            }
        }

        var decisions = new List<ScanDecision>();
        var intents = new List<OrderIntent>();
        if (step.NoData)
        {
            notes.Add("no fresh metrics and no previous weights to hold: nothing decided");
        }
        else if (account.Equity <= 0)
        {
            notes.Add("account equity is not positive: nothing decided");
        }
        else
        {
            // SEP's own limits (budget, cap, ramp) already bound each trade: no cash buffer, and a turnover limit it cannot reach
            // (at most 2 x budget fraction of equity), so the rebalancer only rounds to whole shares (or lots) and drops dust.
            var rebalance = new RebalanceSettings(CashBufferFraction: 0, MaxTurnoverFraction: 2, desk.Profile.Rebalance.MinTradeUsd, desk.Profile.Rebalance.LotSize);
            var plan = Rebalancer.Plan(new RebalanceRequest(weights, positions, planPrices, account.Equity, SepDeskSettings.Source), rebalance, desk.Profile.FractionalShares);
            notes.AddRange(plan.Notes);
            var facts = new Dictionary<string, Scan.SymbolMarketFacts>(StringComparer.Ordinal);
            if (plan.Orders.Count > 0 && desk.MarketData is { } history)
            {
                // Adds need the 20-day ADV (the ADV cap) like any entry: the last completed sessions' daily bars.
                foreach (var f in (await history.LoadAsync([.. plan.Orders.Select(o => o.Symbol)], now, 30, cancellationToken).ConfigureAwait(false)).Facts)
                {
                    facts[f.Symbol] = f;
                }
            }

            var switches = await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
            var streamSafety = await Safety.StreamSafetyGate.BlocksAsync(desk.Parts.Tables, desk.AccountId, now, cancellationToken).ConfigureAwait(false);
            var safety = new SafetyState(switches.KillSwitch, switches.Halted, streamSafety);
            foreach (var order in plan.Orders)
            {
                quotes.TryGetValue(order.Symbol, out var q);
                facts.TryGetValue(order.Symbol, out var f);
                var market = new MarketSnapshot
                {
                    Bid = q is null ? null : (double)q.BidPrice,
                    Ask = q is null ? null : (double)q.AskPrice,
                    QuoteTime = q?.Timestamp,
                    LastPrice = planPrices[order.Symbol],
                    Adv20Shares = f?.AverageDailyVolume20 ?? double.NaN,
                    AtrPct = f?.AtrPercent14 ?? double.NaN,
                };
                var result = desk.Pipeline.Decide(new DecisionRequest(order, market, account, safety, now));
                var decision = new ScanDecision(result.Decision, SepDeskSettings.Source, order.Side == OrderSide.Sell ? "sep-reduce" : "sep-increase", result.ChaseUnfilled);
                decisions.Add(decision);
                await desk.Ledger.AppendAsync(new LedgerEntry("decision", desk.AccountId, now, DecisionPayload(tickId, order, result, dryRun), desk.ConfigPin, traceId), cancellationToken).ConfigureAwait(false);
                Publish(desk, result);
                if (result.Intent is { } intent)
                {
                    account = AccountSnapshots.After(account, intent);
                    intents.Add(intent);
                }
            }
        }

        var submissions = new List<ScanSubmission>();
        if (!dryRun)
        {
            // Write-ahead: the tick is recorded with its intents before the first is sent (a lost race sends nothing).
            await store.SaveAsync(desk.AccountId, new SepDeskState(tickId, [.. instruments], step.State, intents, desk.Profile.ChaseUnfilled), etag, cancellationToken).ConfigureAwait(false);
            foreach (var d in decisions)
            {
                if (d.Decision.Intent is not null)
                {
                    submissions.Add(await ScanSubmissions.SubmitAsync(desk, d, cancellationToken).ConfigureAwait(false));
                }
            }

            submissions = await SettleAsync(desk, submissions, cancellationToken).ConfigureAwait(false);
        }

        return new SepTickOutcome(tickId, now, false, step.Allocation.HeldStale, step.NoData, step.Targets.Budget, step.Targets.Cap, marginRatio, lines, decisions, submissions, notes, dryRun);
    }

    /// <summary>The tick was decided already: its recorded intents go to the order manager again (duplicates are recognised by client order id).</summary>
    private static async Task<SepTickOutcome> ReplayAsync(TradingDesk desk, SepDeskState state, DateTimeOffset now, bool dryRun, CancellationToken cancellationToken)
    {
        var decisions = new List<ScanDecision>(state.Intents.Count);
        foreach (var intent in state.Intents)
        {
            decisions.Add(new ScanDecision(new TradingDecision(intent.DecisionId, now, intent.Symbol, DecisionOutcome.Approved, null, "recorded intent of tick " + state.LastTick, intent), SepDeskSettings.Source, "sep-replay", state.ChaseUnfilled));
        }

        var submissions = new List<ScanSubmission>();
        if (!dryRun)
        {
            foreach (var d in decisions)
            {
                submissions.Add(await ScanSubmissions.SubmitAsync(desk, d, cancellationToken).ConfigureAwait(false));
            }

            submissions = await SettleAsync(desk, submissions, cancellationToken).ConfigureAwait(false);
        }

        var held = state.Allocator.Previous;
        return new SepTickOutcome(state.LastTick, now, true, held?.HeldStale ?? false, false, double.NaN, double.NaN, double.NaN, [], decisions, submissions,
            ["tick " + state.LastTick + " was already decided: its " + state.Intents.Count.ToString(CultureInfo.InvariantCulture) + " recorded intent(s) were resubmitted; the order manager sends none twice"], dryRun);
    }

    /// <summary>Polls the broker once so fills and IOC cancels are recorded, then reads each order's state back.</summary>
    private static async Task<List<ScanSubmission>> SettleAsync(TradingDesk desk, List<ScanSubmission> submitted, CancellationToken cancellationToken)
    {
        if (submitted.Count == 0)
        {
            return submitted;
        }

        await new OrderPoller(desk.Orders).PollOnceAsync(cancellationToken).ConfigureAwait(false);
        var final = new List<ScanSubmission>(submitted.Count);
        foreach (var s in submitted)
        {
            var stored = await desk.Orders.Orders.GetAsync(desk.AccountId, s.ClientOrderId, cancellationToken).ConfigureAwait(false);
            final.Add(stored is null ? s : s with { State = OrderStateNames.Wire(stored.Record.ComparableState), FilledQuantity = stored.Record.FilledQuantity, AveragePrice = stored.Record.AveragePrice });
        }

        return final;
    }

    private static JsonObject TickPayload(string tickId, SepLiveResult step, DateTimeOffset asOf, double marginRatio, SepInstrumentLine[] lines, bool dryRun)
    {
        var instruments = new JsonArray();
        foreach (var l in lines)
        {
            instruments.Add(new JsonObject
            {
                ["symbol"] = l.Symbol,
                ["coherence"] = l.Metrics?.Coherence,
                ["stability"] = l.Metrics?.Stability,
                ["rupture"] = l.Metrics?.Rupture,
                ["entropy"] = l.Metrics?.Entropy,
                ["score"] = double.IsFinite(l.Score) ? l.Score : null,
                ["selection"] = l.Selection.ToString().ToLowerInvariant(),
                ["weight"] = l.Weight,
                ["current"] = l.CurrentExposure,
                ["target"] = l.TargetExposure,
            });
        }

        return new JsonObject
        {
            ["tick"] = tickId,
            ["metrics_as_of"] = asOf == DateTimeOffset.MinValue ? null : asOf.ToString("O", CultureInfo.InvariantCulture),
            ["held_stale"] = step.Allocation.HeldStale,
            ["no_data"] = step.NoData,
            ["budget"] = step.Targets.Budget,
            ["cap"] = step.Targets.Cap,
            ["margin_ratio"] = marginRatio,
            ["instruments"] = instruments,
            ["dry_run"] = dryRun,
        };
    }

    private static JsonObject DecisionPayload(string tickId, TargetOrder order, DecisionResult result, bool dryRun)
    {
        var d = result.Decision;
        var payload = new JsonObject
        {
            ["source"] = SepDeskSettings.Source,
            ["tick"] = tickId,
            ["decision_id"] = d.DecisionId,
            ["ticker"] = d.Symbol,
            ["outcome"] = d.Outcome.ToString().ToUpperInvariant(),
            ["veto_reason"] = d.Veto,
            ["detail"] = d.Detail,
            ["profile"] = result.ProfileName,
            ["side"] = order.Side.ToString().ToLowerInvariant(),
            ["qty"] = order.Quantity.ToString(CultureInfo.InvariantCulture),
            ["dry_run"] = dryRun,
        };
        if (d.Intent is { } i)
        {
            payload["client_order_id"] = i.ClientOrderId;
            payload["type"] = i.Type.ToString().ToLowerInvariant();
            payload["time_in_force"] = i.TimeInForce.ToString().ToLowerInvariant();
            payload["limit_price"] = i.LimitPrice?.ToString(CultureInfo.InvariantCulture);
        }

        return payload;
    }

    private static void Publish(TradingDesk desk, DecisionResult result)
    {
        var d = result.Decision;
        if (d.Outcome == DecisionOutcome.Approved)
        {
            return;
        }

        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [EventFields.DecisionId] = d.DecisionId,
            [EventFields.Ticker] = d.Symbol,
            [EventFields.VetoReason] = d.Veto,
        };
        desk.Events.Publish(d.Outcome == DecisionOutcome.Vetoed
            ? new TradingEvent(EventCodes.OrderVetoed, EventLevel.Info, "sep: " + d.Symbol + " vetoed: " + d.Veto + " (" + d.Detail + ")", fields)
            : new TradingEvent(EventCodes.OrderDeferred, EventLevel.Warning, "sep: " + d.Symbol + " deferred: " + d.Detail, fields));
    }
}
