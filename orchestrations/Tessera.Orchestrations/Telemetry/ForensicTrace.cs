using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Runs;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Orchestrations.Telemetry;

/// <summary>forensic_trace.json: every recorded span of a run's trace, from every worker, ordered by start.</summary>
public sealed record ForensicTraceDocument(string RunId, string TraceId, DateTimeOffset SealedAt, int SpanCount, IReadOnlyList<string> Workers, IReadOnlyList<ForensicSpan> Spans);

/// <summary>
/// Reads a run's spans from the <c>runspans</c> table (partition = the run's trace id, <see cref="RunTraceId"/>),
/// seals them into <c>runs/&lt;run_id&gt;/forensic_trace.json</c> (an observation, replaced on every seal, not in
/// the manifest: spans differ at every execution while the results do not), and renders the timeline the report
/// route appends to the report. A sleeve run as a meta's sub-orchestration shares the meta's trace, so its spans are
/// in the meta's file, and its own file keeps its own spans of that trace.
/// </summary>
public sealed class ForensicTrace(ITableStore tables, RunArtifactStore artifacts, RunSpanRecorder? recorder = null)
{
    public const string FileName = "forensic_trace.json";

    /// <param name="traceId">the trace the run ran in: its own (<see cref="RunTraceId"/>, the default), or, for a sleeve run as a
    /// meta's sub-orchestration, the meta's, of which only the sleeve's own spans are kept.</param>
    public async Task<ForensicTraceDocument> ReadAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken = default, string? traceId = null)
    {
        var own = RunTraceId.Of(runId);
        traceId ??= own;
        var spans = new List<ForensicSpan>();
        try
        {
            await foreach (var row in tables.QueryAsync<ForensicSpanRow>(ForensicSpanRow.Table, Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {traceId}"), cancellationToken).ConfigureAwait(false))
            {
                var span = row.ToSpan();
                if (traceId == own || span.RunId == runId)
                {
                    spans.Add(span);
                }
            }
        }
        catch (StorageNotFoundException)
        {
            // no span was ever recorded on this storage
        }

        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.SpanId, b.SpanId));
        var workers = spans.Select(s => s.Worker).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ForensicTraceDocument(runId, traceId, now, spans.Count, workers, spans);
    }

    /// <summary>Flushes this process's spans, then writes the run's forensic_trace.json; returns what it wrote.</summary>
    public async Task<ForensicTraceDocument> SealAsync(string runId, DateTimeOffset now, CancellationToken cancellationToken = default, string? traceId = null)
    {
        if (recorder is not null)
        {
            await recorder.FlushAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }

        var document = await ReadAsync(runId, now, cancellationToken, traceId).ConfigureAwait(false);
        await artifacts.WriteObservationAsync(runId, FileName, JsonSerializer.SerializeToUtf8Bytes(document, ForensicJson.Options), "application/json", cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>The sealed file of a run, or null when it has none (yet).</summary>
    public static async Task<ForensicTraceDocument?> ReadSealedAsync(RunArtifactStore artifacts, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        try
        {
            return JsonSerializer.Deserialize<ForensicTraceDocument>(await artifacts.ReadAsync(runId, FileName, cancellationToken).ConfigureAwait(false), ForensicJson.Options);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The timeline as an HTML section (inline styles only, no script: the report's CSP allows nothing else): one row
    /// per span with its worker, start offset, duration and a bar.
    /// </summary>
    public static string TimelineHtml(ForensicTraceDocument trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var html = new StringBuilder();
        html.Append("<section id=\"forensic-trace\"><h2>Forensic trace</h2><p>trace ").Append(Enc(trace.TraceId))
            .Append(CultureInfo.InvariantCulture, $": {trace.SpanCount} spans from {trace.Workers.Count} worker(s), sealed {trace.SealedAt:u} (")
            .Append(Enc(FileName)).Append(")</p>");
        if (trace.Spans.Count == 0)
        {
            return html.Append("<p>no spans were recorded</p></section>").ToString();
        }

        var start = trace.Spans.Min(s => s.Start);
        var end = trace.Spans.Max(s => s.Start.AddMilliseconds(s.DurationMs));
        var total = Math.Max(1, (end - start).TotalMilliseconds);
        html.Append("<table style=\"border-collapse:collapse;font-size:12px;width:100%\"><tr><th style=\"text-align:left\">span</th><th style=\"text-align:left\">worker</th><th style=\"text-align:right\">start ms</th><th style=\"text-align:right\">ms</th><th style=\"width:45%\"></th></tr>");
        foreach (var s in trace.Spans)
        {
            var offset = (s.Start - start).TotalMilliseconds;
            var left = 100 * offset / total;
            var width = Math.Max(0.2, 100 * s.DurationMs / total);
            var color = s.Status == "Error" ? "#b3261e" : s.Source == Core.Telemetry.TesseraTelemetry.Name ? "#2451b7" : "#7a8699";
            html.Append("<tr><td>").Append(Enc(s.Name)).Append("</td><td>").Append(Enc(s.Worker)).Append("</td>")
                .Append(CultureInfo.InvariantCulture, $"<td style=\"text-align:right\">{offset:0}</td><td style=\"text-align:right\">{s.DurationMs:0.0}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><div style=\"position:relative;height:10px;background:#eef1f5\"><div style=\"position:absolute;left:{left:0.##}%;width:{width:0.##}%;height:10px;background:{color}\"></div></div></td></tr>");
        }

        return html.Append("</table></section>").ToString();
    }

    /// <summary>The report with the run's timeline inserted before its end (the stored report.html stays as written).</summary>
    public static byte[] WithTimeline(byte[] reportHtml, ForensicTraceDocument trace)
    {
        ArgumentNullException.ThrowIfNull(reportHtml);
        var text = Encoding.UTF8.GetString(reportHtml);
        var at = text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var section = TimelineHtml(trace);
        return Encoding.UTF8.GetBytes(at < 0 ? text + section : text[..at] + section + text[at..]);
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
