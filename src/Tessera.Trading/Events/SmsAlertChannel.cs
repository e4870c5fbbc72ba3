using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Tessera.Core.Errors;

namespace Tessera.Trading.Events;

/// <summary>Twilio settings: the account SID and auth token are secrets; <see cref="BaseAddress"/> is https://api.twilio.com unless a test points it elsewhere.</summary>
public sealed record TwilioSettings(Uri BaseAddress, string AccountSid, string AuthToken, string From, string To);

/// <summary>
/// Sends an alert as an SMS with Twilio's Messages API: <c>POST {base}/2010-04-01/Accounts/{sid}/Messages.json</c>,
/// form fields To, From, Body, HTTP basic auth sid:token. Neither the SID nor the token appears in an error.
/// </summary>
public sealed class SmsAlertChannel : IAlertChannel
{
    /// <summary>Two SMS segments: enough for the code, the severity and the start of the message.</summary>
    public const int MaxBodyLength = 300;

    private readonly HttpClient _http;
    private readonly TwilioSettings _settings;

    public SmsAlertChannel(HttpClient http, TwilioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BaseAddress is null || !settings.BaseAddress.IsAbsoluteUri)
        {
            throw new TesseraValidationException("alerting.twilio.base_address", settings.BaseAddress?.ToString(), "must be an absolute URL");
        }

        if (string.IsNullOrWhiteSpace(settings.AccountSid) || !settings.AccountSid.All(char.IsAsciiLetterOrDigit))
        {
            throw new TesseraValidationException("alerting.twilio.account_sid", "***", "must be ASCII letters and digits");
        }

        if (string.IsNullOrWhiteSpace(settings.AuthToken))
        {
            throw new TesseraValidationException("alerting.twilio.auth_token", null, "must be present");
        }

        if (string.IsNullOrWhiteSpace(settings.From) || string.IsNullOrWhiteSpace(settings.To))
        {
            throw new TesseraValidationException("alerting.twilio.from/to", null, "both phone numbers must be present");
        }

        _http = http;
        _settings = settings;
    }

    public AlertChannels Kind => AlertChannels.Sms;

    public string Destination => SecretMask.Phone(_settings.To);

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = AlertText.Line(alert);
        if (text.Length > MaxBodyLength)
        {
            text = text[..MaxBodyLength];
        }

        var url = new Uri(_settings.BaseAddress, "2010-04-01/Accounts/" + _settings.AccountSid + "/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("To", _settings.To), new("From", _settings.From), new("Body", text)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_settings.AccountSid + ":" + _settings.AuthToken)));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException("sms", "Twilio at " + SecretMask.Url(_settings.BaseAddress) + ": " + SecretMask.Failure(e));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertDeliveryException("sms", string.Create(CultureInfo.InvariantCulture, $"Twilio answered HTTP {(int)response.StatusCode}"));
            }
        }
    }
}
