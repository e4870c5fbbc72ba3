using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Regime.Hmm;
using Xunit;

namespace Tessera.Core.Tests.Regime.Hmm;

public sealed class GaussianHmmFitterTests
{
    private static readonly GaussianHmmParameters Truth = new(
        [0.2, 0.5, 0.3],
        new double[,] { { 0.95, 0.04, 0.01 }, { 0.02, 0.96, 0.02 }, { 0.01, 0.04, 0.95 } },
        [-0.02, 0.005, 0.02],
        [0.006 * 0.006, 0.004 * 0.004, 0.006 * 0.006]);

    private static double[] Simulate(GaussianHmmParameters m, int n, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var x = new double[n];
        var state = Draw(m.Initial, random.NextDouble());
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                var row = new double[m.States];
                for (var j = 0; j < m.States; j++)
                {
                    row[j] = m.Transition[state, j];
                }

                state = Draw(row, random.NextDouble());
            }

            x[i] = m.Means[state] + (Math.Sqrt(m.Variances[state]) * random.NextNormal());
        }

        return x;
    }

    private static int Draw(double[] p, double u)
    {
        var c = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            c += p[i];
            if (u < c)
            {
                return i;
            }
        }

        return p.Length - 1;
    }

    [Fact]
    public void Recovers_known_parameters_from_5000_simulated_observations()
    {
        var x = Simulate(Truth, 5000, seed: 7);
        var fit = GaussianHmmFitter.Fit(x, new HmmFitOptions(States: 3, Restarts: 6, Seed: 11));
        var p = fit.Parameters;
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(p.Means[i], Truth.Means[i] - (0.1 * Math.Abs(Truth.Means[i])), Truth.Means[i] + (0.1 * Math.Abs(Truth.Means[i])));
            for (var j = 0; j < 3; j++)
            {
                Assert.InRange(p.Transition[i, j], Truth.Transition[i, j] - 0.05, Truth.Transition[i, j] + 0.05);
            }
        }

        Assert.True(fit.Converged);
        Assert.Equal(6, fit.RestartLogLikelihoods.Count);
        Assert.Equal(fit.RestartLogLikelihoods.Max(), fit.LogLikelihood, 6);
    }

    [Fact]
    public void The_fit_is_deterministic_and_states_are_sorted_by_mean()
    {
        var x = Simulate(Truth, 1500, seed: 3);
        var a = GaussianHmmFitter.Fit(x, new HmmFitOptions(Restarts: 3, Seed: 5));
        var b = GaussianHmmFitter.Fit(x, new HmmFitOptions(Restarts: 3, Seed: 5));
        Assert.Equal(a.Parameters.Means, b.Parameters.Means);
        Assert.Equal(a.LogLikelihood, b.LogLikelihood);
        Assert.True(a.Parameters.Means[0] < a.Parameters.Means[1] && a.Parameters.Means[1] < a.Parameters.Means[2]);
    }

    [Fact]
    public void Em_never_decreases_the_likelihood()
    {
        var x = Simulate(Truth, 800, seed: 9);
        var model = new GaussianHmmParameters([1 / 3.0, 1 / 3.0, 1 / 3.0], new double[,] { { 0.9, 0.05, 0.05 }, { 0.05, 0.9, 0.05 }, { 0.05, 0.05, 0.9 } }, [-0.01, 0, 0.01], [1e-4, 1e-4, 1e-4]);
        var previous = double.NegativeInfinity;
        for (var i = 0; i < 30; i++)
        {
            var (next, ll) = GaussianHmmFitter.Step(model, x, 1e-10);
            Assert.True(ll >= previous - 1e-9, $"iteration {i}: {ll} < {previous}");
            previous = ll;
            model = next;
        }
    }

    [Fact]
    public void Nan_constant_and_short_series_are_typed_errors()
    {
        var x = Simulate(Truth, 200, seed: 1);
        x[17] = double.NaN;
        var nan = Assert.Throws<TesseraValidationException>(() => GaussianHmmFitter.Fit(x));
        Assert.Contains("observations[17]", nan.Message, StringComparison.Ordinal);

        var constant = Assert.Throws<TesseraValidationException>(() => GaussianHmmFitter.Fit(Enumerable.Repeat(0.001, 300).ToArray()));
        Assert.Contains("constant", constant.Message, StringComparison.Ordinal);

        Assert.Throws<TesseraValidationException>(() => GaussianHmmFitter.Fit(Simulate(Truth, 59, seed: 1)));
        Assert.Throws<TesseraValidationException>(() => GaussianHmmFitter.Fit(Simulate(Truth, 500, seed: 1), new HmmFitOptions(States: 1)));
    }

    [Fact]
    public void Parameters_are_validated_field_by_field()
    {
        var bad = Assert.Throws<TesseraValidationException>(() => new GaussianHmmParameters([0.5, 0.5], new double[,] { { 0.9, 0.2 }, { 0.5, 0.5 } }, [0, 0], [1, 1]));
        Assert.Contains("hmm.transition[0]", bad.Message, StringComparison.Ordinal);
        Assert.Throws<TesseraValidationException>(() => new GaussianHmmParameters([0.5, 0.5], new double[,] { { 0.5, 0.5 }, { 0.5, 0.5 } }, [0, double.NaN], [1, 1]));
        Assert.Throws<TesseraValidationException>(() => new GaussianHmmParameters([0.5, 0.5], new double[,] { { 0.5, 0.5 }, { 0.5, 0.5 } }, [0, 0], [1, 0]));
    }
}
