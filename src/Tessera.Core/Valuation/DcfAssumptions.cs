using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Valuation;

/// <summary>A normal distribution of one DCF input: mean and standard deviation (0 = a fixed value).</summary>
public readonly record struct NormalInput(double Mean, double StandardDeviation)
{
    public void Validate(string field)
    {
        if (!double.IsFinite(Mean))
        {
            throw new TesseraValidationException(field + ".mean", Mean.ToString("R", CultureInfo.InvariantCulture), "must be finite");
        }

        if (!double.IsFinite(StandardDeviation) || StandardDeviation < 0)
        {
            throw new TesseraValidationException(field + ".sd", StandardDeviation.ToString("R", CultureInfo.InvariantCulture), "must be finite and >= 0");
        }
    }
}

/// <summary>
/// The Monte Carlo DCF's assumptions (seed 000 valuation: dcf_simulations 10,000, dcf_undervalue_threshold 0.65): annual
/// revenue growth, free-cash-flow margin and discount rate as normal distributions drawn once per path, an explicit
/// horizon, and a Gordon terminal value at a fixed terminal growth.
/// </summary>
public sealed record DcfAssumptions(
    NormalInput RevenueGrowth,
    NormalInput FcfMargin,
    NormalInput DiscountRate,
    double TerminalGrowth = 0.025,
    int HorizonYears = 5,
    int Paths = 10_000,
    double UndervaluedThreshold = 0.65,
    ulong Seed = 42)
{
    /// <summary>The terminal value needs r > g; a path's discount rate is kept at least this far above the terminal growth.</summary>
    public const double MinimumSpread = 0.005;

    public void Validate()
    {
        RevenueGrowth.Validate("dcf.revenue_growth");
        FcfMargin.Validate("dcf.fcf_margin");
        DiscountRate.Validate("dcf.discount_rate");
        if (!double.IsFinite(TerminalGrowth) || TerminalGrowth is < -0.05 or > 0.06)
        {
            throw new TesseraValidationException("dcf.terminal_growth", TerminalGrowth.ToString("R", CultureInfo.InvariantCulture), "must be in [-0.05, 0.06]");
        }

        if (DiscountRate.Mean < TerminalGrowth + MinimumSpread)
        {
            throw new TesseraValidationException("dcf.discount_rate.mean", DiscountRate.Mean.ToString("R", CultureInfo.InvariantCulture), "must exceed terminal_growth by at least 0.005");
        }

        if (HorizonYears is < 1 or > 30)
        {
            throw new TesseraValidationException("dcf.horizon_years", HorizonYears.ToString(CultureInfo.InvariantCulture), "must be 1..30");
        }

        if (Paths is < 1 or > 10_000_000)
        {
            throw new TesseraValidationException("dcf.simulations", Paths.ToString(CultureInfo.InvariantCulture), "must be 1..10,000,000");
        }

        if (!double.IsFinite(UndervaluedThreshold) || UndervaluedThreshold is <= 0 or > 1)
        {
            throw new TesseraValidationException("dcf.undervalue_threshold", UndervaluedThreshold.ToString("R", CultureInfo.InvariantCulture), "must be in (0, 1]");
        }
    }
}
