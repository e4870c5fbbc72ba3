namespace Tessera.Storage.Lakehouse;

/// <summary>Where the lakehouse lives and the thresholds of its health registry.</summary>
public sealed record LakehouseOptions
{
    public string Container { get; init; } = LakehouseLayout.DefaultContainer;

    /// <summary>A symbol whose last bar is older than this (relative to the injected clock) is stale.</summary>
    public TimeSpan StaleThreshold { get; init; } = TimeSpan.FromHours(168);

    /// <summary>A symbol with any daily |close/prev close - 1| above this is toxic.</summary>
    public double ToxicAbsReturn { get; init; } = 5.0;

    /// <summary>How often an import re-reads and re-merges after losing a compare-and-swap race.</summary>
    public int MaxCommitAttempts { get; init; } = 10;

    /// <summary>Concurrent blob transfers when loading or writing many symbols.</summary>
    public int Parallelism { get; init; } = 16;
}
