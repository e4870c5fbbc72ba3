using Tessera.Core.Errors;
using Tessera.Core.Meta;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Meta;

/// <summary>The sleeve's out-of-sample stream: the walk-forward's test windows, dated, on hand-worked numbers.</summary>
public sealed class OutOfSampleStreamTests
{
    private static readonly long[] Calendar = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109];

    [Fact]
    public void The_stream_is_the_test_windows_in_order_with_their_dates_and_never_a_train_day()
    {
        // Ten days, train 4, test 3, rolling: tests [4,7) and [7,10) (day 10 would need a third full window).
        // Equal weights on two atoms: the out-of-sample return of day t is (a_t + b_t) / 2.
        double[] a = [0.01, 0.02, 0.03, 0.04, 0.05, -0.01, 0.00, 0.02, -0.02, 0.01];
        double[] b = [0.03, 0.00, 0.01, 0.02, -0.01, 0.03, 0.02, 0.00, 0.04, -0.01];
        var result = AllocationWalkForward.Run([a, b], _ => [0.5, 0.5], train: 4, test: 3);

        var dates = OutOfSampleStream.Dates(Calendar, result.Splits, result.OutOfSampleReturns.Length);

        Assert.Equal([104L, 105, 106, 107, 108, 109], dates);
        double[] expected = [0.02, 0.01, 0.01, 0.01, 0.01, 0.0];
        Assert.Equal(expected.Length, result.OutOfSampleReturns.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.OutOfSampleReturns[i], 12);
        }
    }

    [Fact]
    public void A_return_count_that_does_not_match_the_test_windows_is_refused()
    {
        var splits = new[] { new AllocationSplitResult(0, 0, 4, 4, 7, 0, 0, 0), new AllocationSplitResult(1, 3, 7, 7, 10, 0, 0, 0) };
        var ex = Assert.Throws<TesseraValidationException>(() => OutOfSampleStream.Dates(Calendar, splits, 5));
        Assert.Equal("validation.out_of_sample_returns", ex.Field);
        Assert.Contains("(6)", ex.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 7, 6, 10)] // overlapping test windows
    [InlineData(4, 7, 7, 11)] // past the calendar
    [InlineData(4, 4, 7, 10)] // an empty window
    public void Test_windows_out_of_order_overlapping_or_outside_the_calendar_are_refused(int start0, int end0, int start1, int end1)
    {
        var splits = new[] { new AllocationSplitResult(0, 0, start0, start0, end0, 0, 0, 0), new AllocationSplitResult(1, 0, start1, start1, end1, 0, 0, 0) };
        var ex = Assert.Throws<TesseraValidationException>(() => OutOfSampleStream.Dates(Calendar, splits, end0 - start0 + end1 - start1));
        Assert.Equal("validation.splits", ex.Field);
    }
}
