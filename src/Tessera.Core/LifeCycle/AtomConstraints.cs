using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// Portfolio constraints of a profile, translated to the atoms the optimizers see. Sector cap: the atoms' summed
/// weight per sector (an asset's atoms share its sector and, since selection keeps one direction per asset, netting
/// cannot lift a sector above its cap). ADV cap: an asset may hold at most fraction x ADV$ / capital; each of its k
/// atoms gets a k-th of that, so no flattening can exceed the asset's cap, and <see cref="AssetCaps"/> re-applies it
/// to the net asset weight. Beta band: |sum_a w_a beta_a| &lt;= band with each atom stream's beta against the universe's
/// equal-weight daily return (the benchmark the life cycle has without outside data); it binds the optimizer's atom
/// mix, before flattening's caps.
/// </summary>
public sealed record AtomConstraints(
    string?[]? Groups,
    IReadOnlyDictionary<string, double>? GroupCaps,
    double[]? CapacityCaps,
    double? BetaBand,
    double[]? Betas,
    IReadOnlyDictionary<string, double>? AssetCaps)
{
    /// <summary>Builds the atom constraints; every argument after the atoms' symbols and sectors is optional.</summary>
    public static AtomConstraints Build(
        IReadOnlyList<string> atomSymbols,
        IReadOnlyList<string> atomSectors,
        double[][] atomStreams,
        IReadOnlyList<string> marketSymbols,
        IReadOnlyList<double[]> marketReturns,
        IReadOnlyList<double> averageDollarVolume,
        double? betaBand,
        double? sectorCap,
        double? advFraction,
        double? capital)
    {
        ArgumentNullException.ThrowIfNull(atomSymbols);
        ArgumentNullException.ThrowIfNull(atomSectors);
        ArgumentNullException.ThrowIfNull(atomStreams);
        ArgumentNullException.ThrowIfNull(marketSymbols);
        ArgumentNullException.ThrowIfNull(marketReturns);
        ArgumentNullException.ThrowIfNull(averageDollarVolume);
        var n = atomSymbols.Count;
        string?[]? groups = null;
        Dictionary<string, double>? groupCaps = null;
        if (sectorCap is { } cap)
        {
            groups = new string?[n];
            groupCaps = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var a = 0; a < n; a++)
            {
                groups[a] = atomSectors[a];
                groupCaps[atomSectors[a]] = cap;
            }
        }

        double[]? capacity = null;
        Dictionary<string, double>? assetCaps = null;
        if (advFraction is { } fraction && capital is { } money)
        {
            var column = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var j = 0; j < marketSymbols.Count; j++)
            {
                column[marketSymbols[j]] = j;
            }

            var atomsOfAsset = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in atomSymbols)
            {
                atomsOfAsset[s] = atomsOfAsset.GetValueOrDefault(s) + 1;
            }

            var caps = Portfolio.Allocation.CapacityCaps.FromAverageDollarVolume(averageDollarVolume, money, fraction);
            assetCaps = new Dictionary<string, double>(StringComparer.Ordinal);
            capacity = new double[n];
            for (var a = 0; a < n; a++)
            {
                var j = column.TryGetValue(atomSymbols[a], out var found)
                    ? found
                    : throw new TesseraValidationException("atoms", atomSymbols[a], "every atom's asset must be in the market frame");
                assetCaps[atomSymbols[a]] = caps[j];
                capacity[a] = caps[j] / atomsOfAsset[atomSymbols[a]];
            }
        }

        double[]? betas = null;
        if (betaBand is not null)
        {
            betas = BetaEstimator.Estimate(atomStreams, EqualWeightBenchmark(marketReturns, atomStreams.Length == 0 ? 0 : atomStreams[0].Length));
        }

        return new AtomConstraints(groups, groupCaps, capacity, betaBand, betas, assetCaps);
    }

    /// <summary>The universe's equal-weight daily return: the mean of every asset's return on each row.</summary>
    public static double[] EqualWeightBenchmark(IReadOnlyList<double[]> marketReturns, int rows)
    {
        ArgumentNullException.ThrowIfNull(marketReturns);
        if (marketReturns.Count == 0)
        {
            throw new TesseraValidationException("market", "0", "the benchmark needs at least one asset");
        }

        var benchmark = new double[rows];
        foreach (var column in marketReturns)
        {
            if (column.Length != rows)
            {
                throw new TesseraValidationException("market", column.Length.ToString(CultureInfo.InvariantCulture), $"every asset needs {rows} returns (the atom streams' calendar)");
            }

            for (var t = 0; t < rows; t++)
            {
                benchmark[t] += column[t];
            }
        }

        for (var t = 0; t < rows; t++)
        {
            benchmark[t] /= marketReturns.Count;
        }

        return benchmark;
    }

    /// <summary>These constraints plus the profile's per-atom max weight, as the allocators take them.</summary>
    public AllocationConstraints ToAllocation(double maxWeight) => new()
    {
        MaxWeight = maxWeight,
        AssetGroups = Groups,
        GroupCaps = GroupCaps,
        CapacityCaps = CapacityCaps,
        BetaBand = BetaBand,
    };
}
