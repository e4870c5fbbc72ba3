namespace Tessera.Core.Regime.Hmm;

/// <summary>A change of the labelled regime between two consecutive filtered readings (REGIME_CHANGED): on <see cref="Date"/> the label became <see cref="To"/>.</summary>
public sealed record RegimeChange(DateOnly Date, HmmRegime From, HmmRegime To);

/// <summary>
/// Where the labelled regime changes. A reading's label is the label of the state with the highest FILTERED probability
/// (ties to the lower state index, as <see cref="HmmRegimeStep"/>); a change is a label differing from the previous
/// reading's label, so two Neutral states of a larger model switching is no change.
/// </summary>
public static class RegimeChanges
{
    /// <summary>The label of each row of <paramref name="filtered"/> (rows time, columns states).</summary>
    public static HmmRegime[] FilteredLabels(double[,] filtered, IReadOnlyList<HmmRegime> labels)
    {
        ArgumentNullException.ThrowIfNull(filtered);
        ArgumentNullException.ThrowIfNull(labels);
        if (filtered.GetLength(1) != labels.Count)
        {
            throw new ArgumentException("one label per state (column) is needed", nameof(labels));
        }

        var t = filtered.GetLength(0);
        var result = new HmmRegime[t];
        for (var n = 0; n < t; n++)
        {
            var best = 0;
            for (var s = 1; s < labels.Count; s++)
            {
                if (filtered[n, s] > filtered[n, best])
                {
                    best = s;
                }
            }

            result[n] = labels[best];
        }

        return result;
    }

    /// <summary>
    /// The changes over the readings dated after <paramref name="after"/>, starting from <paramref name="previous"/> (the
    /// persisted model's label at its last day). Without a previous label (a first fit) there is nothing to compare
    /// with and no change is reported. <paramref name="dates"/> ascend and pair with <paramref name="readings"/>.
    /// </summary>
    public static IReadOnlyList<RegimeChange> Since(HmmRegime? previous, DateOnly after, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<HmmRegime> readings)
    {
        if (dates.Length != readings.Length)
        {
            throw new ArgumentException("dates and readings differ in length", nameof(readings));
        }

        var changes = new List<RegimeChange>();
        if (previous is not { } last)
        {
            return changes;
        }

        for (var n = 0; n < dates.Length; n++)
        {
            if (dates[n] <= after)
            {
                continue;
            }

            if (readings[n] != last)
            {
                changes.Add(new RegimeChange(dates[n], last, readings[n]));
                last = readings[n];
            }
        }

        return changes;
    }
}
