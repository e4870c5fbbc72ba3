using Tessera.Core.Determinism;
using Tessera.Core.Errors;

namespace Tessera.Core.Regime.Hmm;

/// <summary>Baum–Welch settings. Restart 0 starts from the data's quantiles; the others perturb it with the seeded generator.</summary>
public sealed record HmmFitOptions(int States = 3, int Restarts = 8, int MaxIterations = 500, double Tolerance = 1e-7, ulong Seed = 42)
{
    /// <summary>Each state needs this many observations on average, or the fit is refused as under-determined.</summary>
    public const int MinObservationsPerState = 20;
}

/// <summary>The best of the restarts, states sorted by ascending mean (so index 0 is the most bearish).</summary>
public sealed record HmmFit(GaussianHmmParameters Parameters, double LogLikelihood, int Iterations, bool Converged, IReadOnlyList<double> RestartLogLikelihoods);

/// <summary>
/// Maximum-likelihood fit of a univariate Gaussian HMM by Baum–Welch (EM on the scaled forward-backward of
/// <see cref="HmmInference"/>), with several seeded restarts because EM finds local optima, the best log-likelihood
/// kept. Variances are floored at 1e-6 of the sample variance so a state cannot collapse onto one observation (an
/// unbounded likelihood). Deterministic: same data, same options, same result.
/// </summary>
public static class GaussianHmmFitter
{
    private const double VarianceFloorFraction = 1e-6;
    private const double InitialStay = 0.9;

    public static HmmFit Fit(ReadOnlySpan<double> observations, HmmFitOptions? options = null)
    {
        options ??= new HmmFitOptions();
        if (options.States is < 2 or > 8)
        {
            throw new TesseraValidationException("hmm.states", options.States.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be 2..8");
        }

        if (options.Restarts < 1 || options.MaxIterations < 1 || !(options.Tolerance > 0))
        {
            throw new TesseraValidationException("hmm.options", options.ToString(), "restarts and iterations >= 1, tolerance > 0");
        }

        HmmInference.CheckObservations(observations);
        if (observations.Length < options.States * HmmFitOptions.MinObservationsPerState)
        {
            throw new TesseraValidationException("observations", observations.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), $"need at least {options.States * HmmFitOptions.MinObservationsPerState} observations for {options.States} states");
        }

        var (mean, variance) = Moments(observations);
        var data = observations.ToArray();
        var sorted = (double[])data.Clone();
        Array.Sort(sorted);

        // Min == max, not variance == 0: the mean of a constant series can round, leaving a variance of 1e-36.
        if (sorted[0] == sorted[^1])
        {
            throw new TesseraValidationException("observations", "constant series", "a constant series has no regimes to find (variance 0)");
        }

        var random = new DeterministicRandom(options.Seed);
        var floor = variance * VarianceFloorFraction;
        HmmFit? best = null;
        var all = new List<double>(options.Restarts);
        for (var r = 0; r < options.Restarts; r++)
        {
            var start = Initial(sorted, options.States, mean, variance, r == 0 ? null : random);
            var fit = RunEm(data, start, options, floor);
            all.Add(fit.LogLikelihood);
            if (best is null || fit.LogLikelihood > best.LogLikelihood)
            {
                best = fit;
            }
        }

        return best! with { Parameters = SortByMean(best!.Parameters), RestartLogLikelihoods = all };
    }

    /// <summary>One EM iteration from <paramref name="model"/> (exposed so tests can compare it with a brute-force E step).</summary>
    public static (GaussianHmmParameters Next, double LogLikelihood) Step(GaussianHmmParameters model, ReadOnlySpan<double> x, double varianceFloor)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (alpha, beta, logLikelihood) = HmmInference.Passes(model, x);
        var t = x.Length;
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

        // Expected transitions xi(n,i,j) = alpha-hat(n,i) A(i,j) b_j(x_n+1) beta-hat(n+1,j), normalised per step
        // (the normaliser is the step's scale c(n+1); normalising explicitly keeps rounding from accumulating).
        var xiSum = new double[k, k];
        var block = new double[k, k];
        var b = new double[k];
        for (var n = 0; n < t - 1; n++)
        {
            for (var j = 0; j < k; j++)
            {
                b[j] = model.Density(j, x[n + 1]);
            }

            var total = 0.0;
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    block[i, j] = alpha[n, i] * model.Transition[i, j] * b[j] * beta[n + 1, j];
                    total += block[i, j];
                }
            }

            if (total > 0)
            {
                for (var i = 0; i < k; i++)
                {
                    for (var j = 0; j < k; j++)
                    {
                        xiSum[i, j] += block[i, j] / total;
                    }
                }
            }
        }

        var initial = new double[k];
        var transition = new double[k, k];
        var means = new double[k];
        var variances = new double[k];
        for (var i = 0; i < k; i++)
        {
            initial[i] = gamma[0, i];
            var rowTotal = 0.0;
            for (var j = 0; j < k; j++)
            {
                rowTotal += xiSum[i, j];
            }

            for (var j = 0; j < k; j++)
            {
                transition[i, j] = rowTotal > 0 ? xiSum[i, j] / rowTotal : (i == j ? 1 : 0);
            }

            double weight = 0, sum = 0;
            for (var n = 0; n < t; n++)
            {
                weight += gamma[n, i];
                sum += gamma[n, i] * x[n];
            }

            means[i] = weight > 0 ? sum / weight : model.Means[i];
            double ss = 0;
            for (var n = 0; n < t; n++)
            {
                var d = x[n] - means[i];
                ss += gamma[n, i] * d * d;
            }

            variances[i] = Math.Max(weight > 0 ? ss / weight : model.Variances[i], varianceFloor);
        }

        Normalise(initial);
        for (var i = 0; i < k; i++)
        {
            var s = 0.0;
            for (var j = 0; j < k; j++)
            {
                s += transition[i, j];
            }

            for (var j = 0; j < k; j++)
            {
                transition[i, j] /= s;
            }
        }

        return (new GaussianHmmParameters(initial, transition, means, variances), logLikelihood);
    }

    private static HmmFit RunEm(double[] x, GaussianHmmParameters start, HmmFitOptions options, double floor)
    {
        var model = start;
        var previous = double.NegativeInfinity;
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var (next, logLikelihood) = Step(model, x, floor);
            if (logLikelihood - previous < options.Tolerance * Math.Max(1, Math.Abs(logLikelihood)) && iteration > 1)
            {
                return new HmmFit(model, logLikelihood, iteration, true, []);
            }

            previous = logLikelihood;
            model = next;
        }

        return new HmmFit(model, HmmInference.ForwardBackward(model, x).LogLikelihood, options.MaxIterations, false, []);
    }

    private static GaussianHmmParameters Initial(double[] sorted, int k, double mean, double variance, DeterministicRandom? random)
    {
        var sd = Math.Sqrt(variance);
        var means = new double[k];
        for (var j = 0; j < k; j++)
        {
            var q = sorted[(int)Math.Min(sorted.Length - 1, Math.Floor((j + 0.5) / k * sorted.Length))];
            means[j] = random is null ? q : q + (0.5 * sd * random.NextNormal());
        }

        var variances = new double[k];
        var initial = new double[k];
        var transition = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            variances[i] = variance * (random is null ? 1 : 0.5 + random.NextDouble());
            initial[i] = 1.0 / k;
            for (var j = 0; j < k; j++)
            {
                transition[i, j] = i == j ? InitialStay : (1 - InitialStay) / (k - 1);
            }
        }

        _ = mean;
        return new GaussianHmmParameters(initial, transition, means, variances);
    }

    private static GaussianHmmParameters SortByMean(GaussianHmmParameters p)
    {
        var k = p.States;
        var order = new int[k];
        for (var i = 0; i < k; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => p.Means[a].CompareTo(p.Means[b]));
        var initial = new double[k];
        var transition = new double[k, k];
        var means = new double[k];
        var variances = new double[k];
        for (var i = 0; i < k; i++)
        {
            initial[i] = p.Initial[order[i]];
            means[i] = p.Means[order[i]];
            variances[i] = p.Variances[order[i]];
            for (var j = 0; j < k; j++)
            {
                transition[i, j] = p.Transition[order[i], order[j]];
            }
        }

        return new GaussianHmmParameters(initial, transition, means, variances);
    }

    private static (double Mean, double Variance) Moments(ReadOnlySpan<double> x)
    {
        double mean = 0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= x.Length;
        double ss = 0;
        foreach (var v in x)
        {
            ss += (v - mean) * (v - mean);
        }

        return (mean, ss / x.Length);
    }

    private static void Normalise(double[] p)
    {
        var s = 0.0;
        foreach (var v in p)
        {
            s += v;
        }

        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= s;
        }
    }
}
