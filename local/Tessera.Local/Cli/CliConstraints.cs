using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Local.Cli;

/// <summary>
/// The allocate command's constraint options, turned into <see cref="AllocationConstraints"/> with the same rules the
/// life cycle's profiles use: betas against the equal-weight return of the file's assets, one group per sector with the
/// same cap, capacity caps = fraction x ADV$ / capital. An option that needs another one names it.
/// </summary>
public static class CliConstraints
{
    public static AllocationConstraints Build(ReturnsTable table, double? maxWeight, double? betaBand, string? sectorsPath, double? sectorCap, string? advPath, double? capital, double? advFraction, out double[]? betas)
    {
        ArgumentNullException.ThrowIfNull(table);
        betas = null;
        if (betaBand is { } band)
        {
            if (!(band > 0 && band <= 1))
            {
                throw new TesseraValidationException("--beta-band", band.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be in (0, 1]");
            }

            betas = BetaEstimator.Estimate(table.Columns, AtomConstraints.EqualWeightBenchmark(table.Columns, table.Dates.Count));
        }

        string?[]? groups = null;
        Dictionary<string, double>? groupCaps = null;
        if ((sectorsPath is null) != (sectorCap is null))
        {
            throw new TesseraValidationException(sectorsPath is null ? "--sectors" : "--sector-cap", null, "--sectors and --sector-cap go together");
        }

        if (sectorsPath is not null && sectorCap is { } cap)
        {
            if (!(cap > 0 && cap <= 1))
            {
                throw new TesseraValidationException("--sector-cap", cap.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "must be in (0, 1]");
            }

            var sectors = AssetValueCsv.Text(sectorsPath, "--sectors", table.AssetIds);
            groups = sectors;
            groupCaps = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var s in sectors)
            {
                groupCaps[s] = cap;
            }
        }

        double[]? capacity = null;
        if (advPath is not null)
        {
            var money = capital ?? throw new TesseraValidationException("--capital", null, "--adv needs --capital to turn dollar volume into weight caps");
            capacity = CapacityCaps.FromAverageDollarVolume(AssetValueCsv.Numbers(advPath, "--adv", table.AssetIds), money, advFraction ?? 0.01);
        }
        else if (capital is not null || advFraction is not null)
        {
            throw new TesseraValidationException("--adv", null, "--capital and --adv-fraction need --adv (the assets' dollar volume)");
        }

        return new AllocationConstraints { MaxWeight = maxWeight, BetaBand = betaBand, AssetGroups = groups, GroupCaps = groupCaps, CapacityCaps = capacity };
    }
}
