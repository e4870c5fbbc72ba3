using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Validation;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// Step 8c of the atomic life cycle: out-of-sample validation of the chosen allocation engine, a rolling
/// walk-forward over the atoms' streams (fit on <c>trainDays</c>, hold the weights on <c>testDays</c>) with the
/// constraints and fallback policy of the optimization step.
/// </summary>
public static class ValidationStep
{
    public const WalkForwardMode Mode = WalkForwardMode.Rolling;

    /// <summary>Stated in the report: the atoms themselves were chosen with the whole sample.</summary>
    public const string Caveat =
        "validates the allocation method on the selected atoms; the atoms were selected with the whole sample, so the selection step itself is not validated out of sample here";

    public static AllocationWalkForwardResult Run(IAllocator engine, IReadOnlyList<string> atoms, double[][] streams, double maxWeight, int trainDays, int testDays, ICovarianceEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(streams);
        var policy = new AllocationPolicy();
        return AllocationWalkForward.Run(streams, train => AllocateActive(train, atoms, engine, policy, maxWeight, estimator), trainDays, testDays, Mode);
    }

    /// <summary>
    /// Purged K-fold of the chosen engine over the atoms' streams (<see cref="AllocationPurgedCv"/>: training rows
    /// purged by label overlap widened by <paramref name="gap"/> bars, embargoed after each test block), with the same
    /// active-atom rule, cap and estimator as the walk-forward.
    /// </summary>
    public static AllocationPurgedCvResult PurgedCv(IAllocator engine, IReadOnlyList<string> atoms, double[][] streams, double maxWeight, int folds, int labelHorizon, double embargoPct, int gap, ICovarianceEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(streams);
        var policy = new AllocationPolicy();
        return AllocationPurgedCv.Run(streams, train => AllocateActive(train, atoms, engine, policy, maxWeight, estimator), folds, labelHorizon, embargoPct, gap);
    }

    /// <summary>
    /// Allocates among the atoms that moved during the train window; a strategy atom that stayed flat there has
    /// no estimable risk and gets weight 0 for that split (it can still be chosen in later splits). When fewer than
    /// 1 / max_weight atoms are active, the cap is raised to 1 / active so the budget stays feasible.
    /// </summary>
    public static double[] AllocateActive(double[][] train, IReadOnlyList<string> atoms, IAllocator engine, AllocationPolicy policy, double maxWeight, ICovarianceEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(policy);
        var active = new List<int>(train.Length);
        for (var i = 0; i < train.Length; i++)
        {
            if (!SynthesisStep.IsConstant(train[i]))
            {
                active.Add(i);
            }
        }

        var weights = new double[train.Length];
        if (active.Count == 0)
        {
            return weights; // nothing to hold in this window
        }

        var columns = new double[active.Count][];
        var ids = new string[active.Count];
        for (var k = 0; k < active.Count; k++)
        {
            columns[k] = train[active[k]];
            ids[k] = atoms[active[k]];
        }

        var allocation = policy.Allocate(engine, new AllocationProblem
        {
            AssetIds = ids,
            Returns = columns,
            ExpectedReturns = ExpectedReturns.Historical(columns),
            CovarianceEstimator = estimator,
            Constraints = new AllocationConstraints { MaxWeight = Math.Max(maxWeight, 1.0 / active.Count) },
        });
        for (var k = 0; k < active.Count; k++)
        {
            weights[active[k]] = allocation.Weights[k];
        }

        return weights;
    }
}
