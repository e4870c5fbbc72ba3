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
}
