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
/// Strict parse of the POST /api/runs/{id}/promote body through the shared <see cref="StrictJsonBody"/> prelude (size,
/// nesting depth, well-formed JSON object, no duplicate key, valid UTF-8 text; each refusal naming the field and the
/// rule), then the fields: exactly <c>to</c> (string, required), <c>reason</c> (string, required) and
/// <c>coverage_exception</c> (string, optional); an unknown field or a wrong type is a 400 naming the field.
/// </summary>
public static class PromoteRequestBody
{
    /// <summary>The body is three short strings; the HTTP host reads at most this many bytes.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    /// <summary>The body is flat; one level of nesting (the object itself) is all it needs, a little slack for clear errors.</summary>
    public const int MaxDepth = 4;

    public const string EmptyRule = "a JSON object {\"to\": ..., \"reason\": ...} is required";

    public const string UnknownFieldRule = "unknown field; allowed fields: to, reason, coverage_exception";

    public const string StringRule = "must be a JSON string";

    public const string ToRequiredRule = "is required: one of sandbox, canary, promoted, frozen, retired";

    public static PromoteRequest Parse(string runId, ReadOnlySpan<byte> body, string actor)
    {
        string? to = null, reason = null, coverageException = null;
        using (var doc = StrictJsonBody.Parse(body, MaxBodyBytes, MaxDepth, EmptyRule))
        {
            // StrictJsonBody has refused duplicate keys already: each field is seen at most once here.
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "to":
                        to = StringValue(property);
                        break;
                    case "reason":
                        reason = StringValue(property);
                        break;
                    case "coverage_exception":
                        coverageException = StringValue(property);
                        break;
                    default:
                        throw new TesseraValidationException(property.Name, null, UnknownFieldRule);
                }
            }
        }

        if (to is null)
        {
            throw new TesseraValidationException("to", null, ToRequiredRule);
        }

        return PromoteRequest.Create(runId, to, reason, actor, coverageException);
    }

    private static string StringValue(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new TesseraValidationException(property.Name, property.Value.ValueKind.ToString(), StringRule);
}
