using Tessera.Core.LifeCycle;
using Tessera.Core.Portfolio.Allocation;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class ValidationStepTests
{
    private sealed class Unused : IAllocator
    {
        public string Name => "unused";

        public AllocationResult Allocate(AllocationProblem problem) => throw new InvalidOperationException("must not be called");
    }

    [Fact]
    public void Only_atoms_that_moved_in_the_train_window_get_weight_and_the_cap_is_raised_to_keep_the_budget_feasible()
    {
        double[][] train = [[0.01, -0.01, 0.02], [0.0, 0.0, 0.0], [0.03, 0.01, -0.02]];

        // Two active atoms under max_weight 0.1: the cap becomes 1/2, equal weight puts 0.5 on each, the flat atom 0.
        var weights = ValidationStep.AllocateActive(train, ["a", "flat", "c"], new EqualWeightAllocator(), new AllocationPolicy(), 0.1);
        Assert.Equal([0.5, 0.0, 0.5], weights);
    }

    [Fact]
    public void A_window_where_nothing_moved_holds_nothing_without_asking_the_engine()
    {
        double[][] train = [[0.0, 0.0], [0.01, 0.01]];
        Assert.Equal([0.0, 0.0], ValidationStep.AllocateActive(train, ["a", "b"], new Unused(), new AllocationPolicy(), 0.1));
    }

    [Fact]
    public void The_walk_forward_fits_on_each_train_window_and_holds_the_weights_on_the_next_test_window()
    {
        double[] a = [0.01, -0.01, 0.02, 0.01, -0.02, 0.03, 0.00];
        double[] b = [0.00, 0.02, -0.01, 0.03, 0.00, -0.01, 0.02];

        // Rolling, train 3, test 2 over 7 days: tests on [3, 5) and [5, 7); equal weight 0.5 / 0.5 each time.
        // Out-of-sample returns 0.5 (a + b): 0.02, -0.01 | 0.01, 0.01.
        var result = ValidationStep.Run(new EqualWeightAllocator(), ["a", "b"], [a, b], maxWeight: 1.0, trainDays: 3, testDays: 2);

        Assert.Equal(2, result.Splits.Count);
        Assert.Equal((0, 0, 3, 3, 5), (result.Splits[0].Index, result.Splits[0].TrainStart, result.Splits[0].TrainEnd, result.Splits[0].TestStart, result.Splits[0].TestEnd));
        Assert.Equal((1, 2, 5, 5, 7), (result.Splits[1].Index, result.Splits[1].TrainStart, result.Splits[1].TrainEnd, result.Splits[1].TestStart, result.Splits[1].TestEnd));
        Assert.Equal((1.02 * 0.99) - 1, result.Splits[0].TestReturn, 12);
        Assert.Equal((1.01 * 1.01) - 1, result.Splits[1].TestReturn, 12);
        Assert.Equal((1.02 * 0.99 * 1.01 * 1.01) - 1, result.TotalReturn, 12);
        Assert.Equal(1.0, result.ShareOfProfitableSplits);
    }
}
