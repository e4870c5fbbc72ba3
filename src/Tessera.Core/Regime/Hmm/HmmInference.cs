using Tessera.Core.Errors;

namespace Tessera.Core.Regime.Hmm;

/// <summary>Forward-backward results: scaled filtered and smoothed state probabilities and the log-likelihood.</summary>
public sealed record HmmPosterior(double[,] Filtered, double[,] Smoothed, double LogLikelihood);

/// <summary>
/// Inference in a <see cref="GaussianHmmParameters"/> model (Rabiner 1989, with per-step scaling so long series do not
/// underflow): the forward pass gives the FILTERED probabilities P(state_t | x_1..t) (what a live system may use: no
/// look-ahead), the backward pass the SMOOTHED ones P(state_t | x_1..T) (for fitting and research only), and
/// <see cref="Viterbi"/> the most likely state path in log space. Rows of the result matrices are time, columns states.
/// </summary>
public static class HmmInference
{
    public static HmmPosterior ForwardBackward(GaussianHmmParameters model, ReadOnlySpan<double> observations)
    {
        var (alpha, beta, logLikelihood) = Passes(model, observations);
        var t = observations.Length;
        var k = model.States;
        var gamma = new double[t, k];
        for (var n = 0; n < t; n++)
        {
            var s = 0.0;
            for (var j = 0; j < k; j++)
            {
                gamma[n, j] = alpha[n, j] * beta[n, j];
                s += gamma[n, j];
            }

            for (var j = 0; j < k; j++)
            {
                gamma[n, j] /= s;
            }
        }

        return new HmmPosterior(alpha, gamma, logLikelihood);
    }

    /// <summary>
    /// The scaled forward (alpha-hat: each row sums to 1, the filtered probabilities) and backward (beta-hat, divided by
    /// the same per-step scales) passes, so alpha-hat(n,i) * beta-hat(n,i) is the smoothed probability and
    /// xi(n,i,j) = alpha-hat(n,i) A(i,j) b_j(x_n+1) beta-hat(n+1,j) / c(n+1).
    /// </summary>
    internal static (double[,] Alpha, double[,] Beta, double LogLikelihood) Passes(GaussianHmmParameters model, ReadOnlySpan<double> observations)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckObservations(observations);
        var t = observations.Length;
        var k = model.States;
        var alpha = new double[t, k];
        var scale = new double[t];
        var b = new double[k];
        double logLikelihood = 0;
        for (var n = 0; n < t; n++)
        {
            var sum = 0.0;
            for (var j = 0; j < k; j++)
            {
                b[j] = model.Density(j, observations[n]);
                double prior;
                if (n == 0)
                {
                    prior = model.Initial[j];
                }
                else
                {
                    prior = 0;
                    for (var i = 0; i < k; i++)
                    {
                        prior += alpha[n - 1, i] * model.Transition[i, j];
                    }
                }

                alpha[n, j] = prior * b[j];
                sum += alpha[n, j];
            }

            if (!(sum > 0))
            {
                throw new TesseraValidationException($"observations[{n}]", observations[n].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "has zero likelihood under every state (an outlier far beyond every state's variance)");
            }

            scale[n] = sum;
            logLikelihood += Math.Log(sum);
            for (var j = 0; j < k; j++)
            {
                alpha[n, j] /= sum;
            }
        }

        var beta = new double[t, k];
        for (var j = 0; j < k; j++)
        {
            beta[t - 1, j] = 1;
        }

        for (var n = t - 2; n >= 0; n--)
        {
            for (var j = 0; j < k; j++)
            {
                b[j] = model.Density(j, observations[n + 1]);
            }

            for (var i = 0; i < k; i++)
            {
                var s = 0.0;
                for (var j = 0; j < k; j++)
                {
                    s += model.Transition[i, j] * b[j] * beta[n + 1, j];
                }

                beta[n, i] = s / scale[n + 1];
            }
        }

        return (alpha, beta, logLikelihood);
    }

    /// <summary>The most likely state sequence (ties go to the lower state index) and its joint log-probability.</summary>
    public static (int[] Path, double LogProbability) Viterbi(GaussianHmmParameters model, ReadOnlySpan<double> observations)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckObservations(observations);
        var t = observations.Length;
        var k = model.States;
        var delta = new double[t, k];
        var back = new int[t, k];
        for (var j = 0; j < k; j++)
        {
            delta[0, j] = Math.Log(model.Initial[j]) + LogDensity(model, j, observations[0]);
        }

        for (var n = 1; n < t; n++)
        {
            for (var j = 0; j < k; j++)
            {
                var best = double.NegativeInfinity;
                var arg = 0;
                for (var i = 0; i < k; i++)
                {
                    var v = delta[n - 1, i] + Math.Log(model.Transition[i, j]);
                    if (v > best)
                    {
                        best = v;
                        arg = i;
                    }
                }

                delta[n, j] = best + LogDensity(model, j, observations[n]);
                back[n, j] = arg;
            }
        }

        var path = new int[t];
        var end = double.NegativeInfinity;
        for (var j = 0; j < k; j++)
        {
            if (delta[t - 1, j] > end)
            {
                end = delta[t - 1, j];
                path[t - 1] = j;
            }
        }

        for (var n = t - 1; n > 0; n--)
        {
            path[n - 1] = back[n, path[n]];
        }

        return (path, end);
    }

    internal static double LogDensity(GaussianHmmParameters model, int state, double x)
    {
        var d = x - model.Means[state];
        return (-0.5 * d * d / model.Variances[state]) - (0.5 * Math.Log(2 * Math.PI * model.Variances[state]));
    }

    internal static void CheckObservations(ReadOnlySpan<double> observations)
    {
        if (observations.Length == 0)
        {
            throw new TesseraValidationException("observations", "[]", "at least one observation");
        }

        for (var i = 0; i < observations.Length; i++)
        {
            if (!double.IsFinite(observations[i]))
            {
                throw new TesseraValidationException($"observations[{i}]", observations[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be finite (no NaN or Inf)");
            }
        }
    }
}
