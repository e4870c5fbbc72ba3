using Tessera.Core.Errors;
using Tessera.Trading.Configuration;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Trading.Tests.Events;

public sealed class AlertingSetupTests
{
    private static AlertSettings Settings(bool webhook = false, bool email = false, bool sms = false) => new(
        20,
        new AlertChannel(webhook, "TEST_WEBHOOK_URL"),
        new AlertChannel(email, "TEST_SMTP"),
        new AlertChannel(sms, "TEST_TWILIO"),
        "logs/alerts.jsonl");

    [Fact]
    public async Task An_enabled_webhook_gets_its_url_from_the_named_secret_and_receives_a_P0()
    {
        using var sink = new LocalHttpSink();
        var time = new ManualTimeProvider(new DateTimeOffset(2024, 3, 13, 15, 0, 0, TimeSpan.Zero));
        var secrets = new Dictionary<string, string?> { ["TEST_WEBHOOK_URL"] = new Uri(sink.BaseAddress, "hooks/T000/SECRET-TOKEN").ToString() };
        await using var publisher = AlertingSetup.Create(new RecordingPublisher(time), Settings(webhook: true), n => secrets.GetValueOrDefault(n), [], time);
        publisher.Publish(new TradingEvent(EventCodes.CircuitBreakerHalt, EventLevel.Critical, "halted", new Dictionary<string, object?>()));
        await publisher.FlushAsync();
        var request = Assert.Single(sink.Requests);
        Assert.Equal("/hooks/T000/SECRET-TOKEN", request.Path);
        Assert.Contains(EventCodes.CircuitBreakerHalt, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_malformed_secret_names_the_secret_never_its_value()
    {
        var time = TimeProvider.System;
        var missing = Assert.Throws<TesseraValidationException>(() => AlertingSetup.Create(new RecordingPublisher(time), Settings(webhook: true), _ => null, [], time));
        Assert.Equal("alerts.webhook", missing.Field);
        Assert.Contains("TEST_WEBHOOK_URL", missing.Message, StringComparison.Ordinal);

        var bad = Assert.Throws<TesseraValidationException>(() => AlertingSetup.Create(new RecordingPublisher(time), Settings(email: true), _ => "smtp://user:hunter2@mail.example.com:587", [], time));
        Assert.Equal("alerts.email", bad.Field);
        Assert.DoesNotContain("hunter2", bad.Message, StringComparison.Ordinal);

        var wrongScheme = Assert.Throws<TesseraValidationException>(() => AlertingSetup.Create(new RecordingPublisher(time), Settings(sms: true), _ => "https://AC123:tok@api.twilio.com?from=1&to=2", [], time));
        Assert.DoesNotContain("tok@", wrongScheme.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_channels_need_no_secret_and_well_formed_email_and_sms_secrets_build()
    {
        var time = TimeProvider.System;
        await using (AlertingSetup.Create(new RecordingPublisher(time), Settings(), _ => null, [], time))
        {
        }

        var secrets = new Dictionary<string, string?>
        {
            ["TEST_SMTP"] = "smtps://alerts%40x.com:p%40ss@mail.example.com?from=alerts@x.com&to=a@x.com,b@x.com",
            ["TEST_TWILIO"] = "twilio://AC123:tok@api.twilio.com?from=%2B15550001111&to=%2B15550002222",
        };
        await using var publisher = AlertingSetup.Create(new RecordingPublisher(time), Settings(email: true, sms: true), n => secrets.GetValueOrDefault(n), [], time);
        Assert.NotNull(publisher);
    }
}
