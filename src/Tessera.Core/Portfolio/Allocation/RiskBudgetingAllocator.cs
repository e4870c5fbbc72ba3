using Tessera.Core.Errors;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Equal risk contribution / risk budgeting (Spinu 2013, "An algorithm for computing risk parity
/// weights"): minimize 1/2 x' S x - sum b_i ln x_i by cyclical coordinate descent,
/// x_i &lt;- (-c_i + sqrt(c_i^2 + 4 s_ii b_i)) / (2 s_ii), c_i = (S x)_i - s_ii x_i, keeping S x
/// updated in O(n) per coordinate; stop when max |x_i (S x)_i - b_i| &lt; 1e-14 (S scaled to unit
/// mean diagonal), then w = x / sum x. At the optimum RC_i = b_i exactly up to that tolerance.
/// Risk budgeting has no native bounds or linear constraints; when the problem has any, the
/// solution is projected onto them afterwards (ConstraintProjection) and the diagnostics say the
/// contributions are no longer exactly the budgets.
/// </summary>
public sealed class RiskBudgetingAllocator : IAllocator
{
    private const double Tolerance = 1e-14;

    public int MaxSweeps { get; init; } = 100_000;

    public string Name => "erc";

    public AllocationResult Allocate(AllocationProblem problem)
    {
        var raw = problem.ResolveCovariance();
        var constraints = ResolvedConstraints.Resolve(Name, problem);
        var conditioning = CovarianceConditioning.Prepare(raw);
        var cov = conditioning.Covariance;
        var n = problem.Count;
        var budgets = Budgets(problem, n);
        var (x, sweeps) = Solve(cov, budgets, Name, MaxSweeps);
        var diagnostics = new List<string>(conditioning.Notes) { "spinu ccd: " + PortfolioInputValidation.Str(sweeps) + " sweeps" };
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += x[i];
        }

        for (var i = 0; i < n; i++)
        {
            x[i] *= constraints.Budget / total;
        }

        var w = ConstraintProjection.Apply(Name, x, constraints, diagnostics);
        if (diagnostics.Exists(d => d.StartsWith("constraints:", StringComparison.Ordinal)))
        {
            diagnostics.Add("risk contributions deviate from the budgets because constraints bind");
        }

        return AllocationResult.Create(Name, problem, cov, w, diagnostics);
    }

    /// <summary>Unnormalized Spinu solution x (with x_i (S x)_i = b_i) and the sweeps used.</summary>
    public static (double[] X, int Sweeps) Solve(CovarianceMatrix cov, double[] budgets, string method, int maxSweeps = 100_000)
    {
        var n = cov.Size;
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            scale += cov[i, i];
        }

        scale /= n;
        var s = new double[n * n];
        for (var k = 0; k < s.Length; k++)
        {
            s[k] = cov.Values[k] / scale;
        }

        var x = new double[n];
        var sx = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Sqrt(budgets[i] / s[(i * n) + i]) / Math.Sqrt(n);
        }

        for (var i = 0; i < n; i++)
        {
            sx[i] = VectorMath.Dot(s.AsSpan(i * n, n), x);
        }

        var residual = double.PositiveInfinity;
        var sweep = 0;
        while (sweep < maxSweeps)
        {
            sweep++;
            for (var i = 0; i < n; i++)
            {
                var sii = s[(i * n) + i];
                var c = sx[i] - (sii * x[i]);
                var next = (-c + Math.Sqrt((c * c) + (4 * sii * budgets[i]))) / (2 * sii);
                var delta = next - x[i];
                if (delta == 0)
                {
                    continue;
                }

                x[i] = next;
                VectorMath.AddScaled(delta, s.AsSpan(i * n, n), sx);
            }

            residual = Residual(x, sx, budgets);
            if (residual < Tolerance)
            {
                return (x, sweep);
            }

            // Coordinate descent converges linearly; once close, Newton finishes quadratically.
            if (sweep >= NewtonAfterSweeps && n > 1 && Newton(s, n, budgets, x, sx))
            {
                return (x, sweep);
            }
        }

        throw new SolverConvergenceException(method, sweep, residual);
    }

    private const int NewtonAfterSweeps = 20;

    private static double Residual(double[] x, double[] sx, double[] budgets)
    {
        var residual = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            residual = Math.Max(residual, Math.Abs((x[i] * sx[i]) - budgets[i]));
        }

        return residual;
    }

    private static double Objective(double[] s, int n, double[] budgets, double[] x, double[] sx)
    {
        var f = 0.0;
        for (var i = 0; i < n; i++)
        {
            f += (0.5 * x[i] * sx[i]) - (budgets[i] * Math.Log(x[i]));
        }

        return f;
    }

    private static void MultiplyInto(double[] s, int n, double[] x, double[] sx)
    {
        for (var i = 0; i < n; i++)
        {
            sx[i] = VectorMath.Dot(s.AsSpan(i * n, n), x);
        }
    }

    /// <summary>
    /// Damped Newton on f(x) = 1/2 x'Sx - sum b ln x: H = S + diag(b/x^2), g = Sx - b/x, step halved
    /// until x stays positive and f decreases (Armijo). True when the residual reached tolerance.
    /// </summary>
    private static bool Newton(double[] s, int n, double[] budgets, double[] x, double[] sx)
    {
        var h = new double[n * n];
        var g = new double[n];
        var trial = new double[n];
        var trialSx = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            Array.Copy(s, h, s.Length);
            for (var i = 0; i < n; i++)
            {
                h[(i * n) + i] += budgets[i] / (x[i] * x[i]);
                g[i] = sx[i] - (budgets[i] / x[i]);
            }

            var chol = DenseCholesky.TryFactor(h, n);
            if (chol is null)
            {
                return false;
            }

            var d = (double[])g.Clone();
            chol.SolveInPlace(d);
            var slope = 0.0;
            for (var i = 0; i < n; i++)
            {
                slope += g[i] * d[i];
            }

            var f0 = Objective(s, n, budgets, x, sx);
            var t = 1.0;
            var accepted = false;
            for (var halving = 0; halving < 60; halving++)
            {
                var positive = true;
                for (var i = 0; i < n; i++)
                {
                    trial[i] = x[i] - (t * d[i]);
                    positive &= trial[i] > 0;
                }

                if (positive)
                {
                    MultiplyInto(s, n, trial, trialSx);
                    if (Objective(s, n, budgets, trial, trialSx) <= f0 - (1e-4 * t * slope) || t < 1e-3)
                    {
                        accepted = true;
                        break;
                    }
                }

                t *= 0.5;
            }

            if (!accepted)
            {
                return false;
            }

            Array.Copy(trial, x, n);
            Array.Copy(trialSx, sx, n);
            if (Residual(x, sx, budgets) < Tolerance)
            {
                return true;
            }
        }

        return false;
    }

    private static double[] Budgets(AllocationProblem problem, int n)
    {
        var b = new double[n];
        if (problem.RiskBudgets is null)
        {
            Array.Fill(b, 1.0 / n);
            return b;
        }

        PortfolioInputValidation.RequireFiniteVector("riskBudgets", problem.RiskBudgets, n);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (problem.RiskBudgets[i] <= 0)
            {
                throw new TesseraValidationException("riskBudgets[" + problem.AssetIds[i] + "]", PortfolioInputValidation.Str(problem.RiskBudgets[i]), "risk budgets must be positive");
            }

            sum += problem.RiskBudgets[i];
        }

        for (var i = 0; i < n; i++)
        {
            b[i] = problem.RiskBudgets[i] / sum;
        }

        return b;
    }
}
