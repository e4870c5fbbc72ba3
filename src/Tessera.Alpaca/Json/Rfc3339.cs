using System.Globalization;

namespace Tessera.Alpaca.Json;

/// <summary>
/// RFC 3339 timestamps as Alpaca writes them: offsets or Z, and up to nine fractional digits (nanoseconds), which
/// DateTimeOffset cannot parse (it stops at seven). Extra digits are truncated, not rounded, so ordering is kept.
/// Also accepts a bare date (yyyy-MM-dd, midnight UTC) because several query parameters take either.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim();
        if (text.Length == 0 || text.Length > 64)
        {
            return false;
        }

        if (text.Length == 10)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                value = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                return true;
            }

            return false;
        }

        Span<char> buffer = stackalloc char[64];
        var n = 0;
        var i = 0;
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            // Copy up to and including 7 fractional digits, skip the rest of the digits.
            text[..(dot + 1)].CopyTo(buffer);
            n = dot + 1;
            i = dot + 1;
            var digits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (digits < 7)
                {
                    buffer[n++] = text[i];
                }

                digits++;
                i++;
            }

            if (digits == 0)
            {
                return false;
            }
        }

        var rest = text[i..];
        if (n + rest.Length > buffer.Length)
        {
            return false;
        }

        rest.CopyTo(buffer[n..]);
        n += rest.Length;
        var normalized = buffer[..n];
        if (!normalized.Contains('T') || !(normalized.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || HasOffset(normalized)))
        {
            return false;
        }

        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException("not an RFC 3339 timestamp");

    /// <summary>Alpaca's spelling: UTC with microseconds when there are any (2013-10-07T13:30:00.123456Z).</summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>With an explicit offset (the clock route answers in New York time: 2013-10-07T09:30:00-04:00).</summary>
    public static string FormatWithOffset(DateTimeOffset value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    private static bool HasOffset(ReadOnlySpan<char> s) =>
        s.Length >= 6 && (s[^6] == '+' || s[^6] == '-') && s[^3] == ':';
}
