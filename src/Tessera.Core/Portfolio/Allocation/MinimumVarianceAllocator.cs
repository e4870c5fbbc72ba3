using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// minimize w' Sigma w + lambda ||w - w_prev||^2 subject to 1'w = budget, per-asset bounds
/// (min/max/capacity), group caps and the beta band |w' beta| &lt;= band, all inside the QP
/// (<see cref="QpSolver"/>). The covariance is conditioned first (PD repair, ridge to kappa &lt; 5000)
/// and every change is listed in the diagnostics.
/// </summary>
public sealed class MinimumVarianceAllocator : IAllocator
{
    public string Name => "minvar";

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var raw = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var conditioning = CovarianceConditioning.Prepare(raw);
        var cov = conditioning.Covariance;
        var n = problem.Count;
        var p = new double[n * n];
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = 2.0 * cov.Values[k];
        }

        var q = new double[n];
        var factor = conditioning.Factor;
        if (constraints.PreviousWeights is { } prev && constraints.TurnoverPenalty > 0)
        {
            for (var i = 0; i < n; i++)
            {
                p[(i * n) + i] += 2.0 * constraints.TurnoverPenalty;
                q[i] = -2.0 * constraints.TurnoverPenalty * prev[i];
            }

            factor = null; // P is no longer 2 Sigma
        }

        var solution = new QpSolver().Solve(new QuadraticProgram(n, p, q, constraints.Lower, constraints.Upper, StandardRows.Build(n, constraints)), Name, factor, 2.0);
        var diagnostics = new List<string>(conditioning.Notes) { SolverDiagnostics.Describe(solution) };
        return AllocationResult.Create(Name, problem, cov, (double[])solution.X.Clone(), diagnostics, solution);
    }
}
