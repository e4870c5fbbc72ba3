using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle;

/// <summary>What the life cycle's activities need from the outside world; built once per host.</summary>
public sealed class LifeCycleServices(RunArtifactStore artifacts)
{
    public RunArtifactStore Artifacts { get; } = artifacts;
}
