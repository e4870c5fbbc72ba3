using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Core.Governance;

/// <summary>One attempt of a data fetch (the quant-platform seed's coverage artifact, requirement 19).</summary>
public sealed record CoverageAttempt(int Attempt, int Fetched, int Failed, double DurationSeconds);

/// <summary>
/// Freshness and completeness of one asset the run holds (Tessera's extension of the seed's schema, optional field
/// <c>assets</c>): its observations against the run calendar's length, and its last observation against the
/// calendar's last date (Unix epoch milliseconds, UTC, like the bars).
/// </summary>
public sealed record CoverageAsset(string Symbol, int Observations, int Expected, long LastObservation, long CalendarEnd)
{
    public bool IsComplete => Observations == Expected && LastObservation == CalendarEnd;
}

/// <summary>
/// A coverage artifact: <c>run_id</c>, <c>profile</c>, <c>attempts</c> (ordered, index, fetched, failed, duration) and
/// <c>failed_symbols</c> (deduplicated). Missing fields or an empty artifact are a failure (seed requirement 19);
/// coverage is 100 % when the last attempt failed nothing and no symbol is left failed. The optional <c>assets</c>
/// array carries the per-asset freshness and completeness the failed symbols were derived from.
/// </summary>
public sealed record CoverageArtifact(string RunId, string Profile, IReadOnlyList<CoverageAttempt> Attempts, IReadOnlyList<string> FailedSymbols, IReadOnlyList<CoverageAsset>? Assets = null)
{
    public bool IsComplete => Attempts.Count > 0 && Attempts[^1].Failed == 0 && FailedSymbols.Count == 0;

    /// <summary>The artifact as JSON in the schema <see cref="Parse"/> reads (so what is written always parses back).</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("run_id", RunId);
            w.WriteString("profile", Profile);
            w.WriteStartArray("attempts");
            foreach (var a in Attempts)
            {
                w.WriteStartObject();
                w.WriteNumber("attempt", a.Attempt);
                w.WriteNumber("fetched", a.Fetched);
                w.WriteNumber("failed", a.Failed);
                w.WriteNumber("duration", a.DurationSeconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("failed_symbols");
            foreach (var s in FailedSymbols)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            if (Assets is not null)
            {
                w.WriteStartArray("assets");
                foreach (var a in Assets)
                {
                    w.WriteStartObject();
                    w.WriteString("symbol", a.Symbol);
                    w.WriteNumber("observations", a.Observations);
                    w.WriteNumber("expected", a.Expected);
                    w.WriteNumber("last_observation", a.LastObservation);
                    w.WriteNumber("calendar_end", a.CalendarEnd);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Strict parse of the JSON artifact; every error names the field and the rule.</summary>
    public static CoverageArtifact Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new TesseraValidationException("coverage", null, "well-formed JSON: " + ex.Message);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TesseraValidationException("coverage", root.ValueKind.ToString(), "a JSON object");
            }

            var runId = Text(root, "run_id");
            var profile = Text(root, "profile");
            if (!root.TryGetProperty("attempts", out var attemptsElement) || attemptsElement.ValueKind != JsonValueKind.Array || attemptsElement.GetArrayLength() == 0)
            {
                throw new TesseraValidationException("attempts", null, "a non-empty array of attempts");
            }

            var attempts = new List<CoverageAttempt>();
            var expected = 1;
            foreach (var a in attemptsElement.EnumerateArray())
            {
                var field = $"attempts[{expected - 1}]";
                var index = Int(a, "attempt", field);
                if (index != expected)
                {
                    throw new TesseraValidationException(field + ".attempt", index.ToString(System.Globalization.CultureInfo.InvariantCulture), $"attempts ordered from 1 (expected {expected})");
                }

                var duration = a.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.Number && d.TryGetDouble(out var seconds) && double.IsFinite(seconds) && seconds >= 0
                    ? seconds
                    : throw new TesseraValidationException(field + ".duration", null, "a number of seconds ≥ 0");
                attempts.Add(new CoverageAttempt(index, Int(a, "fetched", field), Int(a, "failed", field), duration));
                expected++;
            }

            if (!root.TryGetProperty("failed_symbols", out var failed) || failed.ValueKind != JsonValueKind.Array)
            {
                throw new TesseraValidationException("failed_symbols", null, "an array of symbols (empty when nothing failed)");
            }

            var symbols = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in failed.EnumerateArray())
            {
                var symbol = s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new TesseraValidationException("failed_symbols", s.ToString(), "strings");
                if (!seen.Add(symbol))
                {
                    throw new TesseraValidationException("failed_symbols", symbol, "deduplicated");
                }

                symbols.Add(symbol);
            }

            List<CoverageAsset>? assets = null;
            if (root.TryGetProperty("assets", out var assetsElement))
            {
                if (assetsElement.ValueKind != JsonValueKind.Array)
                {
                    throw new TesseraValidationException("assets", assetsElement.ValueKind.ToString(), "an array of per-asset coverage rows");
                }

                assets = [];
                var i = 0;
                foreach (var a in assetsElement.EnumerateArray())
                {
                    var field = $"assets[{i++}]";
                    if (a.ValueKind != JsonValueKind.Object)
                    {
                        throw new TesseraValidationException(field, a.ValueKind.ToString(), "an object");
                    }

                    var symbol = a.TryGetProperty("symbol", out var sv) && sv.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(sv.GetString())
                        ? sv.GetString()!
                        : throw new TesseraValidationException(field + ".symbol", null, "a non-empty string");
                    assets.Add(new CoverageAsset(symbol, Int(a, "observations", field), Int(a, "expected", field), Long(a, "last_observation", field), Long(a, "calendar_end", field)));
                }
            }

            return new CoverageArtifact(runId, profile, attempts, symbols, assets);
        }
    }

    private static string Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!
            : throw new TesseraValidationException(name, null, "a non-empty string");

    private static long Long(JsonElement o, string name, string parent) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)
            ? l
            : throw new TesseraValidationException($"{parent}.{name}", null, "a whole number (Unix epoch milliseconds)");

    private static int Int(JsonElement o, string name, string parent) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= 0
            ? i
            : throw new TesseraValidationException($"{parent}.{name}", null, "a whole number ≥ 0");
}
