namespace Tessera.Core.Portfolio.Allocation;

/// <summary>w_i proportional to 1 / sigma_i (diagonal of the covariance), then the constraints by projection.</summary>
public sealed class InverseVolatilityAllocator : IAllocator
{
    public string Name => "ivol";

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var covariance = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var vol = covariance.Volatilities();
        var target = new double[vol.Length];
        var sum = 0.0;
        for (var i = 0; i < vol.Length; i++)
        {
            target[i] = 1.0 / vol[i];
            sum += target[i];
        }

        for (var i = 0; i < vol.Length; i++)
        {
            target[i] /= sum;
        }

        var diagnostics = new List<string>();
        var weights = ConstraintProjection.Apply(Name, target, constraints, diagnostics);
        return AllocationResult.Create(Name, problem, covariance, weights, diagnostics);
    }
}
