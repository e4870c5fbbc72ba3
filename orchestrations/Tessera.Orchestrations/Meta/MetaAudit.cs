using System.Text;
using System.Text.Json;
using Tessera.Core.Determinism;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.Meta;

/// <summary>
/// audit.jsonl of a meta run: one JSON line per decision (gates passed or failed, choices), in the order taken, each
/// with the run's trace id; written before the manifest so the manifest hashes it. On a failed run it is the last
/// artifact written, its final line the failure. (A self-contained writer of the meta room; the life cycle's audit
/// writer is a separate piece of work and the two are meant to be unified.)
/// </summary>
public static class MetaAudit
{
    public const string Path = "audit.jsonl";

    /// <summary>
    /// The run's trace id: 32 lowercase hex digits (a W3C trace id) derived from the run id, SHA-256("tessera-run:" +
    /// run id), so a run's audit lines, report and manifest carry the same id on every host and in every replay.
    /// </summary>
    public static string TraceId(string runId) => Sha256Hex.Of(Encoding.UTF8.GetBytes("tessera-run:" + runId))[..32];

    public static byte[] Render(string runId, IReadOnlyList<MetaDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var trace = TraceId(runId);
        using var buffer = new MemoryStream();
        for (var i = 0; i < decisions.Count; i++)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("trace_id", trace);
                writer.WriteString("run_id", runId);
                writer.WriteNumber("seq", i + 1);
                writer.WriteString("stage", decisions[i].Stage);
                writer.WriteString("decision", decisions[i].Decision);
                writer.WriteString("detail", decisions[i].Detail);
                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public static Task<ArtifactRecord> WriteAsync(RunArtifactStore store, string runId, IReadOnlyList<MetaDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync(runId, Path, Render(runId, decisions), "application/x-ndjson", cancellationToken);
    }
}
