namespace Tessera.Core.Meta;

/// <summary>
/// The graph of metas that list other metas as sleeves. A meta may contain another meta, never itself, directly or
/// through others: <see cref="FindCycle"/> returns the first cycle found (as the path that closes it) or null.
/// </summary>
public static class MetaGraph
{
    /// <param name="root">the meta being loaded.</param>
    /// <param name="childMetas">the metas a meta lists as sleeves (unknown names are the caller's error, not a cycle).</param>
    public static IReadOnlyList<string>? FindCycle(string root, Func<string, IReadOnlyList<string>> childMetas)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(childMetas);
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        return Visit(root, childMetas, path, onPath, done);
    }

    private static List<string>? Visit(string node, Func<string, IReadOnlyList<string>> childMetas, List<string> path, HashSet<string> onPath, HashSet<string> done)
    {
        if (onPath.Contains(node))
        {
            var start = path.IndexOf(node);
            var cycle = path.GetRange(start, path.Count - start);
            cycle.Add(node);
            return cycle;
        }

        if (!done.Add(node))
        {
            return null;
        }

        path.Add(node);
        onPath.Add(node);
        foreach (var child in childMetas(node))
        {
            if (Visit(child, childMetas, path, onPath, done) is { } found)
            {
                return found;
            }
        }

        path.RemoveAt(path.Count - 1);
        onPath.Remove(node);
        return null;
    }
}
