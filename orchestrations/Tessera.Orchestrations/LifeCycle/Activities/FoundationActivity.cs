using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.Contracts;
using Tessera.Orchestrations.Artifacts;
using Tessera.Orchestrations.Universe;
using Tessera.Orchestrations.Profiles;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 1 (L0): build the universe's bars, fingerprint them, apply the foundation gate, write market/returns.json.</summary>
public static class FoundationActivity
{
    public static async Task<FoundationOutput> RunAsync(StepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var universe = input.Profile.Universe;
        var market = await UniverseLoader.LoadAsync(universe, input.Snapshot, services.Lakehouse, cancellationToken).ConfigureAwait(false);
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
