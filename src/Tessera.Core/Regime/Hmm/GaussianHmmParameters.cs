using Tessera.Core.Errors;

namespace Tessera.Core.Regime.Hmm;

/// <summary>
/// A univariate Gaussian hidden Markov model: K states, initial distribution <see cref="Initial"/> (K), row-stochastic
/// transition matrix <see cref="Transition"/> (K x K, row = from), and each state's emission mean and variance.
/// Arrays are owned by the instance (copied in) so a fitted model cannot be changed behind its back.
/// </summary>
public sealed class GaussianHmmParameters
{
    /// <summary>Rows and the initial distribution must sum to 1 within this tolerance.</summary>
    public const double StochasticTolerance = 1e-9;

    public GaussianHmmParameters(double[] initial, double[,] transition, double[] means, double[] variances)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(transition);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(variances);
        var k = initial.Length;
        if (k < 1 || transition.GetLength(0) != k || transition.GetLength(1) != k || means.Length != k || variances.Length != k)
        {
            throw new TesseraValidationException("hmm.states", k.ToString(System.Globalization.CultureInfo.InvariantCulture), "initial, transition rows/columns, means and variances must all have K entries");
        }

        CheckDistribution("hmm.initial", initial);
        for (var i = 0; i < k; i++)
        {
            var row = new double[k];
            for (var j = 0; j < k; j++)
            {
                row[j] = transition[i, j];
            }

            CheckDistribution($"hmm.transition[{i}]", row);
            if (!double.IsFinite(means[i]))
            {
                throw new TesseraValidationException($"hmm.means[{i}]", means[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be finite");
            }

            if (!(variances[i] > 0) || !double.IsFinite(variances[i]))
            {
                throw new TesseraValidationException($"hmm.variances[{i}]", variances[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be finite and > 0");
            }
        }

        Initial = (double[])initial.Clone();
        Transition = (double[,])transition.Clone();
        Means = (double[])means.Clone();
        Variances = (double[])variances.Clone();
    }

    public int States => Initial.Length;

    public double[] Initial { get; }

    public double[,] Transition { get; }

    public double[] Means { get; }

    public double[] Variances { get; }

    /// <summary>The Gaussian density of state <paramref name="state"/> at <paramref name="x"/>.</summary>
    public double Density(int state, double x)
    {
        var d = x - Means[state];
        return Math.Exp(-0.5 * d * d / Variances[state]) / Math.Sqrt(2 * Math.PI * Variances[state]);
    }

    private static void CheckDistribution(string field, double[] p)
    {
        var sum = 0.0;
        foreach (var v in p)
        {
            if (!(v >= 0) || !double.IsFinite(v))
            {
                throw new TesseraValidationException(field, v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "probabilities must be finite and >= 0");
            }

            sum += v;
        }

        if (Math.Abs(sum - 1) > StochasticTolerance)
        {
            throw new TesseraValidationException(field, sum.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must sum to 1");
        }
    }
}
