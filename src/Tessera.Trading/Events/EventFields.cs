namespace Tessera.Trading.Events;

/// <summary>
/// Names of the JSON log's fields: the seven mandatory ones every line has (seed 000 section 5.2), and the extended
/// ones events carry (section 5.3 plus the order path's). Extended names are snake_case and never a mandatory name.
/// </summary>
public static class EventFields
{
    public const string Timestamp = "timestamp";
    public const string Level = "level";
    public const string Process = "process";
    public const string Event = "event";
    public const string Message = "message";
    public const string SessionId = "session_id";
    public const string Hostname = "hostname";

    public const string EquityOpening = "equity_opening";
    public const string EquityCurrent = "equity_current";
    public const string DrawdownPct = "drawdown_pct";
    public const string Ticker = "ticker";
    public const string RejectionReason = "rejection_reason";
    public const string SpreadPct = "spread_pct";
    public const string StopPrice = "stop_price";
    public const string TradePrice = "trade_price";
    public const string WsLagMs = "ws_lag_ms";
    public const string BackoffS = "backoff_s";
    public const string OrdersCancelled = "orders_cancelled";
    public const string PositionsClosed = "positions_closed";
    public const string Attempt = "attempt";
    public const string Recipient = "recipient";
    public const string NewState = "new_state";
    public const string ZScore = "z_score";
    public const string BaselineMean = "baseline_mean";
    public const string PreviousState = "previous_state";
    public const string ReadingDate = "reading_date";
    public const string RejectionCategory = "rejection_category";

    public const string DecisionId = "decision_id";
    public const string ClientOrderId = "client_order_id";
    public const string OrderId = "order_id";
    public const string Side = "side";
    public const string Qty = "qty";
    public const string LimitPrice = "limit_price";
    public const string FilledQty = "filled_qty";
    public const string FilledAvgPrice = "filled_avg_price";
    public const string VetoReason = "veto_reason";
    public const string Reason = "reason";
    public const string Actor = "actor";
    public const string Approver = "approver";
    public const string Flatten = "flatten";
    public const string Difference = "difference";
    public const string Repaired = "repaired";
    public const string Check = "check";
    public const string MinutesBeforeClose = "minutes_before_close";
    public const string BudgetUsd = "budget_usd";
    public const string TradingDay = "trading_day";
    public const string Channel = "channel";
    public const string AlertEvent = "alert_event";
    public const string Error = "error";

    /// <summary>The mandatory fields, which an event's extended fields may not reuse.</summary>
    public static IReadOnlyList<string> Mandatory { get; } = [Timestamp, Level, Process, Event, Message, SessionId, Hostname];
}
