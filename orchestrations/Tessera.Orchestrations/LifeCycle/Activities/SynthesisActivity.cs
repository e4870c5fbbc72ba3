using Tessera.Core.Contracts;
using Tessera.Core.LifeCycle;
using Tessera.Orchestrations.Artifacts;
using Tessera.Core.Portfolio.Synthesis;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Universe;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 5 (L3, <see cref="SynthesisStep"/>): every selected (asset, direction) becomes one atom per logic of the
/// profile; hold atoms earn the normalized asset return, strategy atoms earn it while the strategy holds a position
/// (filled at the next open); streams are aligned to the L0 calendar and atoms that never hold a position are
/// dropped (recorded). Strategy logics need the bars: the universe is reloaded and must have the fingerprint the
/// foundation step recorded. Writes synthesis/streams.json. With the profile's <c>contracts</c> section every atom is
/// held to the L3 contract (<see cref="AtomStreamContract"/>: one logic per atom; hold atoms exactly r or
/// -clip(r, upper = 1); every stream finite and >= -1), findings in contracts/l3_synthesis.json; lenient mode drops a
/// failing atom (recorded with the dropped atoms), strict fails the run.
/// </summary>
public static class SynthesisActivity
{
    public static async Task<SynthesisOutput> RunAsync(SynthesisInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var selected = await services.Artifacts.ReadJsonAsync<CandidatesArtifact>(input.RunId, input.Enriched, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market, cancellationToken).ConfigureAwait(false);
        var assets = new List<SynthesisAsset>(selected.Candidates.Count);
        foreach (var c in selected.Candidates)
        {
            assets.Add(new SynthesisAsset(c.Symbol, c.Direction, c.Metadata.TryGetValue(EnrichmentActivity.SectorKey, out var s) ? s : string.Empty));
        }

        var logics = input.Profile.Synthesis.Logics;
        var strategyAtoms = SynthesisStep.StrategyAtoms(assets, logics);
        var strategyStreams = strategyAtoms.Count == 0
            ? []
            : SynthesisStep.SynthesizeStrategies(strategyAtoms, await ReloadBarsAsync(input, services, cancellationToken).ConfigureAwait(false));
        var result = SynthesisStep.Run(market.Timestamps, market.Symbols, market.Returns, assets, logics, strategyStreams, SelectionSettings.MinimumCandidates);
        ArtifactRecord? report = null;
        if (input.Profile.Contracts is { } contracts)
        {
            var before = result.Atoms.Length;
            var findings = new ContractFindings(contracts.Mode);
            result = CheckAtoms(result, market, findings);
            report = await services.Artifacts.WriteJsonAsync(
                input.RunId,
                "contracts/l3_synthesis.json",
                new ContractReportArtifact("L3", ContractRules.AtomStreamInverted, contracts.Mode, before, before - result.Atoms.Length, findings.Violations),
                cancellationToken).ConfigureAwait(false);
        }

        var descriptors = new List<AtomDescriptor>(result.Descriptors.Count);
        foreach (var d in result.Descriptors)
        {
            descriptors.Add(new AtomDescriptor(d.Atom, d.Symbol, d.Logic, d.Direction, d.Sector, d.DaysInPosition));
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId, "synthesis/streams.json", new StreamsArtifact(market.Timestamps, result.Atoms, result.Streams, descriptors, result.Dropped), cancellationToken).ConfigureAwait(false);
        return new SynthesisOutput(artifact, result.Atoms.Length, market.Timestamps.Length, result.Dropped.Count, report);
    }

    /// <summary>L3 on every atom; the atoms that fail (lenient mode) leave the result and join its dropped list.</summary>
    private static SynthesisResult CheckAtoms(SynthesisResult result, MarketArtifact market, ContractFindings findings)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < market.Symbols.Length; j++)
        {
            column[market.Symbols[j]] = j;
        }

        var atoms = new List<string>(result.Atoms.Length);
        var streams = new List<double[]>(result.Atoms.Length);
        var descriptors = new List<SynthesizedAtom>(result.Atoms.Length);
        var dropped = new List<string>(result.Dropped);
        for (var a = 0; a < result.Atoms.Length; a++)
        {
            var d = result.Descriptors[a];
            var held = d.Logic == AtomLogic.HoldName;
            var ok = AtomStreamContract.CheckName(d.Atom, findings)
                && AtomStreamContract.Check(d.Atom, d.Direction, held, market.Returns[column[d.Symbol]], result.Streams[a], market.Timestamps, findings);
            if (ok)
            {
                atoms.Add(result.Atoms[a]);
                streams.Add(result.Streams[a]);
                descriptors.Add(d);
            }
            else
            {
                dropped.Add($"{d.Atom}: {findings.Violations[^1].Rule}");
            }
        }

        if (atoms.Count < SelectionSettings.MinimumCandidates)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("synthesis.atoms", atoms.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"fewer than {SelectionSettings.MinimumCandidates} atoms pass the L3 contract");
        }

        return new SynthesisResult([.. atoms], [.. streams], descriptors, dropped);
    }

    /// <summary>The universe's bars, reloaded from the same source (synthetic seed or pinned snapshot) and checked against the foundation's fingerprint.</summary>
    private static async Task<IReadOnlyList<Tessera.Core.Data.BarSeries>> ReloadBarsAsync(SynthesisInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        var universe = await UniverseLoader.LoadAsync(input.Profile.Universe, input.Snapshot, services.Lakehouse, cancellationToken).ConfigureAwait(false);
        var fingerprint = MarketFingerprint.Of(universe.Bars);
        if (fingerprint != input.DataFingerprint)
        {
            throw new InvalidOperationException($"the universe reloaded for synthesis has fingerprint {fingerprint}, not the foundation's {input.DataFingerprint}");
        }

        return universe.Bars;
    }
}
