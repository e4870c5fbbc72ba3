using Tessera.Core.Data;

namespace Tessera.Storage.Lakehouse;

/// <summary>Bars to merge into the lakehouse, where they came from, and optional per-symbol metadata (sector, asset type).</summary>
public sealed record LakehouseImportRequest(IReadOnlyList<BarSeries> Series, string Source)
{
    /// <summary>SHA-256 of the source file(s), recorded in the lineage.</summary>
    public string? SourceSha256 { get; init; }

    public string Operation { get; init; } = "import";

    /// <summary>
    /// When true, a symbol that is stale (last bar older than <see cref="LakehouseOptions.StaleThreshold"/>) and
    /// receives no new bar makes the import fail (<see cref="LakehouseImportOutcome.Failures"/>), as a live feed
    /// should. Default false: an import merges what it is given; freshness is the separate audit
    /// (<see cref="FreshnessAudit"/>, <c>tessera data audit</c>), so re-importing a historical file succeeds unchanged.
    /// </summary>
    public bool RequireFresh { get; init; }

    /// <summary>Keyed by <see cref="BarSeries.Symbol"/>.</summary>
    public IReadOnlyDictionary<string, SymbolMetadata>? Metadata { get; init; }
}
