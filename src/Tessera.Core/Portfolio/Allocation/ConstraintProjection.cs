namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Makes a heuristic engine's target weights t respect the constraints. The turnover penalty first
/// moves the target to t' = (t + lambda w_prev) / (1 + lambda), the minimizer of
/// ||w - t||^2 + lambda ||w - w_prev||^2. Then the closest feasible portfolio in the relative metric
/// sum (w_i - t'_i)^2 / t'_i is found with <see cref="QpSolver"/>: when only caps bind, its solution
/// scales the uncapped weights proportionally (the classic cap-and-redistribute rule), and the same
/// QP also honours group caps and the beta band, which hierarchical methods otherwise ignore.
/// </summary>
public static class ConstraintProjection
{
    private const double TargetFloor = 1e-8;

    public static double[] Apply(string method, double[] target, ResolvedConstraints constraints, List<string> diagnostics)
    {
        var n = target.Length;
        var t = (double[])target.Clone();
        if (constraints.PreviousWeights is { } prev && constraints.TurnoverPenalty > 0)
        {
            var lambda = constraints.TurnoverPenalty;
            for (var i = 0; i < n; i++)
            {
                t[i] = (t[i] + (lambda * prev[i])) / (1 + lambda);
            }

            diagnostics.Add("turnover: target blended toward previous weights with lambda=" + PortfolioInputValidation.Str(lambda));
        }

        // Rescale to the budget so an unconstrained problem returns the target exactly.
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += t[i];
        }

        for (var i = 0; i < n; i++)
        {
            t[i] *= constraints.Budget / sum;
        }

        if (!constraints.HasBindingStructure || IsFeasible(t, constraints))
        {
            return t;
        }

        var p = new double[n * n];
        var q = new double[n];
        for (var i = 0; i < n; i++)
        {
            p[(i * n) + i] = 2.0 / Math.Max(t[i], TargetFloor);
            q[i] = -2.0 * t[i] / Math.Max(t[i], TargetFloor);
        }

        var solution = new QpSolver().Solve(new QuadraticProgram(n, p, q, constraints.Lower, constraints.Upper, StandardRows.Build(n, constraints)), method);
        diagnostics.Add("constraints: target projected onto the feasible set (relative least squares, " + (solution.Polished ? "polished" : "ADMM only") + ")");
        return solution.X;
    }

    private static bool IsFeasible(double[] w, ResolvedConstraints c)
    {
        const double tol = 1e-12;
        for (var i = 0; i < w.Length; i++)
        {
            if (w[i] < c.Lower[i] - tol || w[i] > c.Upper[i] + tol)
            {
                return false;
            }
        }

        foreach (var group in c.Groups)
        {
            var s = 0.0;
            foreach (var i in group.Members)
            {
                s += w[i];
            }

            if (s > group.Cap + tol)
            {
                return false;
            }
        }

        if (c.BetaBand is { } band && c.Betas is { } betas)
        {
            var b = 0.0;
            for (var i = 0; i < w.Length; i++)
            {
                b += w[i] * betas[i];
            }

            if (Math.Abs(b) > band + tol)
            {
                return false;
            }
        }

        return true;
    }
}
