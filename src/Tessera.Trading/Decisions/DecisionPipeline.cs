using Tessera.Core.Telemetry;
using System.Globalization;
using Tessera.Alpaca.Model;
using Tessera.Core;
using Tessera.Core.Errors;
using Tessera.Core.Markets;
using Tessera.Trading.Configuration;

namespace Tessera.Trading.Decisions;

/// <summary>
/// The decision pipeline (issue 12 item 1): pure, no I/O, no clock. A signal or a target order, with the market,
/// account and safety snapshots and the decision time, becomes an approved <see cref="OrderIntent"/>, a veto or a
/// deferral, always with a deterministic decision id. Gate order (first failing gate decides; docs/TRADING-CONFIG.md):
/// input validation (typed exceptions, before anything) → kill_switch → halted → market_closed → nothing_to_exit /
/// opposite_position / crosses_zero → kill_switch_halt_adds / kill_switch_restricted (adds) → session_exit_window (adds) → missing_quote → invalid_quote → stale_quote →
/// [adds only:] shorts_disabled → price_out_of_range → spread_too_wide (Deferred) → adv_cap (ADV unknown) → sizing
/// (size_zero, budget_below_one_share, below_min_notional) → adv_cap → per_order_limit → daily_limit →
/// margin_budget → buying_power. Orders that reduce a position (exits, covers, rebalance sells) pass only the
/// state and quote gates: SEP's "reductions always allowed", so a budget or a spread can never trap a position.
/// </summary>
public sealed class DecisionPipeline
{
    private const double MaxSanePrice = 10_000_000;

    public DecisionPipeline(TradingProfile profile, string configPin)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(configPin);
        Profile = profile;
        ConfigPin = configPin;
    }

    public TradingProfile Profile { get; }

    public string ConfigPin { get; }

    /// <summary>One decision, in a span (<c>order.decide</c>: symbol, outcome, veto code) counted by the veto metric.</summary>
    public DecisionResult Decide(DecisionRequest request)
    {
        using var span = TesseraTelemetry.Source.StartActivity("order.decide");
        var result = DecideCore(request);
        span?.SetTag(TesseraTelemetry.Tags.Symbol, result.Decision.Symbol);
        span?.SetTag("tessera.outcome", result.Outcome.ToString());
        if (result.VetoCode is { } veto)
        {
            span?.SetTag(TesseraTelemetry.Tags.Veto, veto);
            TesseraTelemetry.Vetoes.Add(1, new KeyValuePair<string, object?>(TesseraTelemetry.Tags.Veto, veto));
        }

        return result;
    }

    private DecisionResult DecideCore(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Input is null || request.Market is null || request.Account is null || request.Safety is null)
        {
            throw new TesseraValidationException("request", null, "input, market, account and safety are all required");
        }

        if (request.Account.Positions is null || request.Market.DailyReturns is null)
        {
            throw new TesseraValidationException("request", null, "account positions and market daily returns may be empty but not null");
        }

        var symbol = TradingSymbol.Validate(request.Input.Symbol, "symbol");
        ValidateInput(request.Input);

        var now = request.Now;
        var id = DecisionIds.Create(now, symbol, DecisionCanonicalText.Of(request, symbol, Profile.Name, ConfigPin));
        var d = new Decider(this, id, symbol, now);

        if (request.Safety.KillSwitch)
        {
            return d.Veto(VetoCodes.KillSwitch, "the kill switch is on: nothing is sent");
        }

        if (request.Safety.Halted)
        {
            return d.Veto(VetoCodes.Halted, "trading is halted");
        }

        if (request.Safety.StreamSafetyMode)
        {
            return d.Veto(VetoCodes.StreamSafetyMode, "the stream service is in safety mode (SOP-01): submissions resume after 60 s of clean reception");
        }

        var session = NyseCalendar.Session(UsEastern.DateOf(now));
        if (session is null || !session.IsRegular(now))
        {
            return d.Veto(VetoCodes.MarketClosed, session is null
                ? "no NYSE session on " + UsEastern.DateOf(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : "outside the regular session " + Hm(session.Open) + "-" + Hm(session.Close) + " New York");
        }

        if (request.Account.OpenOrderSymbols is { } open && open.Contains(symbol))
        {
            return d.Veto(VetoCodes.OrderPending, "an order for " + symbol + " is still open: one order per symbol at a time");
        }

        var position = request.Account.PositionOf(symbol);
        var plan = Classify(request.Input, position, d, out var early);
        if (early is not null)
        {
            return early;
        }

        // The kill-switch matrix's actions (docs/GOVERNANCE.md): adds stop, or narrow to the ETF list; reductions always pass.
        if (!plan.Reduces && request.Safety.HaltAdds)
        {
            return d.Veto(VetoCodes.KillSwitchHaltAdds, "the kill switch's halt_adds is in force: no order may open or increase a position; exits still allowed");
        }

        if (!plan.Reduces && request.Safety.AllowedSymbols is { } allowed && !allowed.Contains(symbol))
        {
            return d.Veto(VetoCodes.KillSwitchRestricted, symbol + " is outside the kill switch's restricted list (" + string.Join(",", allowed.Order(StringComparer.Ordinal)) + "); exits still allowed");
        }

        var blockFrom = session.Close.AddMinutes(-Profile.Session.BlockAddsLastMinutes);
        if (!plan.Reduces && now >= blockFrom)
        {
            return d.Veto(VetoCodes.SessionExitWindow, "no adds from " + Hm(blockFrom) + " New York (close " + Hm(session.Close) + "); exits still allowed");
        }

        var m = request.Market;
        if (m.Bid is not { } bidD || m.Ask is not { } askD || m.QuoteTime is not { } quoteTime)
        {
            return d.Veto(VetoCodes.MissingQuote, "no bid, ask or quote time");
        }

        if (!Sane(bidD) || !Sane(askD) || bidD > askD)
        {
            return d.Veto(VetoCodes.InvalidQuote, "bid " + bidD.ToString("R", CultureInfo.InvariantCulture) + " ask " + askD.ToString("R", CultureInfo.InvariantCulture) + ": prices must be finite, > 0 and bid <= ask");
        }

        // A quote stamped further in the future than the freshness window means a skewed clock: as untrustworthy as an old one.
        var age = (now - quoteTime).TotalSeconds;
        if (age > Profile.QuoteMaxAgeSeconds || -age > Profile.QuoteMaxAgeSeconds)
        {
            return d.Veto(VetoCodes.StaleQuote, "quote is " + age.ToString("0.###", CultureInfo.InvariantCulture) + " s old (max " + Profile.QuoteMaxAgeSeconds.ToString("R", CultureInfo.InvariantCulture) + " s)");
        }

        var bid = (decimal)bidD;
        var ask = (decimal)askD;
        var limit = plan.Side == OrderSide.Buy ? IocLimitPrice.ForBuy(ask, Profile.IocLimitBuyMultiplier) : IocLimitPrice.ForSell(bid, Profile.IocLimitSellMultiplier);
        var priced = plan.Side == OrderSide.Buy
            ? "ask " + Money(ask) + " x " + Profile.IocLimitBuyMultiplier.ToString("R", CultureInfo.InvariantCulture)
            : "bid " + Money(bid) + " x " + Profile.IocLimitSellMultiplier.ToString("R", CultureInfo.InvariantCulture);

        if (plan.Reduces)
        {
            return d.Approve(Intent(d, plan.Side, plan.Quantity!.Value, null, limit, reduces: true) with { ReferencePrice = plan.Side == OrderSide.Buy ? ask : bid }, priced, null);
        }

        return DecideAdd(request, d, plan, bid, ask, limit, priced);
    }

    private DecisionResult DecideAdd(DecisionRequest request, Decider d, Plan plan, decimal bid, decimal ask, decimal limit, string priced)
    {
        var policy = Profile.Policy;
        var account = request.Account;
        var m = request.Market;
        if (plan.Side == OrderSide.Sell && !policy.AllowShorts)
        {
            return d.Veto(VetoCodes.ShortsDisabled, "shorts are disabled in profile " + Profile.Name);
        }

        if (limit < policy.MinPrice || limit > policy.MaxPrice)
        {
            return d.Veto(VetoCodes.PriceOutOfRange, "limit " + Money(limit) + " outside [" + Money(policy.MinPrice) + ", " + Money(policy.MaxPrice) + "]");
        }

        // Spread gate in decimal so that exactly 0.05% is exactly 0.05% (it defers: the rule is strictly below).
        var mid = (ask + bid) / 2m;
        var spread = (ask - bid) / mid;
        if (spread >= (decimal)Profile.SpreadGateMax)
        {
            return d.Result(DecisionOutcome.Deferred, VetoCodes.SpreadTooWide, "spread " + (spread * 100m).ToString("0.#####", CultureInfo.InvariantCulture) + "% is not below " + (Profile.SpreadGateMax * 100).ToString("0.#####", CultureInfo.InvariantCulture) + "%: ORDER_DEFERRED", null, null);
        }

        if (!(double.IsFinite(m.Adv20Shares) && m.Adv20Shares > 0 && m.Adv20Shares < 1e15))
        {
            return d.Veto(VetoCodes.AdvCap, "20-day ADV unknown: adds need it for the ADV cap");
        }

        SizingTrace? trace = null;
        decimal? quantity = plan.Quantity;
        decimal? notional = null;
        if (quantity is null)
        {
            var sign = plan.Side == OrderSide.Buy ? 1 : -1;
            trace = EntrySizer.Size(Profile.Sizing, m, account.Equity, sign, UsEastern.DateOf(request.Now), limit, policy.PerOrderUsd);
            if (trace.Budget <= 0)
            {
                return d.Result(DecisionOutcome.Vetoed, VetoCodes.SizeZero, "sizing gave no position; " + trace, null, trace);
            }

            var shares = decimal.Floor(trace.Budget / limit);
            if (shares >= 1)
            {
                quantity = shares;
            }
            else if (Profile.FractionalShares && plan.Side == OrderSide.Buy)
            {
                notional = decimal.Floor(trace.Budget * 100m) / 100m;
                if (notional < Profile.MinFractionalNotionalUsd)
                {
                    return d.Result(DecisionOutcome.Vetoed, VetoCodes.BelowMinNotional, "notional " + Money(notional.Value) + " below " + Money(Profile.MinFractionalNotionalUsd) + "; " + trace, null, trace);
                }
            }
            else
            {
                var why = Profile.FractionalShares ? " (fractional orders cannot sell short)" : string.Empty;
                return d.Result(DecisionOutcome.Vetoed, VetoCodes.BudgetBelowOneShare, "budget " + Money(trace.Budget) + " < one share at " + Money(limit) + why + "; " + trace, null, trace);
            }
        }

        var orderNotional = notional ?? (quantity!.Value * limit);
        var orderShares = quantity ?? (notional!.Value / limit);
        var sized = trace is null ? string.Empty : "; " + trace;
        var advCap = (decimal)(m.Adv20Shares * Profile.Sizing.AdvCapFraction);
        if (orderShares > advCap)
        {
            return d.Result(DecisionOutcome.Vetoed, VetoCodes.AdvCap, Num(orderShares) + " shares above " + Num(advCap) + " (" + Profile.Sizing.AdvCapFraction.ToString("R", CultureInfo.InvariantCulture) + " of ADV20)" + sized, null, trace);
        }

        if (orderNotional > policy.PerOrderUsd)
        {
            return d.Result(DecisionOutcome.Vetoed, VetoCodes.PerOrderLimit, "notional " + Money(orderNotional) + " above per-order " + Money(policy.PerOrderUsd) + sized, null, trace);
        }

        if (account.NotionalUsedToday + orderNotional > policy.DailyUsd)
        {
            return d.Result(DecisionOutcome.Vetoed, VetoCodes.DailyLimit, "used today " + Money(account.NotionalUsedToday) + " + " + Money(orderNotional) + " above daily " + Money(policy.DailyUsd) + sized, null, trace);
        }

        var marginTotal = account.MarginUsed + account.MarginAvailable;
        if (marginTotal > 0 && account.MarginUsed >= (decimal)Profile.MarginBudgetFraction * marginTotal)
        {
            return d.Result(DecisionOutcome.Vetoed, VetoCodes.MarginBudget, "used margin " + Money(account.MarginUsed) + " is " + (account.MarginUsed / marginTotal * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "% of margin (new entries held at " + (Profile.MarginBudgetFraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%)" + sized, null, trace);
        }

        if (orderNotional > account.BuyingPower)
        {
            return d.Result(DecisionOutcome.Vetoed, VetoCodes.BuyingPower, "notional " + Money(orderNotional) + " above buying power " + Money(account.BuyingPower) + sized, null, trace);
        }

        var intent = Intent(d, plan.Side, quantity, notional, limit, reduces: false) with { ReferencePrice = plan.Side == OrderSide.Buy ? ask : bid };
        return d.Approve(intent, priced, trace);
    }

    private static OrderIntent Intent(Decider d, OrderSide side, decimal? quantity, decimal? notional, decimal limit, bool reduces)
    {
        var clientOrderId = DecisionIds.ClientOrderId(d.Id);
        if (notional is not null)
        {
            // Alpaca takes fractional orders only as DAY orders, and notional orders only as market orders.
            return new OrderIntent(d.Id, clientOrderId, d.Symbol, side, null, notional, OrderType.Market, TimeInForce.Day, null, reduces);
        }

        return quantity!.Value == decimal.Floor(quantity.Value)
            ? new OrderIntent(d.Id, clientOrderId, d.Symbol, side, quantity, null, OrderType.Limit, TimeInForce.Ioc, limit, reduces)
            : new OrderIntent(d.Id, clientOrderId, d.Symbol, side, quantity, null, OrderType.Market, TimeInForce.Day, null, reduces);
    }

    /// <summary>What the input asks for given the current position: side, quantity (null = to be sized), and whether it reduces.</summary>
    private Plan Classify(DecisionInput input, decimal position, Decider d, out DecisionResult? early)
    {
        early = null;
        switch (input)
        {
            case TradingSignal { Target: Side.Flat }:
                if (position == 0)
                {
                    early = d.Veto(VetoCodes.NothingToExit, "exit signal with no position");
                }

                return new Plan(position > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(position), Reduces: true);
            case TradingSignal { Target: Side.Long }:
                if (position < 0)
                {
                    early = d.Veto(VetoCodes.OppositePosition, "long entry while short " + Num(-position) + ": exit first");
                }
                else if (position > 0)
                {
                    early = d.Veto(VetoCodes.PositionHeld, "long entry while already long " + Num(position) + ": signals do not pyramid");
                }

                return new Plan(OrderSide.Buy, null, Reduces: false);
            case TradingSignal:
                if (position > 0)
                {
                    early = d.Veto(VetoCodes.OppositePosition, "short entry while long " + Num(position) + ": exit first");
                }
                else if (position < 0)
                {
                    early = d.Veto(VetoCodes.PositionHeld, "short entry while already short " + Num(-position) + ": signals do not pyramid");
                }

                return new Plan(OrderSide.Sell, null, Reduces: false);
            case TargetOrder o:
                var held = o.Side == OrderSide.Sell ? position : -position;
                if (held > 0 && o.Quantity > held)
                {
                    early = d.Veto(VetoCodes.CrossesZero, Num(o.Quantity) + " would cross through zero from " + Num(position) + ": split into an exit and an entry");
                }

                var reduces = held > 0;
                if (!reduces && !Profile.FractionalShares && o.Quantity != decimal.Floor(o.Quantity))
                {
                    throw new TesseraValidationException("quantity", Num(o.Quantity), "whole shares only: profile " + Profile.Name + " has fractional_shares false");
                }

                if (!reduces && o.Side == OrderSide.Sell && o.Quantity != decimal.Floor(o.Quantity))
                {
                    throw new TesseraValidationException("quantity", Num(o.Quantity), "a short sale must be whole shares (fractional orders cannot sell short)");
                }

                return new Plan(o.Side, o.Quantity, reduces);
            default:
                throw new TesseraValidationException("input", input.GetType().Name, "a decision input is a TradingSignal or a TargetOrder");
        }
    }

    private static void ValidateInput(DecisionInput input)
    {
        switch (input)
        {
            case TradingSignal s:
                if (!Enum.IsDefined(s.Target))
                {
                    throw new TesseraValidationException("target", s.Target.ToString(), "FLAT (exit), LONG or SHORT");
                }

                ValidateName(s.Strategy, "strategy");
                if (s.Strength is { } x && !double.IsFinite(x))
                {
                    throw new TesseraValidationException("strength", x.ToString("R", CultureInfo.InvariantCulture), "must be finite when given");
                }

                break;
            case TargetOrder o:
                if (o.Side is not (OrderSide.Buy or OrderSide.Sell))
                {
                    throw new TesseraValidationException("side", o.Side.ToString(), "buy or sell");
                }

                if (o.Quantity <= 0 || o.Quantity > 1_000_000_000m)
                {
                    throw new TesseraValidationException("quantity", Num(o.Quantity), "must be in (0, 1e9] shares");
                }

                ValidateName(o.Source, "source");
                break;
        }
    }

    /// <summary>Strategy and source names go into the canonical text and the ledger: a short safe word, no separators of that text.</summary>
    private static void ValidateName(string? name, string field)
    {
        const string rule = "1-64 characters of A-Z, a-z, 0-9, '_', '-', '.', ':'";
        if (name is null || name.Length is 0 or > 64)
        {
            throw new TesseraValidationException(field, name is null ? null : "<" + name.Length.ToString(CultureInfo.InvariantCulture) + " characters>", rule);
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
            {
                throw new TesseraValidationException(field, "<" + name.Length.ToString(CultureInfo.InvariantCulture) + " characters, not shown>", rule);
            }
        }
    }

    private static bool Sane(double price) => double.IsFinite(price) && price > 0 && price < MaxSanePrice;

    private static string Hm(DateTimeOffset t) => UsEastern.ToLocal(t).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Money(decimal x) => "$" + x.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Num(decimal x) => (x / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private readonly record struct Plan(OrderSide Side, decimal? Quantity, bool Reduces);

    /// <summary>Builds results for one decision (its id, symbol and time fixed).</summary>
    private sealed class Decider(DecisionPipeline pipeline, string id, string symbol, DateTimeOffset now)
    {
        public string Id => id;

        public string Symbol => symbol;

        public DecisionResult Veto(string code, string detail) => Result(DecisionOutcome.Vetoed, code, detail, null, null);

        public DecisionResult Result(DecisionOutcome outcome, string? code, string detail, OrderIntent? intent, SizingTrace? trace) =>
            new(new TradingDecision(id, now, symbol, outcome, code, detail, intent), trace, pipeline.Profile.ChaseUnfilled, pipeline.Profile.Name, pipeline.ConfigPin);

        public DecisionResult Approve(OrderIntent intent, string priced, SizingTrace? trace)
        {
            var what = intent.Notional is { } n
                ? "notional " + Money(n) + " market DAY (fractional)"
                : Num(intent.Quantity!.Value) + (intent.LimitPrice is { } l ? " IOC limit " + Money(l) + " (" + priced + ")" : " market DAY (fractional quantity)");
            var detail = intent.Side.ToString().ToLowerInvariant() + " " + symbol + " " + what + (intent.ReducesPosition ? "; reduces the position" : string.Empty) + (trace is null ? string.Empty : "; " + trace);
            return Result(DecisionOutcome.Approved, null, detail, intent, trace);
        }
    }
}
