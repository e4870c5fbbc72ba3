using Tessera.Orchestrations.Artifacts;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.LifeCycle;

/// <summary>What the life cycle's activities need from the outside world; built once per host.</summary>
/// <param name="artifacts">where runs write (runs/&lt;run_id&gt;/).</param>
/// <param name="lakehouse">the master lakehouse, read through pinned snapshots only; null when the host has none.</param>
/// <param name="runIndex">the run index the report step updates when the run completes; null when the host keeps none.</param>
public sealed class LifeCycleServices(RunArtifactStore artifacts, Lakehouse? lakehouse = null, Runs.RunIndex? runIndex = null)
{
    public Runs.RunIndex? RunIndex { get; } = runIndex;

    public RunArtifactStore Artifacts { get; } = artifacts;

    public Lakehouse? Lakehouse { get; } = lakehouse;

    /// <summary>Where the run's spans are sealed into forensic_trace.json; null: the host records no spans.</summary>
    public Telemetry.ForensicTrace? Trace { get; init; }
}
