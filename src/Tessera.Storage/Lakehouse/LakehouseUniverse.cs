using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;

namespace Tessera.Storage.Lakehouse;

/// <summary>Which symbols of a snapshot make up the universe.</summary>
public enum UniverseFilter
{
    /// <summary>Everything in the manifest.</summary>
    All = 0,

    /// <summary>Leave out symbols the health registry marks toxic (stale ones stay: old data is fine for research).</summary>
    ExcludeToxic = 1,

    /// <summary>Leave out every symbol in the health registry (toxic or stale).</summary>
    HealthyOnly = 2,
}

/// <summary>
/// The bars a run works on, the metadata of each symbol (same order), the symbols left out with the reason, and
/// the lineage (manifest version + SHA-256) the run must record.
/// </summary>
public sealed record LakehouseUniverse(SnapshotLineage Lineage, IReadOnlyList<BarSeries> Bars, IReadOnlyList<SymbolMetadata> Symbols, IReadOnlyList<HealthEntry> Excluded)
{
    public static async Task<LakehouseUniverse> LoadAsync(LakehouseSnapshot snapshot, UniverseFilter filter = UniverseFilter.ExcludeToxic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var health = snapshot.Manifest.Health.ToDictionary(h => h.Symbol, StringComparer.Ordinal);
        var chosen = new List<string>();
        var excluded = new List<HealthEntry>();
        foreach (var symbol in snapshot.Symbols)
        {
            var leaveOut = health.TryGetValue(symbol, out var h) && (filter == UniverseFilter.HealthyOnly || (filter == UniverseFilter.ExcludeToxic && h.Status == "toxic"));
            if (leaveOut)
            {
                excluded.Add(h!);
            }
            else
            {
                chosen.Add(symbol);
            }
        }

        var bars = await snapshot.LoadManyAsync(chosen, cancellationToken).ConfigureAwait(false);
        var metadata = chosen.Select(s =>
        {
            var e = snapshot.Manifest.Find(s)!;
            return new SymbolMetadata(SymbolId.Parse(s), e.Sector ?? "Unknown", e.AssetType ?? "spot");
        }).ToList();
        return new LakehouseUniverse(snapshot.Lineage, bars, metadata, excluded);
    }

    /// <summary>
    /// Writes a synthetic market (with sector metadata) into the lakehouse; deterministic, so seeding again with the
    /// same spec publishes nothing. This is how the product runs without any real data.
    /// </summary>
    public static Task<LakehouseImportOutcome> SeedSyntheticAsync(Lakehouse lake, SyntheticMarketSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(spec);
        var market = SyntheticMarket.GenerateDaily(spec);
        var request = new LakehouseImportRequest(market.Bars, $"synthetic(symbols={spec.Symbols},days={spec.Days},seed={spec.Seed},sectors={spec.Sectors},start={spec.Start:yyyy-MM-dd})")
        {
            Operation = "generate",
            Metadata = market.Symbols.ToDictionary(m => m.Identity, StringComparer.Ordinal),
        };
        return lake.ImportAsync(request, cancellationToken);
    }
}
