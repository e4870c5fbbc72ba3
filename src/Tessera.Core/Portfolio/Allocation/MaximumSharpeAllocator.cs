using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Maximum Sharpe ratio in the homogenized form (ALGORITHMS.md): minimize y' Sigma y subject to
/// (mu - rf)' y = 1, 1'y = budget * k, k &gt;= 0, bounds scaled by k (lo k &lt;= y &lt;= hi k), group caps
/// scaled by k, and the beta band as -band k &lt;= beta' y &lt;= band k; then w = y / k. This is a convex
/// QP, so the constraints hold exactly at the optimum (no post-hoc clipping).
/// When every mu_i &lt;= rf no portfolio has a positive excess return: <see cref="InfeasibleProblemException"/>.
/// The turnover penalty is not homogenizable (w = y/k is not linear), so it is applied after the
/// solve by the same blend-and-project rule as the heuristic engines; documented in ALLOCATION.md.
/// Expected returns default to the historical means of the returns.
/// </summary>
public sealed class MaximumSharpeAllocator : IAllocator
{
    public string Name => "maxsharpe";

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var raw = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var n = problem.Count;
        var mu = problem.ExpectedReturns;
        if (mu is null)
        {
            mu = problem.Returns is { } r
                ? ExpectedReturns.Historical(r)
                : throw new Errors.TesseraValidationException("expectedReturns", null, "maximum Sharpe needs expected returns or a returns matrix");
        }

        PortfolioInputValidation.RequireFiniteVector("expectedReturns", mu, n);
        var rf = problem.RiskFreeRate;
        var best = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            best = Math.Max(best, mu[i] - rf);
        }

        if (best <= 0)
        {
            throw new InfeasibleProblemException(Name, "expectedReturns", "max(mu - rf) = " + PortfolioInputValidation.Str(best), "every expected return is at or below the risk-free rate " + PortfolioInputValidation.Str(rf) + ": no long-only portfolio has a positive Sharpe ratio");
        }

        var conditioning = CovarianceConditioning.Prepare(raw);
        var cov = conditioning.Covariance;
        var m = n + 1;
        var p = new double[m * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                p[(i * m) + j] = 2.0 * cov.Values[(i * n) + j];
            }
        }

        var lower = new double[m];
        var upper = new double[m];
        Array.Fill(upper, double.PositiveInfinity);
        var rows = new List<LinearConstraint>();
        var excess = new double[m];
        for (var i = 0; i < n; i++)
        {
            excess[i] = mu[i] - rf;
        }

        rows.Add(new LinearConstraint("excessReturn", excess, 1.0, 1.0));
        var budget = new double[m];
        for (var i = 0; i < n; i++)
        {
            budget[i] = 1.0;
        }

        budget[n] = -constraints.Budget;
        rows.Add(new LinearConstraint("budget", budget, 0.0, 0.0));
        for (var i = 0; i < n; i++)
        {
            // y_i >= 0 is a plain bound; a positive minimum or a binding maximum scales with k.
            if (constraints.Lower[i] > 0)
            {
                var a = new double[m];
                a[i] = 1.0;
                a[n] = -constraints.Lower[i];
                rows.Add(new LinearConstraint("min:" + problem.AssetIds[i], a, 0.0, double.PositiveInfinity));
            }

            if (constraints.Upper[i] < constraints.Budget)
            {
                var a = new double[m];
                a[i] = 1.0;
                a[n] = -constraints.Upper[i];
                rows.Add(new LinearConstraint("max:" + problem.AssetIds[i], a, double.NegativeInfinity, 0.0));
            }
        }

        foreach (var group in constraints.Groups)
        {
            var a = new double[m];
            foreach (var i in group.Members)
            {
                a[i] = 1.0;
            }

            a[n] = -group.Cap;
            rows.Add(new LinearConstraint("group:" + group.Name, a, double.NegativeInfinity, 0.0));
        }

        if (constraints.BetaBand is { } band && constraints.Betas is { } betas)
        {
            var hi = new double[m];
            var lo = new double[m];
            for (var i = 0; i < n; i++)
            {
                hi[i] = betas[i];
                lo[i] = betas[i];
            }

            hi[n] = -band;
            lo[n] = band;
            rows.Add(new LinearConstraint("betaBand:upper", hi, double.NegativeInfinity, 0.0));
            rows.Add(new LinearConstraint("betaBand:lower", lo, 0.0, double.PositiveInfinity));
        }

        var solution = new QpSolver().Solve(new QuadraticProgram(m, p, new double[m], lower, upper, rows), Name);
        var k = solution.X[n];
        if (!(k > 0))
        {
            throw new InfeasibleProblemException(Name, "k", PortfolioInputValidation.Str(k), "the homogenized problem returned k <= 0: no portfolio with positive excess return satisfies the constraints");
        }

        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = solution.X[i] / k;
        }

        var diagnostics = new List<string>(conditioning.Notes) { SolverDiagnostics.Describe(solution), "homogenization scale k = " + PortfolioInputValidation.Str(k) };
        if (constraints.TurnoverPenalty > 0)
        {
            w = ConstraintProjection.Apply(Name, w, constraints, diagnostics);
        }

        return AllocationResult.Create(Name, problem, cov, w, diagnostics, solution);
    }
}
