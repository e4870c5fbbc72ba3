using Tessera.Core.Portfolio.Clustering;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// HRP (Lopez de Prado 2016, "Building diversified portfolios that outperform out of sample"):
/// d = sqrt(0.5 (1 - rho)); single linkage on d (the paper's choice; we keep it so results match
/// the paper) ; quasi-diagonal order = dendrogram leaves; recursive bisection by position (first
/// half = floor(len/2) items); inside each half inverse-variance weights give V; alpha =
/// 1 - V_L/(V_L + V_R) goes to the left half. Assets are processed in id order (invariance to the
/// input order). Constraints are applied afterwards by ConstraintProjection (HRP has no native
/// constraints): caps, group caps and the beta band hold on the output, documented in ALLOCATION.md.
/// </summary>
public sealed class HierarchicalRiskParityAllocator : IAllocator
{
    public string Name => "hrp";

    public Linkage Linkage { get; init; } = Linkage.Single;

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var cov = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var perm = CanonicalOrder.ById(problem.AssetIds);
        var sorted = cov.Subset(perm);
        var n = sorted.Size;
        var tree = HierarchicalClustering.Build(CorrelationDistance.FromCovariance(sorted), n, Linkage);
        var order = tree.LeafOrder();
        var wSorted = Bisect(sorted, order);
        var target = new double[n];
        for (var k = 0; k < n; k++)
        {
            target[perm[k]] = wSorted[k];
        }

        var diagnostics = new List<string> { "hrp: " + Linkage + " linkage, quasi-diagonal order of " + PortfolioInputValidation.Str(n) + " leaves" };
        var w = ConstraintProjection.Apply(Name, target, constraints, diagnostics);
        return AllocationResult.Create(Name, problem, cov, w, diagnostics);
    }

    /// <summary>Recursive bisection over the given order; weights indexed like the covariance.</summary>
    public static double[] Bisect(Estimators.CovarianceMatrix cov, int[] order)
    {
        var w = new double[cov.Size];
        Array.Fill(w, 1.0);
        var scratch = new double[order.Length];
        var stack = new Stack<(int Start, int Length)>();
        stack.Push((0, order.Length));
        while (stack.Count > 0)
        {
            var (start, length) = stack.Pop();
            if (length <= 1)
            {
                continue;
            }

            var half = length / 2;
            var left = order.AsSpan(start, half);
            var right = order.AsSpan(start + half, length - half);
            var vl = InverseVarianceCluster.Variance(cov, left, scratch);
            var vr = InverseVarianceCluster.Variance(cov, right, scratch);
            var alpha = 1.0 - (vl / (vl + vr));
            foreach (var i in left)
            {
                w[i] *= alpha;
            }

            foreach (var i in right)
            {
                w[i] *= 1.0 - alpha;
            }

            stack.Push((start + half, length - half));
            stack.Push((start, half));
        }

        return w;
    }
}
