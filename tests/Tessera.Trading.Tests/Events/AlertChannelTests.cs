using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Storage.Local;
using Tessera.Trading.Events;
using Xunit;

namespace Tessera.Trading.Tests.Events;

public sealed class AlertChannelTests
{
    private static readonly Alert Sample = new(EventCodes.SafetyModeActivated, AlertSeverity.P1, "lag 812 ms\n\u001b[2J", new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero),
        new Dictionary<string, object?>(StringComparer.Ordinal) { [EventFields.WsLagMs] = 812.0 });

    [Fact]
    public async Task Email_to_a_server_nobody_listens_on_fails_with_host_and_port_but_never_the_password()
    {
        var port = LoopbackPort.Free();
        var channel = new EmailAlertChannel(new SmtpSettings("127.0.0.1", port, false, "tessera@example.test", ["oncall@example.test"], "user", "smtp-p4ssw0rd"));

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.DeliverAsync(Sample, CancellationToken.None));

        Assert.Equal("email", error.Channel);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p4ssw0rd", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_carries_the_alert_line_as_subject_and_the_fields_in_the_body()
    {
        using var smtp = new LocalSmtpSink();
        var channel = new EmailAlertChannel(new SmtpSettings("127.0.0.1", smtp.Port, false, "tessera@example.test", ["a@example.test", "b@example.test"]));

        await channel.DeliverAsync(Sample, CancellationToken.None);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["<a@example.test>", "<b@example.test>"], mail.To);
        Assert.Contains("Subject: [P1] SAFETY_MODE_ACTIVATED: lag 812 ms", mail.Data, StringComparison.Ordinal);
        Assert.Contains("ws_lag_ms: 812", mail.Data, StringComparison.Ordinal);
        Assert.Equal("a@example.test, b@example.test", channel.Destination);
    }

    [Theory]
    [InlineData("alerting.smtp.host", "", 25, "a@b.test", "c@d.test")]
    [InlineData("alerting.smtp.port", "h", 0, "a@b.test", "c@d.test")]
    [InlineData("alerting.smtp.from", "h", 25, "not an address", "c@d.test")]
    [InlineData("alerting.smtp.to", "h", 25, "a@b.test", "nope")]
    public void Email_settings_are_validated_by_field(string field, string host, int port, string from, string to)
    {
        var error = Assert.Throws<TesseraValidationException>(() => new EmailAlertChannel(new SmtpSettings(host, port, false, from, [to])));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_webhook_url_that_is_not_http_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<TesseraValidationException>(() => new WebhookAlertChannel(new HttpClient(), new Uri("ftp://files.example.test/s3cr3t")));

        Assert.Equal("alerting.webhook_url", error.Field);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Twilio_settings_name_the_bad_field_and_never_echo_the_sid()
    {
        var error = Assert.Throws<TesseraValidationException>(() => new SmsAlertChannel(new HttpClient(), new TwilioSettings(new Uri("http://127.0.0.1/"), "AC/../x", "t", "+1", "+2")));

        Assert.Equal("alerting.twilio.account_sid", error.Field);
        Assert.DoesNotContain("AC/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_terminal_line_has_no_control_characters()
    {
        var output = new StringWriter();

        await new TerminalAlertChannel(output).DeliverAsync(Sample, CancellationToken.None);

        var line = output.ToString().TrimEnd('\n', '\r');
        Assert.DoesNotContain(line, char.IsControl);
        Assert.Equal("2026-12-02T15:00:00.000Z [P1] SAFETY_MODE_ACTIVATED: lag 812 ms  [2J", line);
    }

    [Fact]
    public async Task The_file_sink_appends_one_json_line_per_alert_creating_its_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tessera-file-sink-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var sink = new FileAlertChannel(Path.Combine(folder, "logs", "alerts.jsonl"));

            await sink.DeliverAsync(Sample, CancellationToken.None);
            await sink.DeliverAsync(Sample with { Severity = AlertSeverity.P0, CountInWindow = 3 }, CancellationToken.None);

            var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "logs", "alerts.jsonl"));
            Assert.Equal(2, lines.Length);
            var second = JsonDocument.Parse(lines[1]).RootElement;
            Assert.Equal("P0", second.GetProperty("severity").GetString());
            Assert.Equal(3, second.GetProperty("count_in_window").GetInt32());
            Assert.Equal("lag 812 ms\n\u001b[2J", second.GetProperty("message").GetString());
            Assert.Equal(812.0, second.GetProperty("fields").GetProperty("ws_lag_ms").GetDouble());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Masks_show_only_what_is_safe()
    {
        Assert.Equal("https://hooks.slack.com:443/***", SecretMask.Url(new Uri("https://hooks.slack.com/services/T/B/tok?x=1")));
        Assert.Equal("**********99", SecretMask.Phone("+15550009999"));
        Assert.Equal("**", SecretMask.Phone("12"));
    }
}
