using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application;

/// <summary>Body of POST /api/runs: <c>{"profile": "default", "run_id": "optional-id"}</c>.</summary>
public sealed record StartRunRequest(string Profile, string? RunId)
{
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>
    /// Strict parse: a JSON object with a string "profile" and an optional string "run_id"; anything else
    /// (malformed JSON, wrong types, unknown fields, oversized body) is a validation error naming the field.
    /// </summary>
    public static StartRunRequest Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new PayloadTooLargeException(body.Length);
        }

        if (body.IsEmpty)
        {
            throw new TesseraValidationException("body", null, "a JSON object with a 'profile' field is required");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            throw new TesseraValidationException("body", null, $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}: must be a JSON object");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TesseraValidationException("body", doc.RootElement.ValueKind.ToString(), "must be a JSON object");
            }

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
