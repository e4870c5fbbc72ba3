using Tessera.Core.Errors;

namespace Tessera.Core.Regime.Hmm;

/// <summary>The HMM's reading at the last observation: the regime by FILTERED probability (no look-ahead) and the fitted model.</summary>
public sealed record HmmRegimeReading(HmmRegime Regime, IReadOnlyList<double> FilteredProbabilities, IReadOnlyList<HmmRegime> Labels, HmmFit Fit);

/// <summary>
/// The life cycle's HMM regime: fit a Gaussian HMM on the daily log returns log(1 + r) of a series of simple returns and
/// take the state with the highest filtered probability at the last day. Filtered, not smoothed or Viterbi: those use
/// the whole series, which a regime decided "today" could not have known.
/// </summary>
public static class HmmRegimeStep
{
    public static HmmRegimeReading Classify(ReadOnlySpan<double> simpleReturns, HmmFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logReturns = new double[simpleReturns.Length];
        for (var i = 0; i < simpleReturns.Length; i++)
        {
            var r = simpleReturns[i];
            if (!double.IsFinite(r) || r <= -1)
            {
                throw new TesseraValidationException($"returns[{i}]", r.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "simple returns must be finite and > -1");
            }

            logReturns[i] = Math.Log(1 + r);
        }

        var fit = GaussianHmmFitter.Fit(logReturns, options);
        var posterior = HmmInference.ForwardBackward(fit.Parameters, logReturns);
        var last = logReturns.Length - 1;
        var k = fit.Parameters.States;
        var probabilities = new double[k];
        var best = 0;
        for (var s = 0; s < k; s++)
        {
            probabilities[s] = posterior.Filtered[last, s];
            if (probabilities[s] > probabilities[best])
            {
                best = s;
            }
        }

        var labels = HmmRegimeLabels.For(fit.Parameters);
        return new HmmRegimeReading(labels[best], probabilities, labels, fit);
    }
}
