namespace Tessera.Orchestrations.Application;

/// <summary>One HTTP route both hosts expose. Name = the Azure Function name; the parity test checks both hosts against this table.</summary>
public sealed record ApiRoute(string Name, string Method, string Template, bool RequiresApiKey);

/// <summary>
/// The HTTP API of Tessera, identical in local/ (ASP.NET) and functions/ (HttpTrigger, routePrefix ""):
/// every /api/runs route requires the x-api-key header (reads too: runs hold weights and reports, and the Azure
/// app is on the internet); only the health probes are open.
/// </summary>
public static class ApiRoutes
{
    public const string ApiKeyHeader = "x-api-key";

    public static readonly ApiRoute StartRun = new("StartRun", "POST", "api/runs", RequiresApiKey: true);
    public static readonly ApiRoute ListRuns = new("ListRuns", "GET", "api/runs", RequiresApiKey: true);
    public static readonly ApiRoute GetRun = new("GetRun", "GET", "api/runs/{id}", RequiresApiKey: true);
    public static readonly ApiRoute GetRunReport = new("GetRunReport", "GET", "api/runs/{id}/report", RequiresApiKey: true);
    public static readonly ApiRoute GetRunHistory = new("GetRunHistory", "GET", "api/runs/{id}/history", RequiresApiKey: true);
    public static readonly ApiRoute GetRunTrace = new("GetRunTrace", "GET", "api/runs/{id}/trace", RequiresApiKey: true);
    public static readonly ApiRoute HealthLive = new("HealthLive", "GET", "health/live", RequiresApiKey: false);
    public static readonly ApiRoute HealthReady = new("HealthReady", "GET", "health/ready", RequiresApiKey: false);

    // The order path (issue 12): halt and resume trading, see its state, its orders and its audit ledger, start a scan.
    public static readonly ApiRoute TradingHalt = new("TradingHalt", "POST", "api/trading/halt", RequiresApiKey: true);
    public static readonly ApiRoute TradingResume = new("TradingResume", "POST", "api/trading/resume", RequiresApiKey: true);
    public static readonly ApiRoute TradingStatus = new("TradingStatus", "GET", "api/trading/status", RequiresApiKey: true);
    public static readonly ApiRoute TradingOrders = new("TradingOrders", "GET", "api/trading/orders", RequiresApiKey: true);
    public static readonly ApiRoute TradingLedger = new("TradingLedger", "GET", "api/trading/ledger", RequiresApiKey: true);
    public static readonly ApiRoute TradingScan = new("TradingScan", "POST", "api/trading/scan", RequiresApiKey: true);
    public static readonly ApiRoute TradingPositions = new("TradingPositions", "GET", "api/trading/positions", RequiresApiKey: true);
    public static readonly ApiRoute TradingEquity = new("TradingEquity", "GET", "api/trading/equity", RequiresApiKey: true);

    // The kill-switch matrix's executed actions (issue 14 item 3): list them, clear one (reason required, audited).
    public static readonly ApiRoute TradingKillSwitch = new("TradingKillSwitch", "GET", "api/trading/kill-switch", RequiresApiKey: true);
    public static readonly ApiRoute TradingKillSwitchClear = new("TradingKillSwitchClear", "POST", "api/trading/kill-switch/clear", RequiresApiKey: true);

    // The browser dashboard (issue 15): static files only, no data; every call it makes goes through the keyed routes.
    public static readonly ApiRoute Dashboard = new("Dashboard", "GET", "dashboard/{*path}", RequiresApiKey: false);

    // Backtests as runs (issue 10 item 5): backtest, walkforward or validate as a durable run with artifacts in Blob.
    public static readonly ApiRoute StartBacktest = new("StartBacktest", "POST", "api/backtests", RequiresApiKey: true);
    public static readonly ApiRoute GetBacktest = new("GetBacktest", "GET", "api/backtests/{id}", RequiresApiKey: true);

    // Governance (issue 14): move a completed run along sandbox -> canary -> promoted -> frozen (and retired).
    public static readonly ApiRoute PromoteRun = new("PromoteRun", "POST", "api/runs/{id}/promote", RequiresApiKey: true);

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        StartRun, ListRuns, GetRun, GetRunReport, GetRunHistory, GetRunTrace, HealthLive, HealthReady,
        TradingHalt, TradingResume, TradingStatus, TradingOrders, TradingLedger, TradingScan, TradingPositions, TradingEquity,
        Dashboard,
        StartBacktest, GetBacktest,
        PromoteRun,
        TradingKillSwitch, TradingKillSwitchClear,
    ];
}
