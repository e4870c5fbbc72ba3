using System.Net;
using System.Net.Mail;
using Tessera.Core.Errors;

namespace Tessera.Trading.Events;

/// <summary>SMTP settings for alert email; <see cref="Password"/> is a secret and never logged.</summary>
public sealed record SmtpSettings(string Host, int Port, bool EnableSsl, string From, IReadOnlyList<string> To, string? UserName = null, string? Password = null);

/// <summary>
/// Sends an alert as a plain-text email through System.Net.Mail.SmtpClient (adequate for a few alerts a day; it has no
/// modern auth, so use an SMTP relay that takes a password over TLS). Failures are reported without the server's text.
/// </summary>
public sealed class EmailAlertChannel : IAlertChannel
{
    private readonly SmtpSettings _settings;

    public EmailAlertChannel(SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new TesseraValidationException("alerting.smtp.host", settings.Host, "must be a host name");
        }

        if (settings.Port is < 1 or > 65535)
        {
            throw new TesseraValidationException("alerting.smtp.port", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be 1-65535");
        }

        if (!MailAddress.TryCreate(settings.From, out _))
        {
            throw new TesseraValidationException("alerting.smtp.from", settings.From, "must be an email address");
        }

        if (settings.To is null || settings.To.Count == 0)
        {
            throw new TesseraValidationException("alerting.smtp.to", null, "must name at least one recipient");
        }

        foreach (var to in settings.To)
        {
            if (!MailAddress.TryCreate(to, out _))
            {
                throw new TesseraValidationException("alerting.smtp.to", to, "must be an email address");
            }
        }

        _settings = settings;
    }

    public AlertChannels Kind => AlertChannels.Email;

    public string Destination => string.Join(", ", _settings.To);

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var message = new MailMessage { From = new MailAddress(_settings.From), Subject = AlertText.Clean(Truncate(AlertText.Line(alert), 200)), Body = Body(alert) };
        foreach (var to in _settings.To)
        {
            message.To.Add(to);
        }

        using var client = new SmtpClient(_settings.Host, _settings.Port) { EnableSsl = _settings.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (_settings.UserName is not null)
        {
            client.Credentials = new NetworkCredential(_settings.UserName, _settings.Password);
        }

        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SmtpException or InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException("email", $"{_settings.Host}:{_settings.Port}: {SecretMask.Failure(e)}");
        }
    }

    private static string Body(Alert alert)
    {
        var lines = new List<string> { AlertText.Line(alert), string.Empty, "timestamp: " + EventJson.Timestamp(alert.At) };
        foreach (var (name, value) in alert.Fields)
        {
            lines.Add(name + ": " + AlertText.Clean(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null"));
        }

        return string.Join("\r\n", lines);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
