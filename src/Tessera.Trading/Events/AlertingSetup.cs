using System.Net;
using Tessera.Core.Errors;
using Tessera.Trading.Configuration;

namespace Tessera.Trading.Events;

/// <summary>
/// Builds a host's alerting from <c>config/trading.yaml</c>'s <c>alerts:</c> section and the secrets it names: the
/// configuration holds only the NAME of each secret (an environment variable locally, an app setting with a Key Vault
/// reference on Azure); the secret holds the address:
/// webhook: the URL (Slack, PagerDuty, ...); email: <c>smtp://user:password@host:port?from=a@x.com&amp;to=b@x.com,c@x.com</c>
/// (<c>smtps://</c> for TLS); SMS: <c>twilio://ACCOUNT_SID:AUTH_TOKEN@api.twilio.com?from=+15550001111&amp;to=+15550002222</c>.
/// An enabled channel whose secret is missing or malformed is a typed error naming the channel and the secret's NAME,
/// never its value. The local file sink and the terminal come from the host.
/// </summary>
public static class AlertingSetup
{
    public static AlertingPublisher Create(ITradingEventPublisher log, AlertSettings settings, Func<string, string?> secrets, IEnumerable<IAlertChannel> localChannels, TimeProvider time, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        var channels = new List<IAlertChannel>(localChannels);
        http ??= new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (settings.Webhook.Enabled)
        {
            channels.Add(new WebhookAlertChannel(http, Address("alerts.webhook", settings.Webhook.SecretName, secrets, "http", "https")));
        }

        if (settings.Email.Enabled)
        {
            channels.Add(new EmailAlertChannel(Smtp(Address("alerts.email", settings.Email.SecretName, secrets, "smtp", "smtps"), settings.Email.SecretName)));
        }

        if (settings.Sms.Enabled)
        {
            channels.Add(new SmsAlertChannel(http, Twilio(Address("alerts.sms", settings.Sms.SecretName, secrets, "twilio"), settings.Sms.SecretName)));
        }

        var local = AlertChannels.None;
        foreach (var c in channels)
        {
            if (c.Kind is AlertChannels.File or AlertChannels.Terminal)
            {
                local |= c.Kind;
            }
        }

        var options = new AlertingOptions { OrderDeferralsPerHour = settings.DeferralsPerHourAlert, LocalChannels = local };
        return new AlertingPublisher(log, AlertingPolicy.FromOptions(options), channels, time);
    }

    private static Uri Address(string channel, string secretName, Func<string, string?> secrets, params string[] schemes)
    {
        var value = secrets(secretName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new TesseraValidationException(channel, secretName, $"the channel is enabled but its secret {secretName} is not set");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw new TesseraValidationException(channel, secretName, $"the secret {secretName} must be a {string.Join(" or ", schemes)}:// address (value not shown)");
        }

        return uri;
    }

    private static SmtpSettings Smtp(Uri uri, string secretName)
    {
        var query = Query(uri);
        var to = query.TryGetValue("to", out var t) ? t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        if (!query.TryGetValue("from", out var from) || to.Length == 0)
        {
            throw new TesseraValidationException("alerts.email", secretName, $"the secret {secretName} needs ?from=...&to=... (value not shown)");
        }

        var (user, password) = Credentials(uri);
        var ssl = uri.Scheme.Equals("smtps", StringComparison.OrdinalIgnoreCase);
        return new SmtpSettings(uri.Host, uri.IsDefaultPort ? (ssl ? 465 : 25) : uri.Port, ssl, from, to, user, password);
    }

    private static TwilioSettings Twilio(Uri uri, string secretName)
    {
        var query = Query(uri);
        var (sid, token) = Credentials(uri);
        if (sid is null || token is null || !query.TryGetValue("from", out var from) || !query.TryGetValue("to", out var to))
        {
            throw new TesseraValidationException("alerts.sms", secretName, $"the secret {secretName} needs ACCOUNT_SID:AUTH_TOKEN@host?from=...&to=... (value not shown)");
        }

        return new TwilioSettings(new UriBuilder("https", uri.Host, uri.IsDefaultPort ? 443 : uri.Port).Uri, sid, token, from, to);
    }

    private static (string? User, string? Password) Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return (null, null);
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (WebUtility.UrlDecode(uri.UserInfo), null)
            : (WebUtility.UrlDecode(uri.UserInfo[..colon]), WebUtility.UrlDecode(uri.UserInfo[(colon + 1)..]));
    }

    private static Dictionary<string, string> Query(Uri uri)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[WebUtility.UrlDecode(part[..eq])] = WebUtility.UrlDecode(part[(eq + 1)..]);
            }
        }

        return result;
    }
}
