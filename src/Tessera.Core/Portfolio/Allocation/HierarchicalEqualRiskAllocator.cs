using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Clustering;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// HERC (Raffinot 2018, "The hierarchical equal risk contribution portfolio"): tree on the
/// correlation distance (Ward by default), cut into K clusters (gap statistic on the returns when
/// <see cref="ClusterCount"/> is not set), then top-down over the K - 1 upper merges: each side's
/// risk is the variance of the inverse-variance portfolio of all its assets and the left side gets
/// alpha_L = 1 - RC_L / (RC_L + RC_R); inside each final cluster, inverse-variance weights.
/// Risk measure = variance (documented choice among Raffinot's options). Assets in id order;
/// constraints applied afterwards by ConstraintProjection, as for HRP.
/// </summary>
public sealed class HierarchicalEqualRiskAllocator : IAllocator
{
    public string Name => "herc";

    public Linkage Linkage { get; init; } = Linkage.Ward;

    /// <summary>Fixed number of clusters; null chooses it by the gap statistic.</summary>
    public int? ClusterCount { get; init; }

    public int MaxClusters { get; init; } = 10;

    public int GapReferenceDraws { get; init; } = 10;

    public ulong Seed { get; init; } = 20180101;

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var cov = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var perm = CanonicalOrder.ById(problem.AssetIds);
        var sorted = cov.Subset(perm);
        var n = sorted.Size;
        var tree = HierarchicalClustering.BuildFromCovariance(sorted, Linkage);
        var diagnostics = new List<string>();
        int k;
        if (ClusterCount is { } fixedK)
        {
            if (fixedK < 1)
            {
                throw new TesseraValidationException("clusterCount", PortfolioInputValidation.Str(fixedK), "the number of clusters must be at least 1");
            }

            k = Math.Min(fixedK, n);
            diagnostics.Add("herc: K = " + PortfolioInputValidation.Str(k) + " (given)");
        }
        else
        {
            if (problem.Returns is null)
            {
                throw new TesseraValidationException("returns", null, "HERC chooses K by the gap statistic on returns; pass returns or set ClusterCount");
            }

            var sortedReturns = new double[n][];
            for (var a = 0; a < n; a++)
            {
                sortedReturns[a] = problem.Returns[perm[a]];
            }

            var gap = GapStatistic.Choose(sortedReturns, Linkage, Math.Min(MaxClusters, n), GapReferenceDraws, Seed);
            k = gap.ChosenK;
            diagnostics.Add("herc: K = " + PortfolioInputValidation.Str(k) + " by gap statistic (" + PortfolioInputValidation.Str(GapReferenceDraws) + " seeded reference draws)");
        }

        var wSorted = Weights(sorted, tree, k);
        var target = new double[n];
        for (var a = 0; a < n; a++)
        {
            target[perm[a]] = wSorted[a];
        }

        var w = ConstraintProjection.Apply(Name, target, constraints, diagnostics);
        return AllocationResult.Create(Name, problem, cov, w, diagnostics);
    }

    /// <summary>HERC weights for a tree cut into k clusters; indexed like the covariance.</summary>
    public static double[] Weights(CovarianceMatrix cov, Dendrogram tree, int k)
    {
        var n = cov.Size;
        var w = new double[n];
        Array.Fill(w, 1.0);
        var roots = new HashSet<int>(tree.CutRoots(k));
        var stack = new Stack<int>();
        stack.Push(tree.Root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (roots.Contains(node))
            {
                var members = tree.LeavesOf(node);
                var ivp = InverseVarianceCluster.Weights(cov, members);
                for (var a = 0; a < members.Length; a++)
                {
                    w[members[a]] *= ivp[a];
                }

                continue;
            }

            var (left, right) = tree.Children(node);
            var leftLeaves = tree.LeavesOf(left);
            var rightLeaves = tree.LeavesOf(right);
            var rl = InverseVarianceCluster.Variance(cov, leftLeaves);
            var rr = InverseVarianceCluster.Variance(cov, rightLeaves);
            var alpha = 1.0 - (rl / (rl + rr));
            foreach (var i in leftLeaves)
            {
                w[i] *= alpha;
            }

            foreach (var i in rightLeaves)
            {
                w[i] *= 1.0 - alpha;
            }

            stack.Push(right);
            stack.Push(left);
        }

        return w;
    }
}
