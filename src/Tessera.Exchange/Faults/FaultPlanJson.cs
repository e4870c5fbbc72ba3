using System.Text.Json;
using Tessera.Exchange.Errors;

namespace Tessera.Exchange.Faults;

/// <summary>Reads and writes the /admin/faults body (snake_case, every field optional, unknown fields refused).</summary>
public static class FaultPlanJson
{
    private static readonly HashSet<string> Known =
    [
        "seed", "latency_ms", "rate_limit_count", "rate_limit_reset_seconds", "order_error_before_accept_rate", "order_error_after_accept_rate",
        "order_timeout_after_accept_rate", "order_error_status", "order_timeout_ms", "connection_limit_seconds", "stream_duplicate_rate",
        "stream_reorder_rate", "drop", "stall_seconds", "stall_answers_pings", "stream_error_code",
    ];

    public static (FaultPlan? Plan, ExchangeError? Error) Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return (null, ExchangeError.MalformedJson);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ExchangeError.WrongType("body", "a JSON object"));
            }

            foreach (var p in root.EnumerateObject())
            {
                if (!Known.Contains(p.Name))
                {
                    return (null, ExchangeError.Invalid($"unknown fault '{(p.Name.Length > 40 ? p.Name[..40] : p.Name)}'"));
                }
            }

            try
            {
                var plan = new FaultPlan
                {
                    Seed = (ulong)Int(root, "seed", 7, 0, long.MaxValue),
                    LatencyMs = (int)Int(root, "latency_ms", 0, 0, 60_000),
                    RateLimitCount = (int)Int(root, "rate_limit_count", 0, 0, 1_000_000),
                    RateLimitResetSeconds = (int)Int(root, "rate_limit_reset_seconds", 1, 1, 3600),
                    OrderErrorBeforeAcceptRate = Rate(root, "order_error_before_accept_rate"),
                    OrderErrorAfterAcceptRate = Rate(root, "order_error_after_accept_rate"),
                    OrderTimeoutAfterAcceptRate = Rate(root, "order_timeout_after_accept_rate"),
                    OrderErrorStatus = (int)Int(root, "order_error_status", 500, 500, 599),
                    OrderTimeoutMs = (int)Int(root, "order_timeout_ms", 2000, 1, 600_000),
                    ConnectionLimitSeconds = (int)Int(root, "connection_limit_seconds", 0, 0, 3600),
                    StreamDuplicateRate = Rate(root, "stream_duplicate_rate"),
                    StreamReorderRate = Rate(root, "stream_reorder_rate"),
                    Drop = Drop(root),
                    StallSeconds = (int)Int(root, "stall_seconds", 0, 0, 3600),
                    StallAnswersPings = root.TryGetProperty("stall_answers_pings", out var sp) && sp.ValueKind == JsonValueKind.True,
                    StreamErrorCode = root.TryGetProperty("stream_error_code", out var ec) && ec.ValueKind != JsonValueKind.Null ? (int)Int(root, "stream_error_code", 0, 400, 599) : null,
                };
                if (plan.OrderErrorBeforeAcceptRate + plan.OrderErrorAfterAcceptRate + plan.OrderTimeoutAfterAcceptRate > 1)
                {
                    return (null, ExchangeError.Invalid("the order POST fault rates must add up to at most 1"));
                }

                return (plan, null);
            }
            catch (FormatException ex)
            {
                return (null, ExchangeError.Invalid(ex.Message));
            }
        }
    }

    public static byte[] Write(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Json.ExchangeJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("seed", plan.Seed);
            w.WriteNumber("latency_ms", plan.LatencyMs);
            w.WriteNumber("rate_limit_count", plan.RateLimitCount);
            w.WriteNumber("rate_limit_reset_seconds", plan.RateLimitResetSeconds);
            w.WriteNumber("order_error_before_accept_rate", plan.OrderErrorBeforeAcceptRate);
            w.WriteNumber("order_error_after_accept_rate", plan.OrderErrorAfterAcceptRate);
            w.WriteNumber("order_timeout_after_accept_rate", plan.OrderTimeoutAfterAcceptRate);
            w.WriteNumber("order_error_status", plan.OrderErrorStatus);
            w.WriteNumber("order_timeout_ms", plan.OrderTimeoutMs);
            w.WriteNumber("connection_limit_seconds", plan.ConnectionLimitSeconds);
            w.WriteNumber("stream_duplicate_rate", plan.StreamDuplicateRate);
            w.WriteNumber("stream_reorder_rate", plan.StreamReorderRate);
            w.WriteEndObject();
        });
    }

    private static long Int(JsonElement root, string name, long fallback, long min, long max)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var v) || v < min || v > max)
        {
            throw new FormatException($"{name} must be an integer in {min}..{max}");
        }

        return v;
    }

    private static double Rate(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var v) || !double.IsFinite(v) || v < 0 || v > 1)
        {
            throw new FormatException($"{name} must be a number in [0, 1]");
        }

        return v;
    }

    private static string? Drop(JsonElement root)
    {
        if (!root.TryGetProperty("drop", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var v = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return v is "market_data" or "trade_updates" or "all" ? v : throw new FormatException("drop must be market_data, trade_updates or all");
    }
}
