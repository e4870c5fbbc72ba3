using Tessera.Orchestrations.Artifacts;
using Tessera.Storage.Blobs;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Backtests;

/// <summary>What backtest runs need from the outside world; built once per host (local runtime, Functions app).</summary>
/// <param name="blobs">the storage runs write to (runs/&lt;run_id&gt;/) and the lakehouse lives in.</param>
/// <param name="lakehouse">the master lakehouse, read through pinned snapshots only; null when the host has none.</param>
public sealed class BacktestServices(IBlobStore blobs, Lakehouse? lakehouse = null)
{
    public IBlobStore Blobs { get; } = blobs;

    public RunArtifactStore Artifacts { get; } = new(blobs);

    public Lakehouse? Lakehouse { get; } = lakehouse;
}
