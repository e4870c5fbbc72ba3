using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Backtests;

/// <summary>
/// What the BacktestRun orchestration is started with: the parsed request, the universe it resolved to and, for
/// lakehouse data, the snapshot pinned before the start (a run never sees later imports), with a label for reports.
/// </summary>
public sealed record BacktestRunInput(string RunId, BacktestRequest Request, UniverseSettings Universe, SnapshotLineage? Snapshot, string Source, DateTime StartedAtUtc);

/// <summary>The compute step's result: the artifacts it wrote and the headline figures of the job.</summary>
public sealed record BacktestComputed(IReadOnlyList<ArtifactRecord> Artifacts, IReadOnlyDictionary<string, string> Headline);

public sealed record BacktestSealInput(BacktestRunInput Run, BacktestComputed Computed);

/// <summary>The run's output (GET /api/backtests/{id} when completed): where each artifact is and the manifest that lists them.</summary>
public sealed record BacktestRunOutput(string RunId, string Kind, IReadOnlyList<ArtifactRecord> Artifacts, ArtifactRecord Manifest, IReadOnlyDictionary<string, string> Headline);

/// <summary>manifest.json of a backtest run: what ran, on which data (the pinned snapshot for lakehouse data), and the SHA-256 of every artifact.</summary>
public sealed record BacktestManifest(
    string RunId,
    string Workflow,
    string Kind,
    string Strategy,
    string? Params,
    string? Grid,
    string? Method,
    string Source,
    SnapshotLineage? LakehouseSnapshot,
    DateTime StartedAtUtc,
    IReadOnlyList<ArtifactRecord> Artifacts)
{
    public int ManifestVersion { get; init; } = 1;

    /// <summary>The strategy preset the run used (kind backtest); absent from the JSON when none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Preset { get; init; }
}
