using Tessera.Core.Errors;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Trading.Tests.Events;

public sealed class AlertingPolicyTests
{
    private static readonly AlertingPolicy Default = AlertingPolicy.FromOptions(new AlertingOptions());

    [Fact]
    public void The_seeds_table_maps_codes_to_severities_and_channels()
    {
        Assert.Equal(new AlertRule(EventCodes.CircuitBreakerHalt, AlertSeverity.P0, AlertChannels.Sms | AlertChannels.Email | AlertChannels.Webhook), Default.RuleFor(EventCodes.CircuitBreakerHalt));
        Assert.Equal((AlertSeverity.P1, AlertChannels.Webhook | AlertChannels.Email), Pair(EventCodes.SafetyModeActivated));
        Assert.Equal((AlertSeverity.P1, AlertChannels.Webhook), Pair(EventCodes.VirtualStopTriggered));
        Assert.Equal((AlertSeverity.P2, AlertChannels.Webhook), Pair(EventCodes.SentimentExitAlert));
        Assert.Equal((AlertSeverity.P3, AlertChannels.None), Pair(EventCodes.TickerRejected));
        Assert.Equal(new RateRule(20, TimeSpan.FromHours(1)), Default.RuleFor(EventCodes.OrderDeferred)!.Rate);
        Assert.Equal(AlertSeverity.P3, Default.RuleFor(EventCodes.OrderDeferred)!.Severity);
        Assert.Equal(new RateRule(2, TimeSpan.FromMinutes(10)), Default.RuleFor(EventCodes.WsReconnectAttempt)!.Rate);
        Assert.Null(Default.RuleFor(EventCodes.OrderFilled));
        Assert.Equal(AlertChannels.File | AlertChannels.Terminal, Default.LocalChannels);
    }

    [Fact]
    public void Options_set_the_deferral_threshold_and_replace_rules_by_code()
    {
        var policy = AlertingPolicy.FromOptions(new AlertingOptions
        {
            OrderDeferralsPerHour = 5,
            Rules = [new AlertRule(EventCodes.OrderFilled, AlertSeverity.P3, AlertChannels.Webhook), new AlertRule(EventCodes.CircuitBreakerHalt, AlertSeverity.P0, AlertChannels.Webhook)],
        });

        Assert.Equal(5, policy.RuleFor(EventCodes.OrderDeferred)!.Rate!.MoreThan);
        Assert.Equal(AlertChannels.Webhook, policy.RuleFor(EventCodes.OrderFilled)!.Channels);
        Assert.Equal(AlertChannels.Webhook, policy.RuleFor(EventCodes.CircuitBreakerHalt)!.Channels);
    }

    [Fact]
    public void Bad_options_are_refused_by_field_name()
    {
        Assert.Equal("alerting.order_deferrals_per_hour", Assert.Throws<TesseraValidationException>(() => AlertingPolicy.FromOptions(new AlertingOptions { OrderDeferralsPerHour = 0 })).Field);
        Assert.Equal("alerting.local_channels", Assert.Throws<TesseraValidationException>(() => AlertingPolicy.FromOptions(new AlertingOptions { LocalChannels = AlertChannels.Sms })).Field);
        Assert.Equal("alerting.delivery_timeout", Assert.Throws<TesseraValidationException>(() => AlertingPolicy.FromOptions(new AlertingOptions { DeliveryTimeout = TimeSpan.Zero })).Field);
        Assert.Equal("event", Assert.Throws<TesseraValidationException>(() => AlertingPolicy.FromOptions(new AlertingOptions { Rules = [new AlertRule("bad code", AlertSeverity.P0, AlertChannels.Webhook)] })).Field);
    }

    private static (AlertSeverity, AlertChannels) Pair(string code)
    {
        var rule = Default.RuleFor(code)!;
        return (rule.Severity, rule.Channels);
    }
}
