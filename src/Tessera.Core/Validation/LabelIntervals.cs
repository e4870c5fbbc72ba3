using Tessera.Core.Errors;

namespace Tessera.Core.Validation;

/// <summary>
/// The span of bars each observation's label depends on: observation i is known from bar Start[i] and
/// its label (e.g. a forward return or a trade outcome) is resolved at bar End[i] &gt;= Start[i].
/// Observations must be sorted by Start (time order), as in AFML chapter 7.
/// </summary>
public sealed class LabelIntervals
{
    public LabelIntervals(int[] start, int[] end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (start.Length != end.Length)
        {
            throw new TesseraValidationException("end", end.Length.ToString(), "must have one entry per observation (" + start.Length + ")");
        }

        for (var i = 0; i < start.Length; i++)
        {
            if (end[i] < start[i])
            {
                throw new TesseraValidationException("end", end[i].ToString(), "label end must be >= its start " + start[i], "observation " + i);
            }

            if (i > 0 && start[i] < start[i - 1])
            {
                throw new TesseraValidationException("start", start[i].ToString(), "observations must be sorted by start", "observation " + i);
            }
        }

        Start = start;
        End = end;
    }

    public int[] Start { get; }

    public int[] End { get; }

    public int Count => Start.Length;

    /// <summary>Observation i labelled over [i, i + horizon] (e.g. an h-bar forward return).</summary>
    public static LabelIntervals FixedHorizon(int count, int horizon)
    {
        var s = new int[count];
        var e = new int[count];
        for (var i = 0; i < count; i++)
        {
            s[i] = i;
            e[i] = i + horizon;
        }

        return new LabelIntervals(s, e);
    }

    public bool Overlaps(int i, int spanStart, int spanEnd) => Start[i] <= spanEnd && End[i] >= spanStart;
}

/// <summary>Indices of one cross-validation split (sorted ascending).</summary>
public sealed record CvSplit(int Index, int[] Train, int[] Test);

internal static class Partition
{
    /// <summary>The purge gap must be a non-negative number of bars.</summary>
    public static void RequireGap(int gap)
    {
        if (gap < 0)
        {
            throw new Errors.TesseraValidationException("gap", gap.ToString(System.Globalization.CultureInfo.InvariantCulture), "the purge gap must be >= 0 bars");
        }
    }

    /// <summary>Contiguous groups like numpy.array_split: the first (n % k) groups get one extra element.</summary>
    public static (int Start, int End)[] Contiguous(int n, int groups)
    {
        var result = new (int, int)[groups];
        var size = n / groups;
        var extra = n % groups;
        var pos = 0;
        for (var g = 0; g < groups; g++)
        {
            var len = size + (g < extra ? 1 : 0);
            result[g] = (pos, pos + len);
            pos += len;
        }

        return result;
    }

    /// <summary>
    /// Training indices after purging against every test block and embargoing h observations after each:
    /// observation i survives when it is not in a test block, its label interval does not overlap the label
    /// span [min Start - gap, max End + gap] of any test block (the gap is the Alpha blueprint's purge buffer of bars
    /// around the test boundary; 0 purges by label overlap alone), and its Start is not within h bars after that
    /// widened span.
    /// </summary>
    public static int[] PurgedTrain(LabelIntervals labels, bool[] isTest, IReadOnlyList<(int Start, int End)> testBlocks, int embargo, int gap = 0)
    {
        var spans = new (int S, int E)[testBlocks.Count];
        for (var b = 0; b < testBlocks.Count; b++)
        {
            var (a, z) = testBlocks[b];
            var maxEnd = int.MinValue;
            for (var i = a; i < z; i++)
            {
                maxEnd = Math.Max(maxEnd, labels.End[i]);
            }

            spans[b] = (labels.Start[a] - gap, maxEnd + gap);
        }

        var train = new List<int>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            if (isTest[i])
            {
                continue;
            }

            var keep = true;
            foreach (var (s, e) in spans)
            {
                if (labels.Overlaps(i, s, e) || (labels.Start[i] > e && labels.Start[i] <= e + embargo))
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                train.Add(i);
            }
        }

        return [.. train];
    }
}
