namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Hierarchical methods depend on the order of the assets (leaf order, bisection by position,
/// tie-breaks). Running them on the assets sorted by id (ordinal) and mapping back makes their
/// output invariant to the order in which the caller lists the assets.
/// </summary>
internal static class CanonicalOrder
{
    /// <summary>perm[k] = original index of the k-th asset in id order.</summary>
    public static int[] ById(IReadOnlyList<string> ids)
    {
        var perm = new int[ids.Count];
        for (var i = 0; i < perm.Length; i++)
        {
            perm[i] = i;
        }

        Array.Sort(perm, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
        return perm;
    }
}
