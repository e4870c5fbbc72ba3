using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Tessera.Core.Telemetry;

namespace Tessera.Orchestrations.Telemetry;

/// <summary>One finished span of a run, as forensic_trace.json lists it.</summary>
public sealed record ForensicSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Source,
    string Kind,
    DateTimeOffset Start,
    double DurationMs,
    string Status,
    string? RunId,
    string? Step,
    string Worker,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>This process, as a span's worker: host name and process id (spans of one run come from several workers).</summary>
    public static string ThisWorker { get; } = Environment.MachineName + "/" + Environment.ProcessId;

    public static ForensicSpan From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in activity.TagObjects)
        {
            if (tag.Value is not null && tags.Count < 32)
            {
                var text = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                tags[tag.Key] = text.Length > 512 ? text[..512] : text;
            }
        }

        var runId = tags.GetValueOrDefault(TesseraTelemetry.Tags.RunId) ?? tags.GetValueOrDefault(TesseraTelemetry.Tags.DurableInstanceId);
        return new ForensicSpan(
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            activity.DisplayName,
            activity.Source.Name,
            activity.Kind.ToString(),
            new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero),
            activity.Duration.TotalMilliseconds,
            activity.Status.ToString(),
            runId,
            tags.GetValueOrDefault(TesseraTelemetry.Tags.Step),
            ThisWorker,
            tags);
    }
}

/// <summary>A span in the <c>runspans</c> table: partition = trace id, row = span id (a span is written once).</summary>
public sealed class ForensicSpanRow : ITableEntity
{
    public const string Table = "runspans";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Span { get; set; } = string.Empty;

    public static ForensicSpanRow Of(ForensicSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return new ForensicSpanRow { PartitionKey = span.TraceId, RowKey = span.SpanId, Span = JsonSerializer.Serialize(span, ForensicJson.Options) };
    }

    public ForensicSpan ToSpan() => JsonSerializer.Deserialize<ForensicSpan>(Span, ForensicJson.Options)!;
}

internal static class ForensicJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };
}
