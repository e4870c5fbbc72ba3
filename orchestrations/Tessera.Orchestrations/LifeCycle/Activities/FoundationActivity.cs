using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.Contracts;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Profiles;
using Tessera.Storage.Lakehouse;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 1 (L0): build the universe's bars, fingerprint them, apply the foundation gate, write market/returns.json.</summary>
public static class FoundationActivity
{
    public static async Task<FoundationOutput> RunAsync(StepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var universe = input.Profile.Universe;
        var market = universe.Source switch
        {
            "synthetic" => FromSynthetic(universe),
            "lakehouse" => await FromLakehouseAsync(input, services, cancellationToken).ConfigureAwait(false),
            _ => throw new TesseraValidationException("universe.source", universe.Source, "must be synthetic or lakehouse"),
        };
        var fingerprint = MarketFingerprint.Of(market.Bars);

        // L0: UTC, sorted, unique, finite, OHLC-consistent bars; density rule; inner join; toxic |r| > 5 dropped and recorded.
        var built = ReturnsMatrixBuilder.Build(market.Bars, new ReturnsOptions { Mode = ContractMode.Lenient, DailyBars = true });
        var frame = built.Matrix;
        var sectorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in market.Metadata)
        {
            sectorOf[m.Identity] = m.Sector;
        }

        var symbols = frame.Symbols.ToArray();
        var sectors = new string[symbols.Length];
        for (var i = 0; i < sectors.Length; i++)
        {
            sectors[i] = sectorOf[symbols[i]];
        }

        var adv = AverageDollarVolumes(market.Bars, symbols);
        var warnings = 0;
        foreach (var v in built.Violations)
        {
            warnings += v.Severity == ViolationSeverity.Warning ? 1 : 0;
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId, "market/returns.json", new MarketArtifact(frame.Dates, symbols, sectors, frame.Columns, adv), cancellationToken).ConfigureAwait(false);
        var report = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "market/l0_report.json",
            new
            {
                source = universe.Source,
                lakehouse_snapshot = input.Snapshot,
                seed = universe.Seed,
                data_fingerprint = fingerprint,
                assets_in = market.Bars.Count,
                assets_out = symbols.Length,
                union_calendar_days = built.UnionCalendarLength,
                dropped_assets = built.DroppedAssets,
                dropped_dates = built.DroppedDates,
                violations = built.Violations,
            },
            cancellationToken).ConfigureAwait(false);
        var dropped = new List<string>(built.DroppedAssets.Count);
        foreach (var d in built.DroppedAssets)
        {
            dropped.Add($"{d.Symbol}: {d.Rule} ({d.Detail})");
        }

        return new FoundationOutput(artifact, report, fingerprint, symbols.Length, frame.Rows, dropped, warnings, input.Snapshot);
    }

    /// <summary>Mean of close x volume over each asset's last 20 bars (the liquidity floor's input).</summary>
    private static double[] AverageDollarVolumes(IReadOnlyList<BarSeries> bars, string[] symbols)
    {
        var bySymbol = new Dictionary<string, BarSeries>(StringComparer.Ordinal);
        foreach (var b in bars)
        {
            bySymbol[b.Symbol] = b;
        }

        var adv = new double[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            var s = bySymbol[symbols[i]];
            var window = Math.Min(20, s.Count);
            for (var t = s.Count - window; t < s.Count; t++)
            {
                adv[i] += s.Close[t] * s.Volume[t] / window;
            }
        }

        return adv;
    }

    private static UniverseBars FromSynthetic(UniverseSettings universe)
    {
        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(universe.Symbols, universe.Days, universe.Seed) { Sectors = universe.Sectors });
        return new UniverseBars(market.Bars, market.Symbols);
    }

    /// <summary>
    /// The pinned snapshot's symbols (toxic ones excluded), at most universe.symbols of them in canonical order,
    /// each cut to its bars within the last universe.days dates of the snapshot's calendar.
    /// </summary>
    private static async Task<UniverseBars> FromLakehouseAsync(StepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        var lake = services.Lakehouse ?? throw new TesseraValidationException("universe.source", "lakehouse", "this host has no lakehouse configured");
        var lineage = input.Snapshot ?? throw new TesseraValidationException("snapshot", null, "a lakehouse run needs the snapshot pinned at start");
        var snapshot = await lake.OpenSnapshotAsync(lineage, cancellationToken).ConfigureAwait(false);
        var loaded = await LakehouseUniverse.LoadAsync(snapshot, UniverseFilter.ExcludeToxic, cancellationToken).ConfigureAwait(false);
        var take = Math.Min(loaded.Bars.Count, input.Profile.Universe.Symbols);
        var dates = new SortedSet<long>();
        for (var i = 0; i < take; i++)
        {
            dates.UnionWith(loaded.Bars[i].Timestamps);
        }

        var window = dates.Reverse().Take(input.Profile.Universe.Days).LastOrDefault();
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

    private sealed record UniverseBars(IReadOnlyList<BarSeries> Bars, IReadOnlyList<SymbolMetadata> Metadata);
}

/// <summary>SHA-256 of the canonical little-endian bytes of every bar (symbol, then t,o,h,l,c,v columns), in order.</summary>
public static class MarketFingerprint
{
    public static string Of(IReadOnlyList<BarSeries> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var s in bars)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(s.Symbol + "\n"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Timestamps.AsSpan()));
            foreach (var column in new[] { s.Open, s.High, s.Low, s.Close, s.Volume })
            {
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(column.AsSpan()));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
