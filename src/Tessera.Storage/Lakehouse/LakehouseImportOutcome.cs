using Tessera.Core.Data;

namespace Tessera.Storage.Lakehouse;

/// <summary>Per-symbol effect of an import.</summary>
public sealed record SymbolImportResult(string Symbol, MergeStats Stats, bool Stale, bool Toxic);

/// <summary>
/// Result of <see cref="Lakehouse.ImportAsync"/>. <see cref="Published"/> is false when nothing changed (re-import
/// of the same data: <see cref="Version"/> is the unchanged current version). <see cref="Failures"/> is filled only
/// for a request with <see cref="LakehouseImportRequest.RequireFresh"/>: symbols that are stale and received no new
/// bar, and such an import is reported as failed (<see cref="Succeeded"/> false) even though other symbols may have
/// been merged. Without it, staleness is only reported (<see cref="StaleSymbols"/>), never a failure.
/// </summary>
public sealed class LakehouseImportOutcome
{
    public LakehouseImportOutcome(int baseVersion, int version, bool published, int attempts, IReadOnlyList<SymbolImportResult> symbols, IReadOnlyList<string> failures, IReadOnlyList<HealthEntry> health)
    {
        BaseVersion = baseVersion;
        Version = version;
        Published = published;
        Attempts = attempts;
        Symbols = symbols;
        Failures = failures;
        Health = health;
    }

    public int BaseVersion { get; }

    public int Version { get; }

    public bool Published { get; }

    public int Attempts { get; }

    public IReadOnlyList<SymbolImportResult> Symbols { get; }

    public IReadOnlyList<string> Failures { get; }

    /// <summary>The health registry of the resulting version.</summary>
    public IReadOnlyList<HealthEntry> Health { get; }

    public bool Succeeded => Failures.Count == 0;

    public long BarsAdded => Symbols.Sum(s => (long)s.Stats.Added);

    public long BarsReplaced => Symbols.Sum(s => (long)s.Stats.Replaced);

    public int SymbolsChanged => Symbols.Count(s => s.Stats.Changed);

    /// <summary>Imported symbols whose last bar is older than the stale threshold (a notice, see <c>tessera data audit</c>).</summary>
    public int StaleSymbols => Symbols.Count(s => s.Stale);
}
