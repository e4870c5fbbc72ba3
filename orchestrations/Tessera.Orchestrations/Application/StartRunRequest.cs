using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application;

/// <summary>Body of POST /api/runs: <c>{"profile": "default", "run_id": "optional-id"}</c>.</summary>
public sealed record StartRunRequest(string Profile, string? RunId)
{
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The deepest nesting a body may have (<see cref="StrictJsonBody.DepthRule"/>).</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// Strict parse (<see cref="StrictJsonBody"/>, then the fields): a JSON object with a string "profile" and an optional
    /// string "run_id"; anything else (malformed JSON, too deep, duplicate keys, undecodable text, wrong types, unknown
    /// fields, oversized body) is a validation error naming the field.
    /// </summary>
    public static StartRunRequest Parse(ReadOnlySpan<byte> body)
    {
        var doc = StrictJsonBody.Parse(body, MaxBodyBytes, MaxDepth, "a JSON object with a 'profile' field is required");
        using (doc)
        {
            string? profile = null;
            string? runId = null;
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "profile":
                        profile = property.Value.ValueKind == JsonValueKind.String
                            ? property.Value.GetString()
                            : throw new TesseraValidationException("profile", property.Value.GetRawText(), "must be a string");
                        break;
                    case "run_id":
                        runId = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => property.Value.GetString(),
                            JsonValueKind.Null => null,
                            _ => throw new TesseraValidationException("run_id", property.Value.GetRawText(), "must be a string"),
                        };
                        break;
                    default:
                        throw new TesseraValidationException(property.Name, null, "unknown field; allowed fields: profile, run_id");
                }
            }

            if (string.IsNullOrWhiteSpace(profile))
            {
                throw new TesseraValidationException("profile", profile, "is required");
            }

            return new StartRunRequest(profile, runId);
        }
    }
}
