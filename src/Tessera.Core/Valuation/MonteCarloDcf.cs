using System.Globalization;
using Tessera.Core.Determinism;
using Tessera.Core.Errors;

namespace Tessera.Core.Valuation;

/// <summary>What the company is valued from: trailing revenue, net debt (debt minus cash), diluted shares and the market price.</summary>
public readonly record struct DcfCompany(double Revenue, double NetDebt, double Shares, double Price);

/// <summary>Distribution of value per share over the paths, and P(undervalued) = share of paths whose value exceeds the price.</summary>
public sealed record DcfValuation(
    double ProbabilityUndervalued,
    double StandardError,
    bool PassesThreshold,
    double MeanValuePerShare,
    double MedianValuePerShare,
    double Percentile5,
    double Percentile95,
    int Paths);

/// <summary>
/// Monte Carlo discounted cash flow. Per path: draw growth g, margin m and discount rate r; free cash flow
/// FCF_t = Revenue_0 (1 + g)^t m for t = 1..N; enterprise value = sum FCF_t / (1 + r)^t + TV / (1 + r)^N with the
/// Gordon terminal value TV = FCF_N (1 + g_T) / (r − g_T); equity = EV − net debt; value per share = equity / shares.
/// A drawn r closer than 0.5 % to g_T is redrawn (the terminal value diverges there; documented truncation).
/// With every standard deviation 0 each path is the deterministic DCF (<see cref="Deterministic"/>), the closed form
/// the tests pin. Per-path values go to one array and the loop allocates nothing; seeded, so a valuation reproduces.
/// </summary>
public static class MonteCarloDcf
{
    private const int MaxRedraws = 1000;

    public static double Deterministic(DcfCompany company, double growth, double margin, double discountRate, double terminalGrowth, int horizonYears)
    {
        var fcf = company.Revenue * margin;
        var grow = 1 + growth;
        var discount = 1 + discountRate;
        double pv = 0, revenueFactor = 1, discountFactor = 1, lastFcf = 0;
        for (var t = 1; t <= horizonYears; t++)
        {
            revenueFactor *= grow;
            discountFactor *= discount;
            lastFcf = fcf * revenueFactor;
            pv += lastFcf / discountFactor;
        }

        var terminal = lastFcf * (1 + terminalGrowth) / (discountRate - terminalGrowth);
        var enterprise = pv + (terminal / discountFactor);
        return (enterprise - company.NetDebt) / company.Shares;
    }

    public static DcfValuation Value(DcfCompany company, DcfAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        assumptions.Validate();
        Check(company);
        var random = new DeterministicRandom(assumptions.Seed);
        var n = assumptions.Paths;
        var values = new double[n];
        var above = 0;
        double sum = 0;
        for (var p = 0; p < n; p++)
        {
            var g = Draw(random, assumptions.RevenueGrowth);
            var m = Draw(random, assumptions.FcfMargin);
            var r = Draw(random, assumptions.DiscountRate);
            for (var k = 0; r < assumptions.TerminalGrowth + DcfAssumptions.MinimumSpread; k++)
            {
                if (k == MaxRedraws)
                {
                    throw new TesseraValidationException("dcf.discount_rate", assumptions.DiscountRate.ToString(), "draws almost never exceed terminal_growth + 0.005");
                }

                r = Draw(random, assumptions.DiscountRate);
            }

            var v = Deterministic(company, g, m, r, assumptions.TerminalGrowth, assumptions.HorizonYears);
            values[p] = v;
            sum += v;
            if (v > company.Price)
            {
                above++;
            }
        }

        Array.Sort(values);
        var probability = (double)above / n;
        return new DcfValuation(
            probability,
            Math.Sqrt(probability * (1 - probability) / n),
            probability >= assumptions.UndervaluedThreshold,
            sum / n,
            Quantile(values, 0.5),
            Quantile(values, 0.05),
            Quantile(values, 0.95),
            n);
    }

    private static double Draw(DeterministicRandom random, NormalInput input) =>
        input.StandardDeviation == 0 ? input.Mean : input.Mean + (input.StandardDeviation * random.NextNormal());

    /// <summary>Linear interpolation between order statistics (numpy's default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static void Check(DcfCompany c)
    {
        if (!double.IsFinite(c.Revenue) || c.Revenue <= 0)
        {
            throw new TesseraValidationException("revenue", c.Revenue.ToString("R", CultureInfo.InvariantCulture), "must be finite and > 0");
        }

        if (!double.IsFinite(c.NetDebt))
        {
            throw new TesseraValidationException("net_debt", c.NetDebt.ToString("R", CultureInfo.InvariantCulture), "must be finite");
        }

        if (!double.IsFinite(c.Shares) || c.Shares <= 0)
        {
            throw new TesseraValidationException("shares_outstanding", c.Shares.ToString("R", CultureInfo.InvariantCulture), "must be finite and > 0");
        }

        if (!double.IsFinite(c.Price) || c.Price <= 0)
        {
            throw new TesseraValidationException("price", c.Price.ToString("R", CultureInfo.InvariantCulture), "must be finite and > 0");
        }
    }
}
