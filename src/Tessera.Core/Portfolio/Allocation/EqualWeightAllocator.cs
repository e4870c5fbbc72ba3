namespace Tessera.Core.Portfolio.Allocation;

/// <summary>1/N on every asset, then the constraints (caps, groups, beta band, turnover) by projection.</summary>
public sealed class EqualWeightAllocator : IAllocator
{
    public string Name => "ew";

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var covariance = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var n = problem.Count;
        var target = new double[n];
        Array.Fill(target, 1.0 / n);
        var diagnostics = new List<string>();
        var weights = ConstraintProjection.Apply(Name, target, constraints, diagnostics);
        return AllocationResult.Create(Name, problem, covariance, weights, diagnostics);
    }
}
