using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

public sealed class AllocationWalkForwardTests
{
    [Fact]
    public void The_allocator_only_sees_train_windows_and_test_returns_are_the_weighted_mix()
    {
        const int n = 30;
        var a = new double[n];
        var b = new double[n];
        for (var t = 0; t < n; t++)
        {
            a[t] = t * 1e-3;        // encodes the index, so the allocator can tell which rows it saw
            b[t] = -t * 5e-4;
        }

        var seenMaxIndex = new List<int>();
        var result = AllocationWalkForward.Run([a, b], train =>
        {
            seenMaxIndex.Add((int)Math.Round(train[0][^1] / 1e-3));
            return [0.25, 0.75];
        }, train: 10, test: 5);

        // Rolling 10/5 over 30 rows: tests start at 10, 15, 20, 25.
        Assert.Equal(4, result.Splits.Count);
        Assert.Equal([9, 14, 19, 24], seenMaxIndex);
        Assert.Equal(20, result.OutOfSampleReturns.Length);
        for (var k = 0; k < 20; k++)
        {
            var t = 10 + k;
            Assert.Equal((0.25 * a[t]) + (0.75 * b[t]), result.OutOfSampleReturns[k], 15);
        }

        // r_p(t) = 0.25 t e-3 - 0.375 t e-3 = -0.125 t e-3 < 0 for t > 0: no profitable split.
        Assert.Equal(0.0, result.ShareOfProfitableSplits);
        Assert.True(result.TotalReturn < 0);
    }

    [Fact]
    public void Too_short_or_ragged_input_is_a_validation_error()
    {
        Assert.Throws<TesseraValidationException>(() => AllocationWalkForward.Run([new double[10]], _ => [1.0], train: 10, test: 5));
        Assert.Throws<TesseraValidationException>(() => AllocationWalkForward.Run([new double[30], new double[29]], _ => [0.5, 0.5], train: 10, test: 5));
        Assert.Throws<TesseraValidationException>(() => AllocationWalkForward.Run([new double[30]], _ => [0.5, 0.5], train: 10, test: 5));
    }
}
