using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.Universe;

/// <summary>Bars of a universe with each asset's metadata (sector, exchange), in the same order.</summary>
public sealed record UniverseBars(IReadOnlyList<BarSeries> Bars, IReadOnlyList<SymbolMetadata> Metadata);

/// <summary>
/// Loads the bars a profile's universe describes: the deterministic synthetic market, or a pinned lakehouse
/// snapshot (toxic symbols excluded, at most universe.symbols symbols in canonical order, each cut to the last
/// universe.days dates of the snapshot's calendar). The life cycle's foundation step and the backtest CLI's
/// --universe both use it, so a profile means the same data everywhere.
/// </summary>
public static class UniverseLoader
{
    public static async Task<UniverseBars> LoadAsync(UniverseSettings universe, SnapshotLineage? snapshot, Lakehouse? lakehouse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(universe);
        return universe.Source == UniverseSource.Lakehouse
            ? await FromLakehouseAsync(universe, snapshot, lakehouse, cancellationToken).ConfigureAwait(false)
            : FromSynthetic(universe);
    }

    private static UniverseBars FromSynthetic(UniverseSettings universe)
    {
        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(universe.Symbols, universe.Days, universe.Seed) { Sectors = universe.Sectors });
        return new UniverseBars(market.Bars, market.Symbols);
    }

    private static async Task<UniverseBars> FromLakehouseAsync(UniverseSettings universe, SnapshotLineage? lineage, Lakehouse? lakehouse, CancellationToken cancellationToken)
    {
        var lake = lakehouse ?? throw new TesseraValidationException("universe.source", "lakehouse", "this host has no lakehouse configured");
        var pinned = lineage ?? throw new TesseraValidationException("snapshot", null, "a lakehouse universe needs a pinned snapshot");
        var snapshot = await lake.OpenSnapshotAsync(pinned, cancellationToken).ConfigureAwait(false);
        var loaded = await LakehouseUniverse.LoadAsync(snapshot, UniverseFilter.ExcludeToxic, cancellationToken).ConfigureAwait(false);
        var take = Math.Min(loaded.Bars.Count, universe.Symbols);
        var dates = TradingCalendar.Union(loaded.Bars.Take(take).ToList());
        var window = dates.Length == 0 ? 0 : dates[Math.Max(0, dates.Length - universe.Days)];
        var bars = new List<BarSeries>(take);
        var metadata = new List<SymbolMetadata>(take);
        for (var i = 0; i < take; i++)
        {
            var series = loaded.Bars[i];
            var first = Array.FindIndex(series.Timestamps, t => t >= window);
            if (first >= 0)
            {
                bars.Add(series.Slice(first, series.Count - first));
                metadata.Add(loaded.Symbols[i]);
            }
        }

        return new UniverseBars(bars, metadata);
    }
}
