using System.Net;
using System.Text.Json;
using Tessera.Storage.Local;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Trading.Tests.Events;

public sealed class AlertingPublisherTests : IDisposable
{
    private const string SecretPath = "/services/T0SECRET/B0SECRET/xoxb-s3cr3t-t0ken";
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tessera-alerts-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new(T0);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private string AlertsFile => Path.Combine(_folder, "alerts.jsonl");

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static TradingEvent Halt() => new(EventCodes.CircuitBreakerHalt, EventLevel.Critical, "drawdown 3.12% >= 3%", new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        [EventFields.EquityOpening] = 100_000.0,
        [EventFields.EquityCurrent] = 96_880.0,
        [EventFields.DrawdownPct] = 0.0312,
    });

    private static TradingEvent Deferred(int n) => new(EventCodes.OrderDeferred, EventLevel.Warning, "spread too wide", new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        [EventFields.Ticker] = "AAPL",
        [EventFields.SpreadPct] = 0.0007,
        [EventFields.DecisionId] = "DEC_" + n,
    });

    private AlertingPublisher Publisher(RecordingPublisher log, AlertingOptions options, params IAlertChannel[] channels) =>
        new(log, AlertingPolicy.FromOptions(options), channels, _clock, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_P0_reaches_webhook_email_sms_file_and_terminal_and_email_and_sms_are_recorded_as_sent()
    {
        using var webhook = new LocalHttpSink();
        using var twilio = new LocalHttpSink(HttpStatusCode.Created);
        using var smtp = new LocalSmtpSink();
        var terminal = new StringWriter();
        using var file = new FileAlertChannel(AlertsFile);
        var log = new RecordingPublisher(_clock);
        await using (var publisher = Publisher(log, new AlertingOptions(),
            new WebhookAlertChannel(_http, new Uri(webhook.BaseAddress, SecretPath)),
            new EmailAlertChannel(new SmtpSettings("127.0.0.1", smtp.Port, false, "tessera@example.test", ["oncall@example.test"])),
            new SmsAlertChannel(_http, new TwilioSettings(twilio.BaseAddress, "AC0123456789", "tw-auth-s3cr3t", "+15550000001", "+15550009999")),
            file,
            new TerminalAlertChannel(terminal)))
        {
            publisher.Publish(Halt());
            await publisher.FlushAsync();
        }

        var (method, path, _, contentType, body) = Assert.Single(webhook.Requests);
        Assert.Equal("POST", method);
        Assert.Equal(SecretPath, path);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        var posted = JsonDocument.Parse(body).RootElement;
        Assert.Equal("CIRCUIT_BREAKER_HALT", posted.GetProperty("event").GetString());
        Assert.Equal("P0", posted.GetProperty("severity").GetString());
        Assert.Equal(0.0312, posted.GetProperty("fields").GetProperty("drawdown_pct").GetDouble());
        Assert.StartsWith("[P0] CIRCUIT_BREAKER_HALT", posted.GetProperty("text").GetString(), StringComparison.Ordinal);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("<oncall@example.test>", Assert.Single(mail.To));
        Assert.Contains("CIRCUIT_BREAKER_HALT", mail.Data, StringComparison.Ordinal);

        var (_, smsPath, authorization, _, form) = Assert.Single(twilio.Requests);
        Assert.Equal("/2010-04-01/Accounts/AC0123456789/Messages.json", smsPath);
        Assert.Equal("Basic " + Convert.ToBase64String("AC0123456789:tw-auth-s3cr3t"u8.ToArray()), authorization);
        Assert.Contains("To=%2B15550009999", form, StringComparison.Ordinal);
        Assert.Contains("From=%2B15550000001", form, StringComparison.Ordinal);
        Assert.Contains("Body=%5BP0%5D+CIRCUIT_BREAKER_HALT", form, StringComparison.Ordinal);

        var fileLine = Assert.Single(File.ReadAllLines(AlertsFile));
        Assert.Equal("CIRCUIT_BREAKER_HALT", JsonDocument.Parse(fileLine).RootElement.GetProperty("event").GetString());
        Assert.Contains("[P0] CIRCUIT_BREAKER_HALT", terminal.ToString(), StringComparison.Ordinal);

        Assert.Single(log.Of(EventCodes.CircuitBreakerHalt));
        Assert.Equal("oncall@example.test", Assert.Single(log.Of(EventCodes.AlertEmailSent)).Fields[EventFields.Recipient]);
        Assert.Equal("**********99", Assert.Single(log.Of(EventCodes.AlertSmsSent)).Fields[EventFields.Recipient]);
        Assert.Empty(log.Of(EventCodes.AlertDeliveryFailed));
    }

    [Fact]
    public async Task Deferrals_alert_at_the_twenty_first_in_an_hour_not_at_the_twentieth_and_every_one_is_logged()
    {
        using var webhook = new LocalHttpSink();
        var log = new RecordingPublisher(_clock);
        await using var publisher = Publisher(log, new AlertingOptions { LocalChannels = AlertChannels.None }, new WebhookAlertChannel(_http, new Uri(webhook.BaseAddress, SecretPath)));

        for (var i = 1; i <= 20; i++)
        {
            publisher.Publish(Deferred(i));
            _clock.Advance(TimeSpan.FromMinutes(2));
        }

        await publisher.FlushAsync();
        Assert.Empty(webhook.Requests);

        publisher.Publish(Deferred(21));
        publisher.Publish(Deferred(22));
        await publisher.FlushAsync();

        var alert = JsonDocument.Parse(Assert.Single(webhook.Requests).Body).RootElement;
        Assert.Equal("ORDER_DEFERRED", alert.GetProperty("event").GetString());
        Assert.Equal("P3", alert.GetProperty("severity").GetString());
        Assert.Equal(21, alert.GetProperty("count_in_window").GetInt32());
        Assert.Equal(22, log.Of(EventCodes.OrderDeferred).Count);
    }

    [Fact]
    public async Task The_deferral_threshold_comes_from_the_options()
    {
        var terminal = new StringWriter();
        var log = new RecordingPublisher(_clock);
        await using var publisher = Publisher(log, new AlertingOptions { OrderDeferralsPerHour = 3, LocalChannels = AlertChannels.Terminal }, new TerminalAlertChannel(terminal));

        for (var i = 1; i <= 3; i++)
        {
            publisher.Publish(Deferred(i));
        }

        await publisher.FlushAsync();
        Assert.Equal(string.Empty, terminal.ToString());
        publisher.Publish(Deferred(4));
        await publisher.FlushAsync();

        Assert.Contains("ORDER_DEFERRED (4 in window)", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_webhook_never_throws_is_recorded_and_its_secret_url_appears_nowhere()
    {
        using var webhook = new LocalHttpSink(HttpStatusCode.InternalServerError);
        var terminal = new StringWriter();
        using var file = new FileAlertChannel(AlertsFile);
        var log = new RecordingPublisher(_clock);
        var url = new Uri(webhook.BaseAddress, SecretPath);
        await using (var publisher = Publisher(log, new AlertingOptions(), new WebhookAlertChannel(_http, url), file, new TerminalAlertChannel(terminal)))
        {
            publisher.Publish(Halt()); // does not throw
            await publisher.FlushAsync();
        }

        Assert.Single(webhook.Requests); // it was tried
        var failures = log.Of(EventCodes.AlertDeliveryFailed);
        var webhookFailure = Assert.Single(failures, f => Equals(f.Fields[EventFields.Channel], "webhook"));
        Assert.Contains("HTTP 500", webhookFailure.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{webhook.Port}/***", webhookFailure.Message, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(AlertsFile)); // the local sinks still got it
        AssertSecretAbsent(log, terminal, url);
    }

    [Fact]
    public async Task A_webhook_nobody_listens_on_is_recorded_without_its_secret()
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}{SecretPath}?token=query-s3cr3t");
        var terminal = new StringWriter();
        var log = new RecordingPublisher(_clock);
        await using (var publisher = Publisher(log, new AlertingOptions { LocalChannels = AlertChannels.Terminal }, new WebhookAlertChannel(_http, url), new TerminalAlertChannel(terminal)))
        {
            publisher.Publish(Halt());
            await publisher.FlushAsync();
        }

        var failure = Assert.Single(log.Of(EventCodes.AlertDeliveryFailed), f => Equals(f.Fields[EventFields.Channel], "webhook"));
        Assert.Contains("connection failed", failure.Message, StringComparison.Ordinal);
        AssertSecretAbsent(log, terminal, url);
        Assert.DoesNotContain("query-s3cr3t", log.Lines.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_channels_own_exception_never_carries_the_url()
    {
        using var webhook = new LocalHttpSink(HttpStatusCode.Forbidden);
        var url = new Uri(webhook.BaseAddress, SecretPath);
        var channel = new WebhookAlertChannel(_http, url);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.DeliverAsync(new Alert("X", AlertSeverity.P0, "m", T0, new Dictionary<string, object?>()), CancellationToken.None));

        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", channel.Destination, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_channel_that_is_not_configured_is_recorded_and_the_others_still_deliver()
    {
        using var webhook = new LocalHttpSink();
        var log = new RecordingPublisher(_clock);
        await using (var publisher = Publisher(log, new AlertingOptions { LocalChannels = AlertChannels.None }, new WebhookAlertChannel(_http, new Uri(webhook.BaseAddress, SecretPath))))
        {
            publisher.Publish(Halt());
            await publisher.FlushAsync();
        }

        Assert.Single(webhook.Requests);
        var missing = log.Of(EventCodes.AlertDeliveryFailed).Select(f => (string)f.Fields[EventFields.Channel]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["email", "sms"], missing);
    }

    [Fact]
    public async Task A_channel_throwing_anything_or_hanging_past_the_timeout_is_recorded_and_publishing_goes_on()
    {
        var terminal = new StringWriter();
        var log = new RecordingPublisher(_clock);
        await using (var publisher = new AlertingPublisher(log, AlertingPolicy.FromOptions(new AlertingOptions { LocalChannels = AlertChannels.Terminal }),
            [new ThrowingChannel(), new HangingChannel(), new TerminalAlertChannel(terminal)], _clock, TimeSpan.FromMilliseconds(200)))
        {
            publisher.Publish(Halt());
            publisher.Publish(new TradingEvent(EventCodes.ManualHalt, EventLevel.Warning, "operator halt", new Dictionary<string, object?>()));
            await publisher.FlushAsync();
        }

        var failures = log.Of(EventCodes.AlertDeliveryFailed).Select(f => f.Message).ToList();
        Assert.Contains(failures, m => m.Contains("InvalidOperationException", StringComparison.Ordinal) && !m.Contains("boom-secret", StringComparison.Ordinal));
        Assert.Contains(failures, m => m.Contains("no answer within", StringComparison.Ordinal));
        Assert.Contains("CIRCUIT_BREAKER_HALT", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("MANUAL_HALT", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_without_a_rule_are_logged_only()
    {
        var terminal = new StringWriter();
        var log = new RecordingPublisher(_clock);
        await using (var publisher = Publisher(log, new AlertingOptions(), new TerminalAlertChannel(terminal)))
        {
            publisher.Publish(new TradingEvent(EventCodes.OrderFilled, EventLevel.Info, "filled", new Dictionary<string, object?>()));
            await publisher.FlushAsync();
        }

        Assert.Single(log.Of(EventCodes.OrderFilled));
        Assert.Equal(string.Empty, terminal.ToString());
    }

    [Fact]
    public async Task An_sms_answered_with_401_is_recorded_without_the_token_or_the_sid()
    {
        using var twilio = new LocalHttpSink(HttpStatusCode.Unauthorized);
        var log = new RecordingPublisher(_clock);
        await using (var publisher = Publisher(log, new AlertingOptions { LocalChannels = AlertChannels.None },
            new SmsAlertChannel(_http, new TwilioSettings(twilio.BaseAddress, "AC0123456789", "tw-auth-s3cr3t", "+15550000001", "+15550009999"))))
        {
            publisher.Publish(Halt());
            await publisher.FlushAsync();
        }

        var failure = Assert.Single(log.Of(EventCodes.AlertDeliveryFailed), f => Equals(f.Fields[EventFields.Channel], "sms"));
        Assert.Contains("HTTP 401", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tw-auth-s3cr3t", log.Lines.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AC0123456789", log.Lines.ToString(), StringComparison.Ordinal);
        Assert.Empty(log.Of(EventCodes.AlertSmsSent));
    }

    private void AssertSecretAbsent(RecordingPublisher log, StringWriter terminal, Uri url)
    {
        var everything = log.Lines.ToString() + terminal + (File.Exists(AlertsFile) ? File.ReadAllText(AlertsFile) : string.Empty)
            + string.Join("\n", log.Events.SelectMany(e => e.Fields.Values).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(url.ToString(), everything, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretPath, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
    }

    private sealed class ThrowingChannel : IAlertChannel
    {
        public AlertChannels Kind => AlertChannels.Webhook;

        public string Destination => "throwing";

        public Task DeliverAsync(Alert alert, CancellationToken cancellationToken) => throw new InvalidOperationException("boom-secret");
    }

    private sealed class HangingChannel : IAlertChannel
    {
        public AlertChannels Kind => AlertChannels.Email;

        public string Destination => "hanging";

        public Task DeliverAsync(Alert alert, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
