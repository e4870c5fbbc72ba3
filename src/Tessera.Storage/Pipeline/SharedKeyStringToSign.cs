using System.Text;
using Azure.Core;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// Builds the Shared Key string-to-sign for Blob (full canonicalization) and Table (the Table Shared Key form),
/// as specified in "Authorize with Shared Key" (learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key).
/// Pure functions of the request so they can be checked against hand-derived examples.
/// </summary>
public static class SharedKeyStringToSign
{
    /// <summary>
    /// VERB, Content-Encoding, Content-Language, Content-Length (empty when 0), Content-MD5, Content-Type,
    /// Date (empty: we send x-ms-date), If-Modified-Since, If-Match, If-None-Match, If-Unmodified-Since, Range,
    /// then the canonicalized x-ms-* headers and the canonicalized resource.
    /// </summary>
    public static string ForBlob(Request request, string accountName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sb = new StringBuilder(256);
        sb.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        sb.Append(Header(request, "Content-Encoding")).Append('\n');
        sb.Append(Header(request, "Content-Language")).Append('\n');
        sb.Append(ContentLength(request)).Append('\n');
        sb.Append(Header(request, "Content-MD5")).Append('\n');
        sb.Append(Header(request, "Content-Type")).Append('\n');
        sb.Append(request.Headers.TryGetValue("x-ms-date", out _) ? string.Empty : Header(request, "Date")).Append('\n');
        sb.Append(Header(request, "If-Modified-Since")).Append('\n');
        sb.Append(Header(request, "If-Match")).Append('\n');
        sb.Append(Header(request, "If-None-Match")).Append('\n');
        sb.Append(Header(request, "If-Unmodified-Since")).Append('\n');
        sb.Append(Header(request, "Range")).Append('\n');
        AppendCanonicalizedHeaders(sb, request);
        AppendBlobCanonicalizedResource(sb, request.Uri.ToUri(), accountName);
        return sb.ToString();
    }

    /// <summary>VERB\nContent-MD5\nContent-Type\nDate\nCanonicalizedResource, where Date is x-ms-date when present and the resource keeps only ?comp=.</summary>
    public static string ForTable(Request request, string accountName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sb = new StringBuilder(128);
        sb.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        sb.Append(Header(request, "Content-MD5")).Append('\n');
        sb.Append(Header(request, "Content-Type")).Append('\n');
        sb.Append(request.Headers.TryGetValue("x-ms-date", out var msDate) ? msDate : Header(request, "Date")).Append('\n');
        var uri = request.Uri.ToUri();
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        foreach (var (name, values) in ParseQuery(uri.Query))
        {
            if (name == "comp")
            {
                sb.Append("?comp=").Append(string.Join(',', values));
            }
        }

        return sb.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static string ContentLength(Request request)
    {
        if (request.Headers.TryGetValue("Content-Length", out var explicitLength))
        {
            return explicitLength == "0" ? string.Empty : explicitLength;
        }

        if (request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0)
        {
            return length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Empty;
    }

    private static void AppendCanonicalizedHeaders(StringBuilder sb, Request request)
    {
        var headers = new List<(string Name, string Value)>();
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add((header.Name.ToLowerInvariant(), UnfoldWhitespace(header.Value)));
            }
        }

        headers.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendBlobCanonicalizedResource(StringBuilder sb, Uri uri, string accountName)
    {
        // The path is used exactly as it is encoded in the URI (Uri.AbsolutePath is the escaped form).
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        foreach (var (name, values) in ParseQuery(uri.Query))
        {
            values.Sort(StringComparer.Ordinal);
            sb.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }

    /// <summary>Query parameters with lowercased, unescaped names (sorted ordinally) and unescaped values.</summary>
    private static SortedDictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                values = [];
                result.Add(name, values);
            }

            values.Add(value);
        }

        return result;
    }

    // Canonical header values: trimmed, with folded whitespace collapsed to one space.
    private static string UnfoldWhitespace(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal) && !trimmed.Contains('\n', StringComparison.Ordinal) && !trimmed.Contains('\r', StringComparison.Ordinal) && !trimmed.Contains('\t', StringComparison.Ordinal))
        {
            return trimmed;
        }

        var sb = new StringBuilder(trimmed.Length);
        var previousSpace = false;
        foreach (var c in trimmed)
        {
            var isSpace = c is ' ' or '\t' or '\r' or '\n';
            if (isSpace)
            {
                if (!previousSpace)
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }

            previousSpace = isSpace;
        }

        return sb.ToString();
    }
}
