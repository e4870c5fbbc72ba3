using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;
using Tessera.Core.Validation;

namespace Tessera.Orchestrations.LifeCycle.Activities;

/// <summary>
/// Step 8c: out-of-sample validation of the chosen optimizer: a rolling walk-forward over the selected atoms'
/// streams (fit on train_days, hold the weights on test_days), with the same constraints and fallback policy
/// as the optimization step.
/// </summary>
public static class ValidateActivity
{
    /// <summary>Stated in the report: the atoms themselves were chosen with the whole sample.</summary>
    public const string Caveat =
        "validates the allocation method on the selected atoms; the atoms were selected with the whole sample, so the selection step itself is not validated out of sample here";

    public static async Task<ValidationOutput> RunAsync(ValidateInput input, LifeCycleServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var streams = await services.Artifacts.ReadJsonAsync<StreamsArtifact>(input.RunId, input.Streams, cancellationToken).ConfigureAwait(false);
        var allocator = OptimizeActivity.Resolve(input.Optimizer);
        var policy = new AllocationPolicy();
        var settings = input.Profile.Validation;
        var result = AllocationWalkForward.Run(
            streams.Streams,
            train => AllocateActive(train, streams.Atoms, allocator, policy, input.Profile.Optimization.MaxWeight),
            settings.TrainDays,
            settings.TestDays,
            WalkForwardMode.Rolling);
        var artifact = await services.Artifacts.WriteJsonAsync(
            input.RunId,
            "validation/walk_forward.json",
            new ValidationArtifact(
                input.Optimizer, settings.TrainDays, settings.TestDays, "rolling", result.Splits, result.TotalReturn, result.Cagr, result.Volatility,
                result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits, result.MeanSplitSharpe, result.SplitSharpeStdDev, Caveat),
            cancellationToken).ConfigureAwait(false);
        return new ValidationOutput(artifact, input.Optimizer, result.Splits.Count, result.Sharpe, result.ProbabilisticSharpe, result.MaxDrawdown, result.ShareOfProfitableSplits);
    }

    /// <summary>
    /// Allocates among the atoms that moved during the train window; a strategy atom that stayed flat there has
    /// no estimable risk and gets weight 0 for that split (it can still be chosen in later splits). When fewer than
    /// 1 / max_weight atoms are active, the cap is raised to 1 / active so the budget stays feasible.
    /// </summary>
    private static double[] AllocateActive(double[][] train, string[] atoms, IAllocator allocator, AllocationPolicy policy, double maxWeight)
    {
        var active = new List<int>(train.Length);
        for (var i = 0; i < train.Length; i++)
        {
            var column = train[i];
            for (var t = 1; t < column.Length; t++)
            {
                if (column[t] != column[0])
                {
                    active.Add(i);
                    break;
                }
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

        var allocation = policy.Allocate(allocator, new AllocationProblem
        {
            AssetIds = ids,
            Returns = columns,
            ExpectedReturns = ExpectedReturns.Historical(columns),
            Constraints = new AllocationConstraints { MaxWeight = Math.Max(maxWeight, 1.0 / active.Count) },
        });
        for (var k = 0; k < active.Count; k++)
        {
            weights[active[k]] = allocation.Weights[k];
        }

        return weights;
    }
}
