using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio.Comparison;

/// <summary>
/// Knobs of the Indian-equities seed's portfolio compare (seed 001, pipeline B "--lookback --rebalance --cost-bps +
/// capacity caps"): estimation window and rebalance interval in rows, one-way cost in basis points of traded value,
/// an optional cap on every weight, and optional per-asset capacity caps (as weights, e.g. from
/// <see cref="Allocation.CapacityCaps.FromAverageDollarVolume"/>).
/// </summary>
public sealed record ComparisonSettings(int LookbackDays = 252, int RebalanceDays = 21, double CostBps = 10.0, double? MaxWeight = null, double[]? CapacityCaps = null)
{
    public void Validate(int assets, int observations)
    {
        if (LookbackDays < 2)
        {
            throw new TesseraValidationException("lookback", Str(LookbackDays), "must be >= 2 rows");
        }

        if (RebalanceDays < 1)
        {
            throw new TesseraValidationException("rebalance", Str(RebalanceDays), "must be >= 1 row");
        }

        if (LookbackDays >= observations)
        {
            throw new TesseraValidationException("lookback", Str(LookbackDays), $"must be smaller than the number of return rows ({observations}) so at least one row is traded");
        }

        if (!double.IsFinite(CostBps) || CostBps < 0 || CostBps > 10_000)
        {
            throw new TesseraValidationException("cost_bps", CostBps.ToString("R", CultureInfo.InvariantCulture), "must be in [0, 10000] basis points");
        }

        if (MaxWeight is { } m && !(m > 0 && m <= 1))
        {
            throw new TesseraValidationException("max_weight", m.ToString("R", CultureInfo.InvariantCulture), "must be in (0, 1]");
        }

        if (CapacityCaps is { } caps && caps.Length != assets)
        {
            throw new TesseraValidationException("capacity_caps", Str(caps.Length), $"one cap per asset ({assets}) is required");
        }
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
