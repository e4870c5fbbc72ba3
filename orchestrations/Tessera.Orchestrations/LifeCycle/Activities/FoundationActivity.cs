using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>Step 1 (L0): build the universe's bars, fingerprint them, apply the foundation gate, write market/returns.json.</summary>
public static class FoundationActivity
{
    public static async Task<FoundationOutput> RunAsync(StepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var universe = input.Profile.Universe;
        if (universe.Source != "synthetic")
        {
            throw new TesseraValidationException("universe.source", universe.Source, "only the synthetic source is wired into the life cycle so far");
        }

        var market = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(universe.Symbols, universe.Days, universe.Seed) { Sectors = universe.Sectors });
        var fingerprint = MarketFingerprint.Of(market.Bars);
        var frame = FoundationGate.Apply(market.Bars);
        var sectorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in market.Symbols)
        {
            sectorOf[m.Identity] = m.Sector;
        }

        var sectors = new string[frame.Symbols.Length];
        for (var i = 0; i < sectors.Length; i++)
        {
            sectors[i] = sectorOf[frame.Symbols[i]];
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId, "market/returns.json", new MarketArtifact(frame.Timestamps, frame.Symbols, sectors, frame.Returns), cancellationToken).ConfigureAwait(false);
        var report = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "market/l0_report.json",
            new { source = universe.Source, seed = universe.Seed, data_fingerprint = fingerprint, assets_in = market.Bars.Count, assets_out = frame.Symbols.Length, dropped = frame.Dropped, return_warnings = frame.ReturnWarnings },
            cancellationToken).ConfigureAwait(false);
        var dropped = new List<string>(frame.Dropped.Count);
        foreach (var d in frame.Dropped)
        {
            dropped.Add($"{d.Symbol}: {d.Rule} ({d.Detail})");
        }

        return new FoundationOutput(artifact, report, fingerprint, frame.Symbols.Length, frame.Timestamps.Length, dropped, frame.ReturnWarnings);
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
