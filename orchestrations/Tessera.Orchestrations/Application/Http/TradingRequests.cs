using System.Text.Json;
using Tessera.Core.Errors;

namespace Tessera.Orchestrations.Application.Http;

/// <summary>
/// Bodies of the trading routes, parsed strictly at the edge: a JSON object (at most 4 KiB) with known fields of the
/// right types; anything else is a 400 naming the field. Secrets have no place here, so nothing is masked.
/// </summary>
public static class TradingRequests
{
    public const int MaxBodyBytes = 4 * 1024;

    public sealed record Halt(string Reason, string Actor, bool Flatten);

    public sealed record Resume(string Reason, string Actor, string? Approver, string? ApprovalReason);

    public sealed record Scan(string Slot);

    /// <summary>POST /api/trading/kill-switch/clear: the action to clear, the reason (required), the actor.</summary>
    public sealed record KillSwitchClear(string Action, string Reason, string Actor);

    public static KillSwitchClear ParseKillSwitchClear(byte[] body)
    {
        var fields = Object(body, ["action", "reason", "actor"]);
        var action = RequiredString(fields, "action");
        Tessera.Trading.Safety.KillSwitchActionNames.Parse(action);
        return new KillSwitchClear(action, RequiredString(fields, "reason"), OptionalString(fields, "actor") ?? "api");
    }

    public static Halt ParseHalt(byte[] body)
    {
        var fields = Object(body, ["reason", "actor", "flatten"]);
        return new Halt(RequiredString(fields, "reason"), OptionalString(fields, "actor") ?? "api", OptionalBool(fields, "flatten") ?? false);
    }

    public static Resume ParseResume(byte[] body)
    {
        var fields = Object(body, ["reason", "actor", "approver", "approval_reason"]);
        return new Resume(RequiredString(fields, "reason"), OptionalString(fields, "actor") ?? "api", OptionalString(fields, "approver"), OptionalString(fields, "approval_reason"));
    }

    public static Scan ParseScan(byte[] body)
    {
        var fields = Object(body, ["slot"]);
        return new Scan(RequiredString(fields, "slot"));
    }

    private static Dictionary<string, JsonElement> Object(byte[] body, string[] known)
    {
        var doc = StrictJsonBody.Parse(body, MaxBodyBytes, 4, "a JSON object is required");
        using (doc)
        {
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!known.Contains(p.Name, StringComparer.Ordinal))
                {
                    throw new TesseraValidationException(p.Name, null, "unknown field; known: " + string.Join(", ", known));
                }

                if (!fields.TryAdd(p.Name, p.Value.Clone()))
                {
                    throw new TesseraValidationException(p.Name, null, "given twice");
                }
            }

            return fields;
        }
    }

    private static string RequiredString(Dictionary<string, JsonElement> fields, string name) =>
        OptionalString(fields, name) ?? throw new TesseraValidationException(name, null, "is required");

    private static string? OptionalString(Dictionary<string, JsonElement> fields, string name)
    {
        if (!fields.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            throw new TesseraValidationException(name, v.ValueKind.ToString(), "must be a string");
        }

        try
        {
            return v.GetString();
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate or invalid UTF-8 inside the string: refused, not a 500.
            throw new TesseraValidationException(name, null, "must be valid UTF-8 text");
        }
    }

    private static bool? OptionalBool(Dictionary<string, JsonElement> fields, string name)
    {
        if (!fields.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TesseraValidationException(name, v.ValueKind.ToString(), "must be true or false"),
        };
    }
}
