using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tessera.Trading.Events;

/// <summary>
/// POSTs the alert as JSON to a webhook (Slack incoming webhook, PagerDuty, any JSON endpoint): <c>text</c> for Slack,
/// plus event, severity, message, timestamp, count_in_window and fields. The URL is a secret (it carries the token):
/// it is never logged or put in an error; <see cref="Destination"/> is the masked form.
/// </summary>
public sealed class WebhookAlertChannel : IAlertChannel
{
    private readonly HttpClient _http;
    private readonly Uri _url;

    public WebhookAlertChannel(HttpClient http, Uri secretUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(secretUrl);
        if (!secretUrl.IsAbsoluteUri || (secretUrl.Scheme != Uri.UriSchemeHttps && secretUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new Tessera.Core.Errors.TesseraValidationException("alerting.webhook_url", SecretMask.Url(secretUrl), "must be an absolute http(s) URL");
        }

        _http = http;
        _url = secretUrl;
    }

    public AlertChannels Kind => AlertChannels.Webhook;

    public string Destination => SecretMask.Url(_url);

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var content = new ByteArrayContent(Body(alert));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException("webhook", Destination + ": " + SecretMask.Failure(e));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertDeliveryException("webhook", string.Create(CultureInfo.InvariantCulture, $"{Destination} answered HTTP {(int)response.StatusCode}"));
            }
        }
    }

    internal static byte[] Body(Alert alert)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("text", AlertText.Line(alert));
            AlertText.WriteMembers(writer, alert);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
