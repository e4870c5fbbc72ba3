using Tessera.Core.Data;

namespace Tessera.Storage.Lakehouse;

/// <summary>Bars to merge into the lakehouse, where they came from, and optional per-symbol metadata (sector, asset type).</summary>
public sealed record LakehouseImportRequest(IReadOnlyList<BarSeries> Series, string Source)
{
    /// <summary>SHA-256 of the source file(s), recorded in the lineage.</summary>
    public string? SourceSha256 { get; init; }

    public string Operation { get; init; } = "import";

    /// <summary>Keyed by <see cref="BarSeries.Symbol"/>.</summary>
    public IReadOnlyDictionary<string, SymbolMetadata>? Metadata { get; init; }
}
