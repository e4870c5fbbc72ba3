namespace Tessera.Trading.Configuration;

/// <summary>
/// The defaults every absent field takes: the seeds' values where a seed fixes one (000 Alpaca blueprint: spread gate,
/// ADV cap, Kelly and tapers, circuit breaker, deferral alert; 003 Kobe81: PolicyGate budgets, IOC multiplier;
/// 004 SEP: 30% margin budget, 5-minute session exit), otherwise a documented project choice (docs/TRADING-CONFIG.md).
/// </summary>
public sealed class TradingDefaults
{
    public const string DefaultProfile = "canary";

    private TradingDefaults()
    {
    }

    public static TradingDefaults Instance { get; } = new();

    public PolicyLimits Policy { get; } = new(PerOrderUsd: 75m, DailyUsd: 1_000m, MinPrice: 3m, MaxPrice: 1_000m, AllowShorts: false);

    public SizingSettings Sizing { get; } = new()
    {
        Method = SizingMethod.FixedNotional,
        FixedNotionalUsd = 75m,
        FixedFraction = 0.01,
        TargetAnnualVolatility = 0.15,
        VolatilityLookbackDays = 20,
        MaxFraction = 0.10,
        KellyFraction = 0.25,
        KellyLookbackDays = 60,
        VixTaperLow = 20,
        VixTaperHigh = 40,
        AtrPctTaperLow = 0.015,
        AtrPctTaperHigh = 0.04,
        AdvCapFraction = 0.01,
        VixStaleAfterDays = 4,
    };

    public bool FractionalShares => false;

    public decimal MinFractionalNotionalUsd => 1m;

    public double SpreadGateMax => 0.0005;

    public double QuoteMaxAgeSeconds => 10;

    public SessionSettings Session { get; } = new(BlockAddsLastMinutes: 5, ExitBeforeCloseMinutes: 5);

    public double MarginBudgetFraction => 0.30;

    public double IocLimitBuyMultiplier => 1.001;

    public double IocLimitSellMultiplier => 0.999;

    public bool ChaseUnfilled => false;

    public RebalanceSettings Rebalance { get; } = new(CashBufferFraction: 0.02, MaxTurnoverFraction: 0.5, MinTradeUsd: 10m, LotSize: 1);

    public CircuitBreakerSettings CircuitBreaker { get; } = new(MaxIntradayDrawdown: 0.03, EquityPollSeconds: 10);

    public AlertSettings Alerts { get; } = new(
        DeferralsPerHourAlert: 20,
        Webhook: new AlertChannel(false, Tessera.Core.Secrets.TesseraSecrets.AlertWebhookUrl),
        Email: new AlertChannel(false, Tessera.Core.Secrets.TesseraSecrets.AlertSmtp),
        Sms: new AlertChannel(false, Tessera.Core.Secrets.TesseraSecrets.AlertSms),
        FileSinkPath: "logs/alerts.jsonl");
}
