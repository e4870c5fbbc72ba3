using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tessera.Orchestrations.Artifacts;

/// <summary>
/// One production decision of a run: a gate passed or failed, a choice made (universe, estimator, optimizer,
/// constraints), a contract verdict, or a link to evidence (a coverage artifact). <see cref="Artifact"/> references
/// the artifact the decision is recorded in or proven by (path + SHA-256), so the trail links the evidence the
/// promotion gate reads.
/// </summary>
public sealed record AuditRecord(
    string Step,
    string Kind,
    string Name,
    string Outcome,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Artifact = null);

/// <summary>Kinds and outcomes of <see cref="AuditRecord"/>, spelled once.</summary>
public static class AuditKinds
{
    public const string Gate = "gate";
    public const string Choice = "choice";
    public const string Contract = "contract";
    public const string Evidence = "evidence";

    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Chosen = "chosen";
    public const string Linked = "linked";

    /// <summary>A sleeve run of a meta that completed (a sub-orchestration) or was taken as pinned.</summary>
    public const string Completed = "completed";
    public const string Pinned = "pinned";

    /// <summary>The evidence name of a coverage artifact (what the promotion gate looks for).</summary>
    public const string Coverage = "coverage";

    /// <summary>The evidence name of the walk-forward out-of-sample report.</summary>
    public const string WalkForward = "walk_forward";
}

/// <summary>
/// audit.jsonl of a run directory: one JSON object per line, each with the run's <c>trace_id</c>, <c>run_id</c>, its
/// sequence number and the decision. Written before the manifest, so the manifest hashes it (and a changed trail
/// no longer matches its run). Deterministic: the same decisions give the same bytes, so a re-executed activity's
/// create-only write is accepted as the same artifact. The one writer of audit.jsonl: the atomic life cycle
/// (<c>LifeCycleAudit</c>) and the meta portfolio (its report and abort activities) both write through it, with the
/// trace id derived from the run id (<see cref="Runs.RunTraceId"/>), the one the run's spans carry.
/// </summary>
public sealed class AuditTrail(string runId, string traceId)
{
    /// <summary>A run's trail under the trace id derived from its run id (every workflow uses this).</summary>
    public AuditTrail(string runId)
        : this(runId, Runs.RunTraceId.Of(runId))
    {
    }

    /// <summary>A run's trail holding these records in order.</summary>
    public static AuditTrail Of(string runId, IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var trail = new AuditTrail(runId);
        foreach (var r in records)
        {
            trail.Add(r);
        }

        return trail;
    }

    public const string FileName = "audit.jsonl";

    private static readonly JsonSerializerOptions LineOptions = new(ArtifactJson.Options) { WriteIndented = false };

    private readonly List<AuditRecord> _records = [];

    public string RunId { get; } = runId;

    public string TraceId { get; } = traceId;

    public IReadOnlyList<AuditRecord> Records => _records;

    public AuditTrail Add(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.Add(record);
        return this;
    }

    public byte[] ToJsonLines()
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < _records.Count; i++)
        {
            var line = new AuditLine(TraceId, RunId, i + 1, _records[i].Step, _records[i].Kind, _records[i].Name, _records[i].Outcome, _records[i].Detail, _records[i].Artifact);
            JsonSerializer.Serialize(buffer, line, LineOptions);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    public Task<ArtifactRecord> WriteAsync(RunArtifactStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync(RunId, FileName, ToJsonLines(), "application/x-ndjson", cancellationToken);
    }

    /// <summary>Reads a run's audit.jsonl back (governance reads the evidence links from it); every line must parse.</summary>
    public static IReadOnlyList<AuditLine> Parse(ReadOnlySpan<byte> jsonl)
    {
        var lines = new List<AuditLine>();
        var number = 0;
        while (!jsonl.IsEmpty)
        {
            var end = jsonl.IndexOf((byte)'\n');
            var line = end < 0 ? jsonl : jsonl[..end];
            jsonl = end < 0 ? [] : jsonl[(end + 1)..];
            number++;
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                lines.Add(JsonSerializer.Deserialize<AuditLine>(line, LineOptions)
                    ?? throw new Tessera.Core.Errors.TesseraValidationException($"audit.jsonl line {number}", "null", "a JSON object"));
            }
            catch (JsonException e)
            {
                throw new Tessera.Core.Errors.TesseraValidationException($"audit.jsonl line {number}", null, "a JSON audit record: " + e.Message);
            }
        }

        return lines;
    }
}

/// <summary>One line of audit.jsonl as written.</summary>
public sealed record AuditLine(
    string TraceId,
    string RunId,
    int Seq,
    string Step,
    string Kind,
    string Name,
    string Outcome,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ArtifactRecord? Artifact = null);
