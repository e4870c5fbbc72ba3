using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Selection;

/// <summary>
/// Normalized permutation entropy (Bandt and Pompe 2002): the Shannon entropy of the ordinal
/// patterns of m consecutive values (delay 1), divided by ln(m!), so 0 = fully predictable ordering
/// (a monotone series) and 1 = every pattern equally likely (white noise). Ties rank by position
/// (earlier first), the usual convention. NaN values are skipped by only using windows without NaN.
/// </summary>
public static class PermutationEntropy
{
    public static double Compute(ReadOnlySpan<double> x, int order = 3)
    {
        if (order is < 2 or > 7)
        {
            throw new TesseraValidationException("order", PortfolioInputValidation.Str(order), "permutation entropy order must be between 2 and 7");
        }

        var factorial = 1;
        for (var k = 2; k <= order; k++)
        {
            factorial *= k;
        }

        var counts = new int[Pow(order, order)];
        var total = 0;
        Span<int> idx = stackalloc int[order];
        for (var t = 0; t + order <= x.Length; t++)
        {
            var window = x.Slice(t, order);
            var valid = true;
            for (var k = 0; k < order; k++)
            {
                valid &= !double.IsNaN(window[k]);
            }

            if (!valid)
            {
                continue;
            }

            // Code = rank of each position (stable), packed base `order`.
            var code = 0;
            for (var a = 0; a < order; a++)
            {
                var rank = 0;
                for (var b = 0; b < order; b++)
                {
                    if (window[b] < window[a] || (window[b] == window[a] && b < a))
                    {
                        rank++;
                    }
                }

                idx[a] = rank;
                code = (code * order) + rank;
            }

            counts[code]++;
            total++;
        }

        if (total == 0)
        {
            throw new TesseraValidationException("returns", PortfolioInputValidation.Str(x.Length) + " values", "permutation entropy needs at least one complete window of " + PortfolioInputValidation.Str(order) + " values");
        }

        var h = 0.0;
        foreach (var c in counts)
        {
            if (c > 0)
            {
                var p = (double)c / total;
                h -= p * Math.Log(p);
            }
        }

        return h / Math.Log(factorial);
    }

    private static int Pow(int b, int e)
    {
        var r = 1;
        for (var i = 0; i < e; i++)
        {
            r *= b;
        }

        return r;
    }
}
