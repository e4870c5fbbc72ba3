using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Synthesis;
using Tessera.Core.Signals;
using Tessera.Orchestrations.Profiles;
using Tessera.Orchestrations.Universe;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 5 (L3): every selected (asset, direction) becomes one atom per logic of the profile, each atom with
/// exactly one logic. "hold" atoms earn the asset's return every day; strategy atoms earn it only while the
/// strategy (from the strategy library) holds a position in the atom's direction, filled at the next open
/// (Tessera.Core.Portfolio.Synthesis). Streams are normalized LONG r, SHORT -clip(r, upper = 1) and aligned to
/// the L0 calendar. Atoms that never hold a position have no risk to allocate and are dropped (recorded).
/// </summary>
public static class SynthesisActivity
{
    public static async Task<SynthesisOutput> RunAsync(SynthesisInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var selected = await services.Artifacts.ReadJsonAsync<CandidatesArtifact>(input.RunId, input.Enriched, cancellationToken).ConfigureAwait(false);
        var market = await services.Artifacts.ReadJsonAsync<MarketArtifact>(input.RunId, input.Market, cancellationToken).ConfigureAwait(false);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < market.Symbols.Length; i++)
        {
            column[market.Symbols[i]] = i;
        }

        var logics = input.Profile.Synthesis.Logics;
        var strategyStreams = await StrategyStreamsAsync(input, selected.Candidates, services, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        var streams = new List<double[]>();
        var descriptors = new List<AtomDescriptor>();
        var dropped = new List<string>();
        foreach (var c in selected.Candidates)
        {
            var direction = c.Direction == "SHORT" ? SignalSide.Short : SignalSide.Long;
            var sector = c.Metadata.TryGetValue("sector", out var s) ? s : string.Empty;
            foreach (var logic in logics)
            {
                var atom = $"{c.Symbol}|{logic}|{c.Direction}";
                double[] stream;
                int daysInPosition;
                if (logic == SynthesisSettings.Hold)
                {
                    var returns = market.Returns[column[c.Symbol]];
                    stream = new double[returns.Length];
                    AtomStream.Normalize(returns, direction, stream);
                    daysInPosition = returns.Length;
                }
                else
                {
                    var synthetic = strategyStreams[new StrategyAtom(c.Symbol, logic, direction).Key];
                    stream = AlignToCalendar(synthetic, market.Timestamps);
                    daysInPosition = synthetic.BarsInPosition;
                }

                if (IsConstant(stream))
                {
                    dropped.Add($"{atom}: never in position over the sample (no risk to allocate)");
                    continue;
                }

                names.Add(atom);
                streams.Add(stream);
                descriptors.Add(new AtomDescriptor(atom, c.Symbol, logic, c.Direction, sector, daysInPosition));
            }
        }

        if (names.Count < SelectionSettings.MinimumCandidates)
        {
            throw new TesseraValidationException("synthesis.atoms", names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"fewer than {SelectionSettings.MinimumCandidates} atoms have a position at all");
        }

        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId, "synthesis/streams.json", new StreamsArtifact(market.Timestamps, [.. names], [.. streams], descriptors, dropped), cancellationToken).ConfigureAwait(false);
        return new SynthesisOutput(artifact, names.Count, market.Timestamps.Length, dropped);
    }

    /// <summary>
    /// Runs the strategy logics (if any) over the selected assets' bars. The bars are reloaded from the same
    /// universe (synthetic seed or pinned snapshot) and must have the fingerprint the foundation step recorded.
    /// </summary>
    private static async Task<Dictionary<string, SyntheticStream>> StrategyStreamsAsync(SynthesisInput input, IReadOnlyList<Candidate> selected, LifeCycleServices services, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, SyntheticStream>(StringComparer.Ordinal);
        var strategyLogics = input.Profile.Synthesis.Logics.Where(l => l != SynthesisSettings.Hold).ToList();
        if (strategyLogics.Count == 0)
        {
            return result;
        }

        var universe = await UniverseLoader.LoadAsync(input.Profile.Universe, input.Snapshot, services.Lakehouse, cancellationToken).ConfigureAwait(false);
        var fingerprint = MarketFingerprint.Of(universe.Bars);
        if (fingerprint != input.DataFingerprint)
        {
            throw new InvalidOperationException($"the universe reloaded for synthesis has fingerprint {fingerprint}, not the foundation's {input.DataFingerprint}");
        }

        var wanted = new HashSet<string>(selected.Select(c => c.Symbol), StringComparer.Ordinal);
        var bars = new List<BarSeries>();
        foreach (var b in universe.Bars)
        {
            if (wanted.Contains(b.Symbol))
            {
                bars.Add(b);
            }
        }

        var atoms = new List<StrategyAtom>();
        foreach (var c in selected)
        {
            foreach (var logic in strategyLogics)
            {
                atoms.Add(new StrategyAtom(c.Symbol, logic, c.Direction == "SHORT" ? SignalSide.Short : SignalSide.Long));
            }
        }

        foreach (var stream in new AtomSynthesizer().Synthesize(atoms, bars))
        {
            result[stream.Atom.Key] = stream;
        }

        return result;
    }

    /// <summary>The stream's value on each date of the L0 calendar (the return earned on that date).</summary>
    private static double[] AlignToCalendar(SyntheticStream stream, long[] calendar)
    {
        var byTime = new Dictionary<long, double>(stream.Timestamps.Length);
        for (var t = 0; t < stream.Timestamps.Length; t++)
        {
            byTime[stream.Timestamps[t]] = stream.Returns[t];
        }

        var aligned = new double[calendar.Length];
        for (var t = 0; t < calendar.Length; t++)
        {
            aligned[t] = byTime.TryGetValue(calendar[t], out var r) ? r : 0.0;
        }

        return aligned;
    }

    private static bool IsConstant(double[] values)
    {
        for (var t = 1; t < values.Length; t++)
        {
            if (values[t] != values[0])
            {
                return false;
            }
        }

        return true;
    }
}
