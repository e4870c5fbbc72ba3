using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Capacity caps from liquidity: an asset may hold at most <c>fraction</c> of its average daily
/// dollar volume, so cap_i = fraction * ADV$_i / capital (as a weight). Feed the result to
/// <see cref="AllocationConstraints.CapacityCaps"/>; the resolver combines it with the other bounds by min.
/// </summary>
public static class CapacityCaps
{
    public static double[] FromAverageDollarVolume(IReadOnlyList<double> averageDollarVolume, double capital, double fraction = 0.01)
    {
        if (!double.IsFinite(capital) || capital <= 0)
        {
            throw new TesseraValidationException("capital", PortfolioInputValidation.Str(capital), "capital must be positive and finite");
        }

        if (!double.IsFinite(fraction) || fraction <= 0 || fraction > 1)
        {
            throw new TesseraValidationException("fraction", PortfolioInputValidation.Str(fraction), "the ADV fraction must be in (0, 1]");
        }

        var caps = new double[averageDollarVolume.Count];
        for (var i = 0; i < caps.Length; i++)
        {
            var adv = averageDollarVolume[i];
            if (!double.IsFinite(adv) || adv < 0)
            {
                throw new TesseraValidationException("averageDollarVolume", PortfolioInputValidation.Str(adv), "average dollar volume must be non-negative and finite", "index " + PortfolioInputValidation.Str(i));
            }

            caps[i] = fraction * adv / capital;
        }

        return caps;
    }
}
