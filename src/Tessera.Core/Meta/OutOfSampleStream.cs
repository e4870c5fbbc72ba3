using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Validation;

namespace Tessera.Core.Meta;

/// <summary>
/// A sleeve's walk-forward out-of-sample return stream with its dates: the test windows of the life cycle's
/// walk-forward validation of the chosen optimizer, concatenated in order (weights fitted on each train window only,
/// held over the test window that follows). This is the stream a meta portfolio ensembles: the in-sample stream (the
/// final weights applied to the whole history) would let the meta allocate on returns its sleeves were fitted to.
/// </summary>
public static class OutOfSampleStream
{
    /// <summary>The one name of the stream a meta uses, recorded in every sleeve stream, the meta manifest and report.</summary>
    public const string Kind = "walk_forward_oos";

    /// <summary>
    /// The dates of the concatenated out-of-sample series: every split's test window
    /// [<c>TestStart</c>, <c>TestEnd</c>) of <paramref name="timestamps"/> in split order. The windows must lie inside
    /// the calendar and follow each other (strictly increasing dates), and their total length must equal
    /// <paramref name="returns"/>' length; anything else is a corrupt validation result.
    /// </summary>
    public static long[] Dates(long[] timestamps, IReadOnlyList<AllocationSplitResult> splits, int returns)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(splits);
        var total = 0;
        var previousEnd = 0;
        foreach (var s in splits)
        {
            if (s.TestStart < previousEnd || s.TestEnd <= s.TestStart || s.TestEnd > timestamps.Length)
            {
                throw new TesseraValidationException(
                    "validation.splits", s.Index.ToString(CultureInfo.InvariantCulture),
                    $"test windows must be non-empty, inside the {timestamps.Length}-date calendar and in order without overlap");
            }

            total += s.TestEnd - s.TestStart;
            previousEnd = s.TestEnd;
        }

        if (total != returns)
        {
            throw new TesseraValidationException(
                "validation.out_of_sample_returns", returns.ToString(CultureInfo.InvariantCulture),
                $"one return per test-window date ({total.ToString(CultureInfo.InvariantCulture)})");
        }

        var dates = new long[total];
        var k = 0;
        foreach (var s in splits)
        {
            for (var t = s.TestStart; t < s.TestEnd; t++)
            {
                dates[k++] = timestamps[t];
            }
        }

        return dates;
    }
}
