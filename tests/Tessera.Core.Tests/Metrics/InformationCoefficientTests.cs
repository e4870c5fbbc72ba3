using Tessera.Core.Errors;
using Tessera.Core.Metrics;
using Xunit;

namespace Tessera.Core.Tests.Metrics;

public sealed class InformationCoefficientTests
{
    [Fact]
    public void Spearman_with_ties_uses_average_ranks()
    {
        // ranks x = 1, 2.5, 2.5, 4; ranks y = 1..4; Pearson of ranks = 4.5 / sqrt(4.5 * 5) (hand-derived).
        var ic = InformationCoefficient.Spearman([1, 2, 2, 3], [10, 20, 30, 40]);
        Assert.Equal(4.5 / Math.Sqrt(22.5), ic, 12);
    }

    [Fact]
    public void Monotone_and_reversed_orders_give_plus_and_minus_one()
    {
        Assert.Equal(1, InformationCoefficient.Spearman([1, 5, 7, 100], [0.1, 0.2, 0.3, 0.4]), 12);
        Assert.Equal(-1, InformationCoefficient.Spearman([1, 5, 7, 100], [0.4, 0.3, 0.2, 0.1]), 12);
    }

    [Fact]
    public void Nan_pairs_are_skipped_and_lengths_must_match()
    {
        Assert.Equal(1, InformationCoefficient.Spearman([1, double.NaN, 3, 4], [1, 9, 3, 4]), 12);
        Assert.Throws<TesseraValidationException>(() => InformationCoefficient.Spearman([1, 2], [1]));
    }

    [Fact]
    public void Perfect_forecast_of_next_bar_return_has_ic_one()
    {
        double[][] prices = [[100, 50, 20], [101, 49, 22], [99, 50, 23]];
        var scores = new double[3][];
        for (var t = 0; t < 2; t++)
        {
            scores[t] = new double[3];
            for (var i = 0; i < 3; i++)
            {
                scores[t][i] = (prices[t + 1][i] / prices[t][i]) - 1;
            }
        }

        scores[2] = [0, 0, 0];
        Assert.Equal(1, InformationCoefficient.MeanIc(scores, prices, 1), 12);
    }

    [Fact]
    public void Half_life_of_exponential_decay_is_recovered()
    {
        var curve = new double[10];
        for (var h = 1; h <= 10; h++)
        {
            curve[h - 1] = 0.1 * Math.Pow(0.5, h / 3.0);
        }

        Assert.Equal(3, InformationCoefficient.HalfLife(curve), 10);
        Assert.Equal(double.PositiveInfinity, InformationCoefficient.HalfLife([0.05, 0.05, 0.06]));
        Assert.True(double.IsNaN(InformationCoefficient.HalfLife([-0.1, -0.2])));
    }
}
