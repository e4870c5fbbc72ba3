using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Core.Governance;

/// <summary>One attempt of a data fetch (the quant-platform seed's coverage artifact, requirement 19).</summary>
public sealed record CoverageAttempt(int Attempt, int Fetched, int Failed, double DurationSeconds);

/// <summary>
/// A coverage artifact: <c>run_id</c>, <c>profile</c>, <c>attempts</c> (ordered, index, fetched, failed, duration) and
/// <c>failed_symbols</c> (deduplicated). Missing fields or an empty artifact are a failure (seed requirement 19);
/// coverage is 100 % when the last attempt failed nothing and no symbol is left failed.
/// </summary>
public sealed record CoverageArtifact(string RunId, string Profile, IReadOnlyList<CoverageAttempt> Attempts, IReadOnlyList<string> FailedSymbols)
{
    public bool IsComplete => Attempts.Count > 0 && Attempts[^1].Failed == 0 && FailedSymbols.Count == 0;

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

            return new CoverageArtifact(runId, profile, attempts, symbols);
        }
    }

    private static string Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!
            : throw new TesseraValidationException(name, null, "a non-empty string");

    private static int Int(JsonElement o, string name, string parent) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= 0
            ? i
            : throw new TesseraValidationException($"{parent}.{name}", null, "a whole number ≥ 0");
}
