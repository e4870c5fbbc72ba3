using System.Runtime.CompilerServices;
using Tessera.Core.Errors;
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
/// The id order is applied through index maps, not by copying the covariance: single linkage goes from the covariance
/// to the spanning tree directly (CovarianceSingleLinkage), and the bisection reads the covariance in leaf order
/// (QuasiDiagonalBisection); both give the same doubles as the distance-matrix route and the straightforward bisection.
/// The kernels are compiled fully optimised on their first call (AggressiveOptimization): a process allocates a handful
/// of times, too few calls for tiered compilation to promote them, and their tier-0 code is several times slower.
/// </summary>
public sealed class HierarchicalRiskParityAllocator : IAllocator
{
    public string Name => "hrp";

    public Linkage Linkage { get; init; } = Linkage.Single;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AllocationResult Allocate(AllocationProblem problem)
    {
        var cov = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var perm = CanonicalOrder.ById(problem.AssetIds);
        var n = cov.Size;
        var order = HierarchicalClustering.BuildFromCovariance(cov, perm, Linkage).LeafOrder();

        // Leaf position p holds the asset perm[order[p]] of the caller's order.
        var assetAt = new int[n];
        for (var p = 0; p < n; p++)
        {
            assetAt[p] = perm[order[p]];
        }

        var byPosition = new double[n];
        QuasiDiagonalBisection.Compute(cov.Values, n, assetAt, byPosition);
        var target = new double[n];
        for (var p = 0; p < n; p++)
        {
            target[assetAt[p]] = byPosition[p];
        }

        var diagnostics = new List<string> { "hrp: " + Linkage + " linkage, quasi-diagonal order of " + PortfolioInputValidation.Str(n) + " leaves" };
        var w = ConstraintProjection.Apply(Name, target, constraints, diagnostics);
        return AllocationResult.Create(Name, problem, cov, w, diagnostics);
    }

    /// <summary>
    /// Recursive bisection over the given order (distinct indices of the covariance); weights indexed like the
    /// covariance, 1 for an index the order does not list.
    /// </summary>
    public static double[] Bisect(Estimators.CovarianceMatrix cov, int[] order)
    {
        ArgumentNullException.ThrowIfNull(cov);
        ArgumentNullException.ThrowIfNull(order);
        var seen = new bool[cov.Size];
        foreach (var i in order)
        {
            if ((uint)i >= (uint)cov.Size || seen[i])
            {
                throw new TesseraValidationException("order", PortfolioInputValidation.Str(i), "the order must list distinct asset indices in [0, " + PortfolioInputValidation.Str(cov.Size) + ")");
            }

            seen[i] = true;
        }

        var byPosition = new double[order.Length];
        QuasiDiagonalBisection.Compute(cov.Values, cov.Size, order, byPosition);
        var w = new double[cov.Size];
        Array.Fill(w, 1.0);
        for (var p = 0; p < order.Length; p++)
        {
            w[order[p]] = byPosition[p];
        }

        return w;
    }
}
