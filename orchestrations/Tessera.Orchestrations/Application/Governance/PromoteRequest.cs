using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Core.Governance;
using Tessera.Orchestrations.Runs;

namespace Tessera.Orchestrations.Application.Governance;

/// <summary>
/// A governance transition asked for: the run, the state it should move to, the reason (required, recorded in the
/// governance chain and the run index), who asks, and optionally a documented exception to 100 % coverage.
/// </summary>
public sealed record PromoteRequest(string RunId, GovernanceState To, string Reason, string Actor, string? CoverageException = null)
{
    public const int MaxReasonLength = 500;

    /// <summary>The one validation of a request's fields, for the CLI and both HTTP hosts.</summary>
    public static PromoteRequest Create(string? runId, string? to, string? reason, string actor, string? coverageException = null)
    {
        var id = Tessera.Orchestrations.Runs.RunId.Validate(runId);
        var state = GovernanceStates.Parse(to, "to");
        var why = Text(reason, "reason", required: true)!;
        var exception = Text(coverageException, "coverage_exception", required: false);
        return new PromoteRequest(id, state, why, actor, exception);
    }

    private static string? Text(string? value, string field, bool required)
    {
        if (value is null && !required)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new TesseraValidationException(field, value, "a non-empty text (" + (required ? "required: every transition is recorded with its reason" : "omit it when there is none") + ")");
        }

        if (value.Length > MaxReasonLength || value.Any(char.IsControl))
        {
            throw new TesseraValidationException(field, value.Length > 40 ? value[..40] + "…" : value, $"at most {MaxReasonLength} characters without control characters");
        }

        return value.Trim();
    }
}

/// <summary>
/// Strict parse of the POST /api/runs/{id}/promote body: a JSON object with exactly the fields <c>to</c> (string,
/// required), <c>reason</c> (string, required) and <c>coverage_exception</c> (string, optional); any other field,
/// a duplicate, a wrong type or trailing content is a 400 naming the field. Kept small and local so it can be
/// swapped for the shared strict body parser.
/// </summary>
public static class PromoteRequestBody
{
    private static readonly string[] Known = ["to", "reason", "coverage_exception"];

    public static PromoteRequest Parse(string runId, ReadOnlySpan<byte> body, string actor)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new TesseraValidationException("body", null, "a JSON object {\"to\": ..., \"reason\": ...}");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                if (Array.IndexOf(Known, name) < 0)
                {
                    throw new TesseraValidationException(name, null, "unknown field: the body has only to, reason and coverage_exception");
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    throw new TesseraValidationException(name, reader.TokenType.ToString(), "a JSON string");
                }

                if (!values.TryAdd(name, reader.GetString()!))
                {
                    throw new TesseraValidationException(name, null, "given once");
                }
            }

            if (reader.Read())
            {
                throw new TesseraValidationException("body", null, "one JSON object and nothing after it");
            }
        }
        catch (JsonException e)
        {
            throw new TesseraValidationException("body", null, "well-formed JSON: " + e.Message);
        }

        if (!values.ContainsKey("to"))
        {
            throw new TesseraValidationException("to", null, "required: one of sandbox, canary, promoted, frozen, retired");
        }

        return PromoteRequest.Create(runId, values["to"], values.GetValueOrDefault("reason"), actor, values.GetValueOrDefault("coverage_exception"));
    }
}
