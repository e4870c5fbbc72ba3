using System.Globalization;

namespace Tessera.Trading.Events;

/// <summary>
/// What of a secret may be shown: a webhook URL's scheme, host and port (the token lives in the path or query),
/// a phone number's last two digits.
/// </summary>
public static class SecretMask
{
    public static string Url(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri
            ? string.Create(CultureInfo.InvariantCulture, $"{url.Scheme}://{url.Host}:{url.Port}/***")
            : "***";
    }

    public static string Phone(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length <= 2 ? "**" : new string('*', number.Length - 2) + number[^2..];
    }

    /// <summary>A failure described without its message (messages of HTTP and SMTP errors can echo addresses or URLs).</summary>
    public static string Failure(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            HttpRequestException http when http.StatusCode is { } status => string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}"),
            HttpRequestException http => "connection failed (" + http.HttpRequestError.ToString() + ")",
            TaskCanceledException or TimeoutException => "timed out",
            System.Net.Mail.SmtpException smtp => "SMTP " + smtp.StatusCode.ToString(),
            _ => error.GetType().Name,
        };
    }
}
