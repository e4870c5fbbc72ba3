using System.Text.RegularExpressions;

namespace Tessera.Core.Errors;

/// <summary>
/// Removes credentials from text before it reaches a message, a log or a trace: the user-info part of any URL
/// (<c>http://user:password@host</c>), secret-looking query parameters (SAS <c>sig</c>, <c>key</c>, <c>token</c>,
/// <c>password</c>, <c>secret</c>) and connection-string keys (<c>AccountKey=</c>, <c>SharedAccessSignature=</c>,
/// <c>Password=</c>). What stays is enough to know which endpoint was meant.
/// </summary>
public static partial class Redaction
{
    public const string Mask = "***";

    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = UserInfo().Replace(text, "${scheme}" + Mask + "@");
        result = SecretQuery().Replace(result, "${name}=" + Mask);
        return ConnectionStringSecret().Replace(result, "${name}=" + Mask);
    }

    /// <summary>A URL without user info, path or query: scheme, host and port only.</summary>
    public static string Endpoint(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}" : Mask;
    }

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/@\s]+@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<name>[?&](?:sig|key|token|access_token|password|secret|api_key|apikey))=[^&\s]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex SecretQuery();

    [GeneratedRegex(@"(?<name>\b(?:AccountKey|SharedAccessSignature|Password|ClientSecret))=[^;\s]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex ConnectionStringSecret();
}
