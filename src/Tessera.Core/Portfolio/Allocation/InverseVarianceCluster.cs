using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>Inverse-variance weights inside a cluster and the variance of that cluster portfolio.</summary>
internal static class InverseVarianceCluster
{
    public static double[] Weights(CovarianceMatrix cov, IReadOnlyList<int> members)
    {
        var w = new double[members.Count];
        var sum = 0.0;
        for (var a = 0; a < members.Count; a++)
        {
            w[a] = 1.0 / cov[members[a], members[a]];
            sum += w[a];
        }

        for (var a = 0; a < w.Length; a++)
        {
            w[a] /= sum;
        }

        return w;
    }

    public static double Variance(CovarianceMatrix cov, IReadOnlyList<int> members)
    {
        var w = Weights(cov, members);
        var v = 0.0;
        for (var a = 0; a < members.Count; a++)
        {
            for (var b = 0; b < members.Count; b++)
            {
                v += w[a] * w[b] * cov[members[a], members[b]];
            }
        }

        return v;
    }

    /// <summary>
    /// <see cref="Variance(CovarianceMatrix, IReadOnlyList{int})"/> on a span of member indices, without the interface
    /// calls and the weights array per call: the same operations in the same order, so the same double.
    /// </summary>
    public static double Variance(CovarianceMatrix cov, ReadOnlySpan<int> members, Span<double> scratch)
    {
        var values = cov.Values;
        var size = cov.Size;
        var m = members.Length;
        var w = scratch[..m];
        var sum = 0.0;
        for (var a = 0; a < m; a++)
        {
            w[a] = 1.0 / values[(members[a] * size) + members[a]];
            sum += w[a];
        }

        for (var a = 0; a < m; a++)
        {
            w[a] /= sum;
        }

        var v = 0.0;
        for (var a = 0; a < m; a++)
        {
            var wa = w[a];
            var row = values.AsSpan(members[a] * size, size);
            for (var b = 0; b < m; b++)
            {
                v += wa * w[b] * row[members[b]];
            }
        }

        return v;
    }
}
