using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class PermutationEntropyTests
{
    [Fact]
    public void Matches_Bandt_Pompe_2002_worked_example()
    {
        // Source: Bandt & Pompe, "Permutation entropy", Phys. Rev. Lett. 88, 174102 (2002): x = (4,7,9,10,6,11,3),
        // order 3: patterns 012 twice, 201 twice, 102 once -> H = -2(0.4 ln 0.4) - 0.2 ln 0.2 (1.52 bits), / ln 3!.
        var pe = new PermutationEntropy(3, 1, 7);
        foreach (var x in new double[] { 4, 7, 9, 10, 6, 11, 3 })
        {
            pe.Update(x);
        }

        var expected = -((2 * 0.4 * Math.Log(0.4)) + (0.2 * Math.Log(0.2))) / Math.Log(6);
        Assert.Equal(expected, pe.Value, 14);
        Assert.Equal(1.5219, -((2 * 0.4 * Math.Log2(0.4)) + (0.2 * Math.Log2(0.2))), 4);
    }

    [Fact]
    public void Matches_reference_for_two_delays_and_is_zero_for_monotone_series()
    {
        // Source: reference_values.py perm_entropy() - counts recomputed per window, ties by index.
        var output = new double[R.Close.Length];
        PermutationEntropy.Compute(R.Close, output, 3, 1, 8);
        SeriesAssert.Close(R.PermEntropy3x1x8, output, 1e-12);
        PermutationEntropy.Compute(R.Close, output, 3, 2, 10);
        SeriesAssert.Close(R.PermEntropy3x2x10, output, 1e-12);
        Assert.All(output.Where(v => !double.IsNaN(v)), v => Assert.InRange(v, 0.0, 1.0));

        var rising = new PermutationEntropy(3, 1, 5);
        for (var i = 0; i < 10; i++)
        {
            rising.Update(i);
        }

        Assert.Equal(0.0, rising.Value);
        Assert.Throws<TesseraValidationException>(() => new PermutationEntropy(8));
        Assert.Throws<TesseraValidationException>(() => new PermutationEntropy(3, 1, 3));
    }
}
