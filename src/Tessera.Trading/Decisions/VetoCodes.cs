namespace Tessera.Trading.Decisions;

/// <summary>
/// The typed reasons a decision is vetoed or deferred (the wire form in <see cref="TradingDecision.Veto"/>, the ledger
/// and the scan summary), listed in the order the pipeline checks them (docs/TRADING-CONFIG.md, "Gate order").
/// Seed 003's PolicyGate names map as: exceeds_per_order_budget = per_order_limit, exceeds_daily_budget =
/// daily_limit, price_out_of_bounds = price_out_of_range.
/// </summary>
public static class VetoCodes
{
    /// <summary>The kill switch is on: nothing is sent, exits included.</summary>
    public const string KillSwitch = "kill_switch";

    /// <summary>Trading is halted (circuit breaker or manual halt): nothing is sent.</summary>
    public const string Halted = "halted";

    /// <summary>The stream service is in SOP-01 safety mode or has not yet had 60 s of clean reception: nothing is sent.</summary>
    public const string StreamSafetyMode = "stream_safety_mode";

    /// <summary>The kill-switch matrix's halt_adds is in force (docs/GOVERNANCE.md): an order that opens or increases a position is refused; reductions and exits pass.</summary>
    public const string KillSwitchHaltAdds = "kill_switch_halt_adds";

    /// <summary>The kill-switch matrix's restrict_to_etfs is in force: an entry in a symbol outside the configured list is refused; reductions and exits pass.</summary>
    public const string KillSwitchRestricted = "kill_switch_restricted";

    /// <summary>Outside the regular NYSE session (holidays, weekends and early closes from NyseCalendar).</summary>
    public const string MarketClosed = "market_closed";

    /// <summary>An exit signal for a symbol with no position.</summary>
    public const string NothingToExit = "nothing_to_exit";

    /// <summary>An entry against an open position of the other side (exit first).</summary>
    public const string OppositePosition = "opposite_position";

    /// <summary>An entry signal for a symbol already held in that direction: signals open one position, they do not pyramid.</summary>
    public const string PositionHeld = "position_held";

    /// <summary>An order for the symbol is still open (at the broker or unresolved locally): one order per symbol at a time.</summary>
    public const string OrderPending = "order_pending";

    /// <summary>A target order that would cross through zero (sell more than held, or cover more than short).</summary>
    public const string CrossesZero = "crosses_zero";

    /// <summary>An add within the last block_adds_last_minutes of the session (exits are still allowed).</summary>
    public const string SessionExitWindow = "session_exit_window";

    /// <summary>No bid or no ask, or no quote time.</summary>
    public const string MissingQuote = "missing_quote";

    /// <summary>A bid or ask that is NaN, infinite, &lt;= 0, absurdly large, or bid &gt; ask.</summary>
    public const string InvalidQuote = "invalid_quote";

    /// <summary>The quote is older than quote_max_age_seconds.</summary>
    public const string StaleQuote = "stale_quote";

    /// <summary>An add to a short position while the profile's allow_shorts is false.</summary>
    public const string ShortsDisabled = "shorts_disabled";

    /// <summary>The order's limit price is outside [min_price, max_price].</summary>
    public const string PriceOutOfRange = "price_out_of_range";

    /// <summary>(ask - bid) / mid is not below spread_gate_max: the outcome is Deferred (ORDER_DEFERRED), not Vetoed.</summary>
    public const string SpreadTooWide = "spread_too_wide";

    /// <summary>The sizing method produced no position (e.g. Kelly tapered to 0 at VIX 40, too little history).</summary>
    public const string SizeZero = "size_zero";

    /// <summary>The budget buys less than one share and the profile does not allow fractional shares.</summary>
    public const string BudgetBelowOneShare = "budget_below_one_share";

    /// <summary>A fractional (notional) order below min_fractional_notional_usd.</summary>
    public const string BelowMinNotional = "below_min_notional";

    /// <summary>The order exceeds adv_cap_fraction of the 20-day ADV, or the ADV is unknown.</summary>
    public const string AdvCap = "adv_cap";

    /// <summary>Order notional above policy.per_order_usd.</summary>
    public const string PerOrderLimit = "per_order_limit";

    /// <summary>Notional used today plus this order above policy.daily_usd.</summary>
    public const string DailyLimit = "daily_limit";

    /// <summary>Used margin / (used + available) at or above margin_budget_fraction: new entries are held.</summary>
    public const string MarginBudget = "margin_budget";

    /// <summary>Order notional above the account's buying power.</summary>
    public const string BuyingPower = "buying_power";

    /// <summary>Every code, in gate order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        KillSwitch, Halted, StreamSafetyMode, MarketClosed, OrderPending, NothingToExit, OppositePosition, PositionHeld, CrossesZero, KillSwitchHaltAdds, KillSwitchRestricted, SessionExitWindow, MissingQuote,
        InvalidQuote, StaleQuote, ShortsDisabled, PriceOutOfRange, SpreadTooWide, SizeZero, BudgetBelowOneShare,
        BelowMinNotional, AdvCap, PerOrderLimit, DailyLimit, MarginBudget, BuyingPower,
    ];
}
