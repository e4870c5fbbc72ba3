using Tessera.Core.Contracts;
using Tessera.Core.LifeCycle;
using Tessera.Core.Regime.Hmm;
using Tessera.Orchestrations.Artifacts;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 6: realized-volatility quadrant of the equal-weighted atom basket (<see cref="RegimeStep"/>), written to
/// regime/regime.json; with regime.model hmm also the Gaussian HMM fitted on the same basket (<see cref="HmmRegimeStep"/>),
/// written with its fit date and version to regime/hmm.json, and then the HMM's label is the run's regime. With the
/// profile's <c>contracts</c> section the HMM's probabilities (filtered state probabilities, initial distribution,
/// transition matrix) are held to the L2 contract, [0, 1], findings in contracts/l2_regime.json.
/// </summary>
public static class RegimeActivity
{
    public static async Task<RegimeOutput> RunAsync(ArtifactStepInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(services);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Input, cancellationToken).ConfigureAwait(false);
        var settings = input.Profile.Regime;
        var regime = RegimeStep.Classify(streams.Streams, settings.ShortWindowDays, settings.LongWindowDays);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "regime/regime.json",
            new RegimeArtifact(regime.Quadrant, regime.Level.ToString(), regime.Trend.ToString(), regime.ShortVolatility, regime.LongVolatility, regime.PreviousShortVolatility, settings.ShortWindowDays, settings.LongWindowDays, RegimeStep.Series),
            cancellationToken).ConfigureAwait(false);
        if (settings.Hmm is not { } hmm)
        {
            return new RegimeOutput(artifact, regime.Quadrant, regime.ShortVolatility, regime.LongVolatility);
        }

        var basket = RegimeStep.EqualWeightedBasket(streams.Streams);
        var reading = HmmRegimeStep.Classify(basket, new HmmFitOptions(hmm.States, hmm.Restarts, Seed: hmm.Seed));
        var label = reading.Regime.ToString().ToLowerInvariant();
        var p = reading.Fit.Parameters;
        var states = new List<HmmStateArtifact>(p.States);
        for (var s = 0; s < p.States; s++)
        {
            var row = new double[p.States];
            for (var j = 0; j < p.States; j++)
            {
                row[j] = p.Transition[s, j];
            }

            states.Add(new HmmStateArtifact(reading.Labels[s].ToString().ToLowerInvariant(), p.Means[s], Math.Sqrt(p.Variances[s]), p.Initial[s], row, reading.FilteredProbabilities[s]));
        }

        var fitThrough = DateTime.UnixEpoch.AddMilliseconds(streams.Timestamps[^1]).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var hmmArtifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "regime/hmm.json",
            new HmmArtifact(HmmArtifact.ModelVersion, label, fitThrough, basket.Length, reading.Fit.LogLikelihood, reading.Fit.Iterations, reading.Fit.Converged, hmm.Restarts, hmm.Seed, states, RegimeStep.Series),
            cancellationToken).ConfigureAwait(false);
        ArtifactRecord? report = null;
        if (input.Profile.Contracts is { } contracts)
        {
            var findings = new ContractFindings(contracts.Mode);
            var checkedCount = 0;
            foreach (var state in states)
            {
                InferenceContract.CheckProbability("regime." + state.Label, "filtered_probability", state.FilteredProbability, findings);
                InferenceContract.CheckProbability("regime." + state.Label, "initial", state.Initial, findings);
                for (var j = 0; j < state.TransitionRow.Length; j++)
                {
                    InferenceContract.CheckProbability("regime." + state.Label, "transition_row[" + j.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", state.TransitionRow[j], findings);
                }

                checkedCount += 2 + state.TransitionRow.Length;
            }

            report = await services.Artifacts.WriteJsonAsync(
                input.RunId,
                "contracts/l2_regime.json",
                new ContractReportArtifact("L2", ContractRules.ProbabilityRange, contracts.Mode, checkedCount, 0, findings.Violations),
                cancellationToken).ConfigureAwait(false);
        }

        return new RegimeOutput(artifact, label, regime.ShortVolatility, regime.LongVolatility, hmmArtifact, report);
    }
}
