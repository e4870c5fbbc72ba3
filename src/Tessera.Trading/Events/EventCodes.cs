namespace Tessera.Trading.Events;

/// <summary>
/// The event taxonomy: the JSON log's <c>event</c> field. The first sixteen are the seed's codes exactly as written
/// (Alpha / Alpaca blueprint, section 5.4: alerting rules are keyed to them); the rest are the order path's (issue 12).
/// docs/EVENTS.md lists each with its extended fields.
/// </summary>
public static class EventCodes
{
    /// <summary>WebSocket lag exceeded the 500 ms threshold; safety mode activated. Fields: ws_lag_ms.</summary>
    public const string WsHeartbeatBreach = "WS_HEARTBEAT_BREACH";

    /// <summary>Attempting a WebSocket reconnection. Fields: attempt, backoff_s.</summary>
    public const string WsReconnectAttempt = "WS_RECONNECT_ATTEMPT";

    /// <summary>WebSocket reconnected cleanly; backoff reset to base.</summary>
    public const string WsReconnectSuccess = "WS_RECONNECT_SUCCESS";

    /// <summary>The system entered safety mode; flattening initiated.</summary>
    public const string SafetyModeActivated = "SAFETY_MODE_ACTIVATED";

    /// <summary>First bar received after safety mode; normal operation resumed.</summary>
    public const string SafetyModeCleared = "SAFETY_MODE_CLEARED";

    /// <summary>Intraday drawdown breached the threshold; 4-phase halt initiated. Fields: equity_opening, equity_current, drawdown_pct.</summary>
    public const string CircuitBreakerHalt = "CIRCUIT_BREAKER_HALT";

    /// <summary>All open orders cancelled in a halt or safety sequence. Fields: orders_cancelled.</summary>
    public const string OrdersCancelled = "ORDERS_CANCELLED";

    /// <summary>All positions closed via the broker's REST API. Fields: positions_closed.</summary>
    public const string PositionsClosed = "POSITIONS_CLOSED";

    /// <summary>An alert email was dispatched. Fields: recipient, alert_event.</summary>
    public const string AlertEmailSent = "ALERT_EMAIL_SENT";

    /// <summary>An alert SMS was dispatched (Twilio). Fields: recipient (masked), alert_event.</summary>
    public const string AlertSmsSent = "ALERT_SMS_SENT";

    /// <summary>An order was deferred because the spread exceeded the limit (defer, not reject). Fields: ticker, spread_pct, decision_id.</summary>
    public const string OrderDeferred = "ORDER_DEFERRED";

    /// <summary>A live trade breached a virtual stop; an IOC order was submitted. Fields: ticker, stop_price, trade_price.</summary>
    public const string VirtualStopTriggered = "VIRTUAL_STOP_TRIGGERED";

    /// <summary>The fundamental gatekeeper rejected a ticker. Fields: ticker, rejection_reason.</summary>
    public const string TickerRejected = "TICKER_REJECTED";

    /// <summary>Sentiment z-score below -2 SD; exit signal generated. Fields: ticker, z_score, baseline_mean.</summary>
    public const string SentimentExitAlert = "SENTIMENT_EXIT_ALERT";

    /// <summary>Regime says bull but the SPY 5-minute slope breached its threshold; the fast-exit overlay fired.</summary>
    public const string FastExitTriggered = "FAST_EXIT_TRIGGERED";

    /// <summary>The predicted regime changed state. Fields: new_state.</summary>
    public const string RegimeChanged = "REGIME_CHANGED";

    /// <summary>An order was submitted to the broker. Fields: decision_id, client_order_id, ticker, side, qty, limit_price.</summary>
    public const string OrderSubmitted = "ORDER_SUBMITTED";

    /// <summary>An order filled completely. Fields: decision_id, client_order_id, order_id, ticker, side, filled_qty, filled_avg_price.</summary>
    public const string OrderFilled = "ORDER_FILLED";

    /// <summary>An order filled in part (the IOC rest is cancelled, not chased). Fields: as ORDER_FILLED plus qty.</summary>
    public const string OrderPartiallyFilled = "ORDER_PARTIALLY_FILLED";

    /// <summary>An order (or the unfilled rest of an IOC) was cancelled. Fields: decision_id, client_order_id, order_id, ticker, reason.</summary>
    public const string OrderCancelled = "ORDER_CANCELLED";

    /// <summary>The broker rejected an order. Fields: decision_id, client_order_id, ticker, reason.</summary>
    public const string OrderRejected = "ORDER_REJECTED";

    /// <summary>An order expired at the broker. Fields: decision_id, client_order_id, order_id, ticker.</summary>
    public const string OrderExpired = "ORDER_EXPIRED";

    /// <summary>A gate vetoed a decision before submission. Fields: decision_id, ticker, veto_reason.</summary>
    public const string OrderVetoed = "ORDER_VETOED";

    /// <summary>An operator set the kill switch (tessera halt / POST /api/trading/halt). Fields: reason, actor, flatten.</summary>
    public const string ManualHalt = "MANUAL_HALT";

    /// <summary>Trading resumed after a halt. Fields: reason, actor, approver.</summary>
    public const string TradingResumed = "TRADING_RESUMED";

    /// <summary>A resume was refused (e.g. same-day resume after a circuit-breaker halt without an approval, SOP-02). Fields: reason, actor.</summary>
    public const string ResumeRefused = "RESUME_REFUSED";

    /// <summary>Reconciliation found local state and the broker disagreeing. Fields: difference, ticker, client_order_id, repaired.</summary>
    public const string ReconciliationDifference = "RECONCILIATION_DIFFERENCE";

    /// <summary>A preflight check failed before a trading run. Fields: check, reason.</summary>
    public const string PreflightFailed = "PREFLIGHT_FAILED";

    /// <summary>Intraday positions were flattened N minutes before the session close. Fields: positions_closed, minutes_before_close.</summary>
    public const string ExitBeforeClose = "EXIT_BEFORE_CLOSE";

    /// <summary>The daily order budget was reset for a new trading day. Fields: budget_usd, trading_day.</summary>
    public const string DailyBudgetReset = "DAILY_BUDGET_RESET";

    /// <summary>An order POST got no conclusive answer (timeout, 5xx) and the look-ups found nothing yet: the poller or the reconciliation resolves it. Fields: ticker, client_order_id, decision_id.</summary>
    public const string OrderSubmissionUnknown = "ORDER_SUBMISSION_UNKNOWN";

    /// <summary>A market scan finished. Fields: slot, approved, vetoed, deferred, submitted, veto_counts.</summary>
    public const string ScanCompleted = "SCAN_COMPLETED";

    /// <summary>An alert channel failed to deliver; trading went on. Fields: channel, alert_event, error (secrets masked).</summary>
    public const string AlertDeliveryFailed = "ALERT_DELIVERY_FAILED";

    /// <summary>The stream service re-enabled order submission after safety mode's clean-reception period (SOP-01 step 7). Fields: flushed, sent.</summary>
    public const string StreamSubmissionsReEnabled = "STREAM_SUBMISSIONS_REENABLED";

    /// <summary>One step of the stream service's loop failed (a storage blip, a broker error); the loop went on. Fields: none beyond the message.</summary>
    public const string StreamLoopError = "STREAM_LOOP_ERROR";

    /// <summary>The seed's sixteen codes, in the seed's order.</summary>
    public static IReadOnlyList<string> SeedCodes { get; } =
    [
        WsHeartbeatBreach, WsReconnectAttempt, WsReconnectSuccess, SafetyModeActivated, SafetyModeCleared, CircuitBreakerHalt,
        OrdersCancelled, PositionsClosed, AlertEmailSent, AlertSmsSent, OrderDeferred, VirtualStopTriggered, TickerRejected,
        SentimentExitAlert, FastExitTriggered, RegimeChanged,
    ];

    /// <summary>The order path's codes.</summary>
    public static IReadOnlyList<string> OrderPathCodes { get; } =
    [
        OrderSubmitted, OrderFilled, OrderPartiallyFilled, OrderCancelled, OrderRejected, OrderExpired, OrderVetoed, ManualHalt,
        TradingResumed, ResumeRefused, ReconciliationDifference, PreflightFailed, ExitBeforeClose, DailyBudgetReset, AlertDeliveryFailed,
        OrderSubmissionUnknown, ScanCompleted,
    ];

    /// <summary>The stream service's codes (issue 13) beyond the seed's.</summary>
    public static IReadOnlyList<string> StreamCodes { get; } = [StreamSubmissionsReEnabled, StreamLoopError];

    /// <summary>The kill-switch matrix's codes (issue 14 item 3).</summary>
    public static IReadOnlyList<string> KillSwitchCodes { get; } = [KillSwitchFired, KillSwitchCleared];

    public static IReadOnlyList<string> All { get; } = [.. SeedCodes, .. OrderPathCodes, .. StreamCodes, .. KillSwitchCodes];

    /// <summary>A kill-switch matrix row fired (docs/GOVERNANCE.md). Fields: condition, measured, threshold, actions, firing_id, block_hash.</summary>
    public const string KillSwitchFired = "KILL_SWITCH_FIRED";

    /// <summary>An operator cleared a kill-switch action. Fields: action, actor, reason, block_hash.</summary>
    public const string KillSwitchCleared = "KILL_SWITCH_CLEARED";
}
