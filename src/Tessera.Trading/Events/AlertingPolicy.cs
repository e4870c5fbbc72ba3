namespace Tessera.Trading.Events;

/// <summary>
/// Event code → severity → channels, per the seed's alerting policy (section 5.6) plus the order path's codes
/// (docs/EVENTS.md, "Alerting policy"). Codes without a rule are only logged.
/// </summary>
public sealed class AlertingPolicy
{
    private readonly Dictionary<string, AlertRule> _rules;

    private AlertingPolicy(Dictionary<string, AlertRule> rules, AlertChannels localChannels)
    {
        _rules = rules;
        LocalChannels = localChannels;
    }

    public AlertChannels LocalChannels { get; }

    public IReadOnlyCollection<AlertRule> Rules => _rules.Values;

    public static AlertingPolicy FromOptions(AlertingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rules = new Dictionary<string, AlertRule>(StringComparer.Ordinal);
        foreach (var rule in Defaults(options))
        {
            rules[rule.Code] = rule;
        }

        foreach (var rule in options.Rules)
        {
            rules[rule.Code] = rule;
        }

        return new AlertingPolicy(rules, options.LocalChannels);
    }

    public AlertRule? RuleFor(string code) => _rules.GetValueOrDefault(code);

    private static IEnumerable<AlertRule> Defaults(AlertingOptions options)
    {
        const AlertChannels Slack = AlertChannels.Webhook;

        // The seed's table. PagerDuty and Slack are both webhooks here; the "daily digest" of TICKER_REJECTED is not
        // built, so it stays on the local sinks.
        yield return new AlertRule(EventCodes.CircuitBreakerHalt, AlertSeverity.P0, AlertChannels.Sms | AlertChannels.Email | AlertChannels.Webhook);
        yield return new AlertRule(EventCodes.SafetyModeActivated, AlertSeverity.P1, Slack | AlertChannels.Email);
        yield return new AlertRule(EventCodes.WsReconnectAttempt, AlertSeverity.P2, Slack, new RateRule(options.ReconnectAttemptsPerTenMinutes, TimeSpan.FromMinutes(10)));
        yield return new AlertRule(EventCodes.TickerRejected, AlertSeverity.P3, AlertChannels.None);
        yield return new AlertRule(EventCodes.OrderDeferred, AlertSeverity.P3, Slack, new RateRule(options.OrderDeferralsPerHour, TimeSpan.FromHours(1)));
        yield return new AlertRule(EventCodes.VirtualStopTriggered, AlertSeverity.P1, Slack);
        yield return new AlertRule(EventCodes.SentimentExitAlert, AlertSeverity.P2, Slack);

        // The order path's: operator actions and disagreements with the broker reach people, routine order events do not.
        yield return new AlertRule(EventCodes.ManualHalt, AlertSeverity.P1, Slack | AlertChannels.Email);
        yield return new AlertRule(EventCodes.KillSwitchFired, AlertSeverity.P1, Slack | AlertChannels.Email);
        yield return new AlertRule(EventCodes.KillSwitchCleared, AlertSeverity.P2, Slack);
        yield return new AlertRule(EventCodes.ReconciliationDifference, AlertSeverity.P1, Slack | AlertChannels.Email);
        yield return new AlertRule(EventCodes.PreflightFailed, AlertSeverity.P1, Slack | AlertChannels.Email);
        yield return new AlertRule(EventCodes.TradingResumed, AlertSeverity.P2, Slack);
        yield return new AlertRule(EventCodes.ResumeRefused, AlertSeverity.P2, Slack);
        yield return new AlertRule(EventCodes.OrderRejected, AlertSeverity.P2, Slack);
    }
}
