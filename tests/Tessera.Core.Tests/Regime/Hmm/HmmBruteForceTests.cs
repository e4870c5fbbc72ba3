using Tessera.Core.Regime.Hmm;
using Xunit;

namespace Tessera.Core.Tests.Regime.Hmm;

/// <summary>
/// The two-state hand case: with six observations there are 2^6 = 64 state paths, few enough to enumerate. Every
/// quantity the forward-backward, Viterbi and one Baum–Welch step compute has a definition as a sum or a maximum over
/// those paths, which is the independent reference here (exact to 1e-9).
/// </summary>
public sealed class HmmBruteForceTests
{
    private static readonly double[] X = [0.012, -0.004, -0.021, 0.003, 0.015, -0.009];

    private static readonly GaussianHmmParameters Model = new(
        [0.6, 0.4],
        new double[,] { { 0.85, 0.15 }, { 0.25, 0.75 } },
        [0.008, -0.012],
        [0.0001, 0.0004]);

    private static double Joint(GaussianHmmParameters m, int[] path, double[] x, int length)
    {
        var p = m.Initial[path[0]] * m.Density(path[0], x[0]);
        for (var n = 1; n < length; n++)
        {
            p *= m.Transition[path[n - 1], path[n]] * m.Density(path[n], x[n]);
        }

        return p;
    }

    private static IEnumerable<int[]> Paths(int length)
    {
        for (var code = 0; code < 1 << length; code++)
        {
            var path = new int[length];
            for (var n = 0; n < length; n++)
            {
                path[n] = (code >> n) & 1;
            }

            yield return path;
        }
    }

    [Fact]
    public void Likelihood_and_smoothed_probabilities_equal_the_sums_over_all_paths()
    {
        var t = X.Length;
        var total = 0.0;
        var gamma = new double[t, 2];
        foreach (var path in Paths(t))
        {
            var p = Joint(Model, path, X, t);
            total += p;
            for (var n = 0; n < t; n++)
            {
                gamma[n, path[n]] += p;
            }
        }

        var post = HmmInference.ForwardBackward(Model, X);
        Assert.Equal(Math.Log(total), post.LogLikelihood, 9);
        for (var n = 0; n < t; n++)
        {
            for (var s = 0; s < 2; s++)
            {
                Assert.Equal(gamma[n, s] / total, post.Smoothed[n, s], 9);
            }
        }
    }

    [Fact]
    public void Filtered_probabilities_use_only_the_past()
    {
        var post = HmmInference.ForwardBackward(Model, X);
        for (var n = 0; n < X.Length; n++)
        {
            var byState = new double[2];
            foreach (var prefix in Paths(n + 1))
            {
                byState[prefix[n]] += Joint(Model, prefix, X, n + 1);
            }

            var sum = byState[0] + byState[1];
            Assert.Equal(byState[0] / sum, post.Filtered[n, 0], 9);
            Assert.Equal(byState[1] / sum, post.Filtered[n, 1], 9);
        }
    }

    [Fact]
    public void Viterbi_finds_the_path_of_highest_joint_probability()
    {
        int[]? bestPath = null;
        var best = double.NegativeInfinity;
        foreach (var path in Paths(X.Length))
        {
            var p = Joint(Model, path, X, X.Length);
            if (p > best)
            {
                best = p;
                bestPath = path;
            }
        }

        var (viterbi, logProbability) = HmmInference.Viterbi(Model, X);
        Assert.Equal(bestPath, viterbi);
        Assert.Equal(Math.Log(best), logProbability, 9);
    }

    [Fact]
    public void One_Baum_Welch_step_equals_the_expected_counts_over_all_paths()
    {
        var t = X.Length;
        var total = 0.0;
        var gamma = new double[t, 2];
        var xi = new double[2, 2];
        foreach (var path in Paths(t))
        {
            var p = Joint(Model, path, X, t);
            total += p;
            for (var n = 0; n < t; n++)
            {
                gamma[n, path[n]] += p;
                if (n < t - 1)
                {
                    xi[path[n], path[n + 1]] += p;
                }
            }
        }

        var (next, _) = GaussianHmmFitter.Step(Model, X, varianceFloor: 1e-12);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(gamma[0, i] / total, next.Initial[i], 9);
            var fromI = xi[i, 0] + xi[i, 1];
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(xi[i, j] / fromI, next.Transition[i, j], 9);
            }

            double w = 0, sx = 0;
            for (var n = 0; n < t; n++)
            {
                w += gamma[n, i];
                sx += gamma[n, i] * X[n];
            }

            var mean = sx / w;
            double ss = 0;
            for (var n = 0; n < t; n++)
            {
                ss += gamma[n, i] * (X[n] - mean) * (X[n] - mean);
            }

            Assert.Equal(mean, next.Means[i], 9);
            Assert.Equal(ss / w, next.Variances[i], 9);
        }
    }
}
