using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Core;
using Tessera.Core.Signals;
using Tessera.Core.Strategies;
using Tessera.Trading.Decisions;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;
using Tessera.Trading.Scan;

namespace Tessera.Trading.Desk;

/// <summary>
/// The decide half of a market scan: the broker's clock is the decision time; completed-session bars and the latest
/// quotes of the configured universe go through the configured strategies (<see cref="SignalScanner"/>: signals of the
/// last completed bar, strongest first); each signal goes through the decision pipeline IN ORDER, the account updated
/// after every approval (the symbol now has an order open, the day's budget is spent), so the daily budget and
/// buying power hold across the whole scan. Every decision is appended to the audit ledger before this returns, and
/// vetoes and deferrals are published; submission is the caller's next step, one intent at a time.
/// </summary>
public static class ScanRunner
{
    public static async Task<ScanDecisions> DecideAsync(TradingDesk desk, string slot, string traceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var marketData = desk.MarketData ?? throw new InvalidOperationException("the desk was opened without market data");
        var scan = desk.Configuration.Scan;
        var clock = await desk.ClockAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.Now;
        var switches = await desk.Switches.GetAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        var streamSafety = await Safety.StreamSafetyGate.BlocksAsync(desk.Parts.Tables, desk.AccountId, now, cancellationToken).ConfigureAwait(false);
        // The kill switch's actions in force: halt adds / ETF restriction as gates, the base profile's pipeline for sizing.
        var killSwitch = await Safety.DeskKillSwitch.ReadAsync(desk, new SafetyState(switches.KillSwitch, switches.Halted, streamSafety), cancellationToken).ConfigureAwait(false);
        var safety = killSwitch.Safety;
        var load = await marketData.LoadAsync(scan.Universe, now, scan.HistorySessions, cancellationToken).ConfigureAwait(false);
        var strategies = new List<IStrategy>(scan.Strategies.Count);
        foreach (var name in scan.Strategies)
        {
            strategies.Add(StrategyRegistry.Default.Create(name));
        }

        var bars = new List<Core.Data.BarSeries>(load.Facts.Count);
        var facts = new Dictionary<string, SymbolMarketFacts>(StringComparer.Ordinal);
        foreach (var f in load.Facts)
        {
            bars.Add(f.DailyBars);
            facts[f.Symbol] = f;
        }

        var signals = SignalScanner.ScanLatest(bars, strategies, maxDegreeOfParallelism: 1);
        var vix = desk.Parts.Vix is { } readVix ? await readVix(load.LastCompletedSession, cancellationToken).ConfigureAwait(false) : null;
        var account = await AccountSnapshots.ReadAsync(desk, now, cancellationToken).ConfigureAwait(false);
        var notices = new List<string>();
        if (load.MissingSymbols.Count > 0)
        {
            notices.Add("no daily bars at the broker for: " + string.Join(", ", load.MissingSymbols));
        }

        var decisions = new List<ScanDecision>(signals.Count);
        var stamp = desk.Stamp(traceId);
        foreach (var signal in signals)
        {
            var f = facts[signal.Symbol];
            var input = new TradingSignal(signal.Symbol, signal.Side, signal.Strategy, DateTimeOffset.FromUnixTimeMilliseconds(signal.TimestampUtcMs), double.IsFinite(signal.Strength) ? signal.Strength : null);
            var market = new MarketSnapshot
            {
                Bid = f.Bid is { } b ? (double)b : null,
                Ask = f.Ask is { } a ? (double)a : null,
                QuoteTime = f.QuoteTime,
                LastPrice = f.LastClose,
                Adv20Shares = f.AverageDailyVolume20,
                AtrPct = f.AtrPercent14,
                DailyReturns = DailyReturns(f.DailyBars.Close),
                Vix = vix?.Close ?? double.NaN,
                VixAsOf = vix?.AsOf,
            };
            var result = killSwitch.Pipeline.Decide(new DecisionRequest(input, market, account, safety, now));
            decisions.Add(new ScanDecision(result.Decision, signal.Strategy, signal.Reason, result.ChaseUnfilled));
            foreach (var notice in result.Sizing?.Notices ?? [])
            {
                if (!notices.Contains(notice))
                {
                    notices.Add(notice);
                }
            }

            await desk.Ledger.AppendAsync(new LedgerEntry("decision", desk.AccountId, now, DecisionPayload(slot, result, signal), desk.ConfigPin, traceId), cancellationToken).ConfigureAwait(false);
            Publish(desk, result);
            if (result.Intent is { } intent)
            {
                account = AccountSnapshots.After(account, intent);
            }
        }

        return new ScanDecisions(slot, now, load.LastCompletedSession, load.Facts.Count, signals.Count, decisions, load.MissingSymbols, notices);
    }

    private static double[] DailyReturns(double[] close)
    {
        if (close.Length < 2)
        {
            return [];
        }

        var r = new double[close.Length - 1];
        for (var i = 1; i < close.Length; i++)
        {
            r[i - 1] = (close[i] / close[i - 1]) - 1;
        }

        return r;
    }

    private static JsonObject DecisionPayload(string slot, DecisionResult result, Signal signal)
    {
        var d = result.Decision;
        var payload = new JsonObject
        {
            ["slot"] = slot,
            ["decision_id"] = d.DecisionId,
            ["ticker"] = d.Symbol,
            ["outcome"] = d.Outcome.ToString().ToUpperInvariant(),
            ["veto_reason"] = d.Veto,
            ["detail"] = d.Detail,
            ["profile"] = result.ProfileName,
            ["strategy"] = signal.Strategy,
            ["signal"] = signal.Side.ToText(),
            ["signal_reason"] = signal.Reason,
            ["signal_bar"] = DateTimeOffset.FromUnixTimeMilliseconds(signal.TimestampUtcMs).ToString("O", CultureInfo.InvariantCulture),
        };
        if (d.Intent is { } i)
        {
            payload["client_order_id"] = i.ClientOrderId;
            payload["side"] = i.Side.ToString().ToLowerInvariant();
            payload["qty"] = i.Quantity?.ToString(CultureInfo.InvariantCulture);
            payload["notional"] = i.Notional?.ToString(CultureInfo.InvariantCulture);
            payload["type"] = i.Type.ToString().ToLowerInvariant();
            payload["time_in_force"] = i.TimeInForce.ToString().ToLowerInvariant();
            payload["limit_price"] = i.LimitPrice?.ToString(CultureInfo.InvariantCulture);
        }

        return payload;
    }

    private static void Publish(TradingDesk desk, DecisionResult result)
    {
        var d = result.Decision;
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [EventFields.DecisionId] = d.DecisionId,
            [EventFields.Ticker] = d.Symbol,
            [EventFields.VetoReason] = d.Veto,
        };
        switch (d.Outcome)
        {
            case DecisionOutcome.Vetoed:
                desk.Events.Publish(new TradingEvent(EventCodes.OrderVetoed, EventLevel.Info, d.Symbol + " vetoed: " + d.Veto + " (" + d.Detail + ")", fields));
                break;
            case DecisionOutcome.Deferred:
                desk.Events.Publish(new TradingEvent(EventCodes.OrderDeferred, EventLevel.Warning, d.Symbol + " deferred: " + d.Detail, fields));
                break;
        }
    }
}
