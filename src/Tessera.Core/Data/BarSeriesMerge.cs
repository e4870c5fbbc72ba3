namespace Tessera.Core.Data;

/// <summary>What a merge did: bars with new timestamps, bars whose values changed at an existing timestamp, bars identical.</summary>
public readonly record struct MergeStats(int Added, int Replaced, int Unchanged)
{
    public bool Changed => Added + Replaced > 0;
}

/// <summary>
/// Merges an incoming series into an existing one of the same symbol, both sorted and unique in time. On equal
/// timestamps the incoming bar wins (keep-last); bars only in the existing series are kept, so history that a
/// new file no longer carries is preserved.
/// </summary>
public static class BarSeriesMerge
{
    public static (BarSeries Merged, MergeStats Stats) Merge(BarSeries? existing, BarSeries incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (existing is null || existing.Count == 0)
        {
            return (incoming, new MergeStats(incoming.Count, 0, 0));
        }

        if (!string.Equals(existing.Symbol, incoming.Symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"cannot merge {incoming.Symbol} into {existing.Symbol}", nameof(incoming));
        }

        var capacity = existing.Count + incoming.Count;
        var ts = new long[capacity];
        var o = new double[capacity];
        var h = new double[capacity];
        var l = new double[capacity];
        var c = new double[capacity];
        var v = new double[capacity];
        int i = 0, j = 0, k = 0, added = 0, replaced = 0, unchanged = 0;
        while (i < existing.Count || j < incoming.Count)
        {
            BarSeries from;
            int at;
            if (j >= incoming.Count || (i < existing.Count && existing.Timestamps[i] < incoming.Timestamps[j]))
            {
                from = existing;
                at = i++;
            }
            else if (i >= existing.Count || incoming.Timestamps[j] < existing.Timestamps[i])
            {
                from = incoming;
                at = j++;
                added++;
            }
            else
            {
                if (SameBar(existing, i, incoming, j))
                {
                    unchanged++;
                }
                else
                {
                    replaced++;
                }

                from = incoming;
                at = j++;
                i++;
            }

            ts[k] = from.Timestamps[at];
            o[k] = from.Open[at];
            h[k] = from.High[at];
            l[k] = from.Low[at];
            c[k] = from.Close[at];
            v[k] = from.Volume[at];
            k++;
        }

        var stats = new MergeStats(added, replaced, unchanged);
        if (!stats.Changed)
        {
            return (existing, stats);
        }

        return (new BarSeries(existing.Symbol, ts[..k], o[..k], h[..k], l[..k], c[..k], v[..k]), stats);
    }

    private static bool SameBar(BarSeries a, int i, BarSeries b, int j) =>
        a.Open[i].Equals(b.Open[j]) && a.High[i].Equals(b.High[j]) && a.Low[i].Equals(b.Low[j]) && a.Close[i].Equals(b.Close[j]) && a.Volume[i].Equals(b.Volume[j]);
}
