using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Research.Sentiment;

/// <summary>One headline: the ticker it is about, when it was published (UTC) and its text.</summary>
public sealed record Headline(string Ticker, DateTimeOffset Timestamp, string Text);

/// <summary>
/// Reads a headlines file for <c>tessera sentiment scan</c>: JSON Lines ({"ticker","timestamp","text"} per line) or
/// CSV with the header ticker,timestamp,text (RFC 4180 quoting, so a text may hold commas and quotes). Timestamps are
/// ISO-8601 with an offset or Z. Every bad line is a typed error naming the line and the field; nothing is scored
/// from a file that does not read whole.
/// </summary>
public static class HeadlineFile
{
    public const long MaxBytes = 256L * 1024 * 1024;
    public const int MaxTextLength = 10_000;

    public static IReadOnlyList<Headline> Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new TesseraValidationException("FILE", path, "the headlines file does not exist");
        }

        if (info.Length > MaxBytes)
        {
            throw new TesseraValidationException("FILE", path, $"a headlines file is at most {MaxBytes} bytes");
        }

        var text = File.ReadAllText(path, Encoding.UTF8);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ParseCsv(text) : ParseJsonLines(text);
    }

    public static IReadOnlyList<Headline> ParseJsonLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Headline>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 4 });
            }
            catch (JsonException e)
            {
                throw new TesseraValidationException($"line {number}", Clip(line), "not a JSON object: " + e.Message);
            }

            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new TesseraValidationException($"line {number}", Clip(line), "must be a JSON object {\"ticker\",\"timestamp\",\"text\"}");
                }

                result.Add(Make(number, Field(doc.RootElement, "ticker"), Field(doc.RootElement, "timestamp"), Field(doc.RootElement, "text")));
            }
        }

        return result;
    }

    public static IReadOnlyList<Headline> ParseCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = CsvRows.Parse(text);
        if (rows.Count == 0 || rows[0].Fields.Count != 3
            || !rows[0].Fields[0].Equals("ticker", StringComparison.OrdinalIgnoreCase)
            || !rows[0].Fields[1].Equals("timestamp", StringComparison.OrdinalIgnoreCase)
            || !rows[0].Fields[2].Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            throw new TesseraValidationException("line 1", rows.Count == 0 ? string.Empty : string.Join(",", rows[0].Fields), "the CSV header must be ticker,timestamp,text");
        }

        var result = new List<Headline>(rows.Count - 1);
        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count != 3)
            {
                throw new TesseraValidationException($"line {line}", string.Join(",", fields), $"needs 3 fields (ticker,timestamp,text), got {fields.Count}");
            }

            result.Add(Make(line, fields[0], fields[1], fields[2]));
        }

        return result;
    }

    private static Headline Make(int line, string? ticker, string? timestamp, string? text)
    {
        if (string.IsNullOrWhiteSpace(ticker) || ticker.Length > 32 || ticker.Any(char.IsWhiteSpace))
        {
            throw new TesseraValidationException($"line {line}: ticker", ticker, "must be 1-32 characters without spaces");
        }

        if (timestamp is null || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            || !(timestamp.EndsWith('Z') || timestamp.Contains('+', StringComparison.Ordinal) || timestamp.LastIndexOf('-') > 9))
        {
            throw new TesseraValidationException($"line {line}: timestamp", timestamp, "must be ISO-8601 with Z or an offset (e.g. 2026-01-02T14:30:00Z)");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
        {
            throw new TesseraValidationException($"line {line}: text", text is null ? null : Clip(text), $"must be a non-empty headline of at most {MaxTextLength} characters");
        }

        return new Headline(ticker.ToUpperInvariant(), at, text);
    }

    private static string? Field(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Clip(string s) => s.Length > 80 ? s[..80] + "..." : s;
}
