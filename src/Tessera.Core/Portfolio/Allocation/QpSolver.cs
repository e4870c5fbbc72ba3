using MathNet.Numerics.LinearAlgebra;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Convex QP solver written for the allocation engines: ADMM in the OSQP form (Stellato et al. 2020,
/// "OSQP: an operator splitting solver for quadratic programs") to find the solution and its active
/// set, then an active-set polish that solves the KKT system on that set exactly and repairs the set
/// (add the most violated constraint, drop the multiplier with the wrong sign) until every KKT
/// condition holds to 1e-9. The objective is scaled to unit mean diagonal and every linear row to
/// unit infinity norm, so daily-return covariances (~1e-4) and tiny expected returns condition well.
/// Primal infeasibility is detected with the OSQP certificate and raised with the offending rows.
/// </summary>
public sealed class QpSolver
{
    private const double Sigma = 1e-6;
    private const double Alpha = 1.6;
    private const double RhoBase = 0.1;
    private const double Eps = 1e-8;
    private const double LooseEps = 1e-5;
    private const int EarlyPolishEvery = 50;
    private const int EarlyPolishRounds = 4;
    private const double PolishTolerance = 1e-9;

    public int MaxIterations { get; init; } = 20_000;

    /// <summary>False forces the general ADMM + polish route even for budget-and-box problems (tests compare the two).</summary>
    internal bool AllowBudgetBoxRoute { get; init; } = true;

    public QpSolution Solve(QuadraticProgram qp, string method) => Solve(qp, method, null, 0);

    /// <summary>
    /// As <see cref="Solve(QuadraticProgram, string)"/>, with the Cholesky factor of P / <paramref name="factorScale"/>
    /// when the caller already has it (the conditioning's factor of the covariance, P = 2 Sigma): the budget-and-box
    /// route then skips its first, largest factorization.
    /// </summary>
    internal QpSolution Solve(QuadraticProgram qp, string method, DenseCholesky? factorOfScaledP, double factorScale)
    {
        ArgumentNullException.ThrowIfNull(qp);

        // One budget row and a box (minimum variance without group caps or a beta band): the exact active set on
        // Cholesky factors reaches the same optimum in a few factorizations; null means "use the general route".
        if (AllowBudgetBoxRoute && BudgetBoxActiveSet.Applies(qp) && BudgetBoxActiveSet.TrySolve(qp, factorOfScaledP, factorScale) is { } direct)
        {
            return direct;
        }

        var problem = new ScaledQuadraticProgram(qp);
        var n = problem.N;
        var m = problem.M;
        var objScale = problem.ObjectiveScale;

        // ADMM only has to find the active set: polish after a loose solve, and only when the
        // polish cannot certify the KKT conditions run ADMM again to the tight tolerance.
        // Every EarlyPolishEvery iterations a short polish (few repair rounds) is attempted on the
        // current active-set guess; its KKT check makes an early success as exact as a late one.
        PolishState? early = null;
        var admm = RunAdmm(problem, method, LooseEps, state =>
        {
            early = Polish(problem, state, EarlyPolishRounds);
            return early is not null;
        });
        var polished = early ?? Polish(problem, admm);
        if (polished is null)
        {
            admm = RunAdmm(problem, method, Eps, null);
            polished = Polish(problem, admm);
        }

        var x = polished?.X ?? admm.X;
        var yb = polished?.Yb ?? admm.Yb;
        var yg = polished?.Yg ?? admm.Yg;

        var boundDuals = new double[n];
        for (var i = 0; i < n; i++)
        {
            boundDuals[i] = yb[i] * objScale;
        }

        var rowDuals = new double[m];
        for (var r = 0; r < m; r++)
        {
            rowDuals[r] = yg[r] * objScale / problem.RowScale[r];
        }

        var (prim, dual) = problem.Residuals(x, yb, yg);
        if (prim > 1e-6)
        {
            throw new InfeasibleProblemException(method, "constraints", "primal residual " + PortfolioInputValidation.Str(prim), "the constraints could not be satisfied together within " + PortfolioInputValidation.Str(MaxIterations) + " iterations (likely infeasible: check bounds, group caps and the beta band)");
        }
        return new QpSolution(x, boundDuals, rowDuals, admm.Iterations, polished is not null, prim, dual * objScale) { PolishRounds = polished?.Rounds ?? 0 };
    }

    /// <summary>Which side of a variable's box or of a row's range the polish holds active (equalities are always at lower).</summary>
    private enum BoundState : byte
    {
        Free = 0,
        AtLower = 1,
        AtUpper = 2,
    }

    /// <summary>What the active-set repair changes in one round: nothing, a variable bound, or a linear row.</summary>
    private enum ConstraintKind : byte
    {
        None = 0,
        Bound = 1,
        Row = 2,
    }

    private sealed record IterateState(double[] X, double[] Yb, double[] Yg, double[] Zb, double[] Zg, int Iterations);

    private sealed record PolishState(double[] X, double[] Yb, double[] Yg, int Rounds);

    /// <summary>The polish's working set: the state of every variable bound and of every linear row.</summary>
    private sealed record WorkingSet(BoundState[] Bounds, BoundState[] Rows)
    {
        /// <summary>The active set ADMM's iterate suggests: a bound or row is active when its slack is smaller than its multiplier says.</summary>
        public static WorkingSet Guess(ScaledQuadraticProgram problem, IterateState admm)
        {
            int n = problem.N, m = problem.M;
            double[] lo = problem.Lower, hi = problem.Upper, gl = problem.RowLower, gu = problem.RowUpper;
            var bState = new BoundState[n];
            for (var i = 0; i < n; i++)
            {
                if (lo[i] == hi[i] || admm.Zb[i] - lo[i] < -admm.Yb[i])
                {
                    bState[i] = BoundState.AtLower;
                }
                else if (hi[i] - admm.Zb[i] < admm.Yb[i])
                {
                    bState[i] = BoundState.AtUpper;
                }
            }

            var gState = new BoundState[m];
            for (var r = 0; r < m; r++)
            {
                if (gl[r] == gu[r] || admm.Zg[r] - gl[r] < -admm.Yg[r])
                {
                    gState[r] = BoundState.AtLower;
                }
                else if (gu[r] - admm.Zg[r] < admm.Yg[r])
                {
                    gState[r] = BoundState.AtUpper;
                }
            }

            return new WorkingSet(bState, gState);
        }

        /// <summary>Largest distance of x from the bound or row value each active constraint pins it to.</summary>
        public double Violation(ScaledQuadraticProgram problem, double[] x)
        {
            int n = problem.N, m = problem.M;
            double[] lo = problem.Lower, hi = problem.Upper, gl = problem.RowLower, gu = problem.RowUpper;
            var worst = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (Bounds[i] != BoundState.Free)
                {
                    worst = Math.Max(worst, Math.Max(lo[i] - x[i], x[i] - hi[i]));
                }
            }

            for (var r = 0; r < m; r++)
            {
                if (Rows[r] != BoundState.Free)
                {
                    var ax = problem.RowDot(r, x);
                    worst = Math.Max(worst, Math.Abs(ax - (Rows[r] == BoundState.AtLower ? gl[r] : gu[r])));
                }
            }

            return worst;
        }
    }

    private IterateState RunAdmm(ScaledQuadraticProgram problem, string method, double eps, Func<IterateState, bool>? tryPolish)
    {
        int n = problem.N, m = problem.M;
        double[] p = problem.P, q = problem.Q, lo = problem.Lower, hi = problem.Upper, g = problem.G, gl = problem.RowLower, gu = problem.RowUpper;
        var nz = problem.Nonzeros;
        var rhoB = new double[n];
        for (var i = 0; i < n; i++)
        {
            rhoB[i] = lo[i] == hi[i] ? RhoBase * 1e3 : (double.IsInfinity(lo[i]) && double.IsInfinity(hi[i]) ? 1e-6 : RhoBase);
        }

        var rhoG = new double[m];
        for (var r = 0; r < m; r++)
        {
            rhoG[r] = gl[r] == gu[r] ? RhoBase * 1e3 : (double.IsInfinity(gl[r]) && double.IsInfinity(gu[r]) ? 1e-6 : RhoBase);
        }

        var k = new double[n * n];
        Array.Copy(p, k, p.Length);
        for (var i = 0; i < n; i++)
        {
            k[(i * n) + i] += Sigma + rhoB[i];
        }

        for (var r = 0; r < m; r++)
        {
            var row = g.AsSpan(r * n, n);
            var rho = rhoG[r];
            foreach (var i in nz[r])
            {
                var a = row[i] * rho;
                var kRow = k.AsSpan(i * n, n);
                foreach (var j in nz[r])
                {
                    kRow[j] += a * row[j];
                }
            }
        }

        var chol = DenseCholesky.TryFactor(k, n) ?? throw new InfeasibleProblemException(method, "covariance", null, "the QP matrix is not positive definite (covariance has negative eigenvalues; repair it first)");

        var x = new double[n];
        var zb = new double[n];
        var yb = new double[n];
        var zg = new double[m];
        var yg = new double[m];
        var rhs = new double[n];
        var ztg = new double[m];
        var dyb = new double[n];
        var dyg = new double[m];
        var px = new double[n];
        var it = 0;
        for (it = 1; it <= MaxIterations; it++)
        {
            for (var i = 0; i < n; i++)
            {
                rhs[i] = (Sigma * x[i]) - q[i] + (rhoB[i] * zb[i]) - yb[i];
            }

            for (var r = 0; r < m; r++)
            {
                var coef = (rhoG[r] * zg[r]) - yg[r];
                if (coef == 0)
                {
                    continue;
                }

                var row = g.AsSpan(r * n, n);
                foreach (var i in nz[r])
                {
                    rhs[i] += row[i] * coef;
                }
            }

            chol.SolveInPlace(rhs);
            var xt = rhs;
            for (var r = 0; r < m; r++)
            {
                ztg[r] = problem.RowDot(r, xt);
            }

            for (var i = 0; i < n; i++)
            {
                x[i] = (Alpha * xt[i]) + ((1 - Alpha) * x[i]);
                var relaxed = (Alpha * xt[i]) + ((1 - Alpha) * zb[i]);
                var znew = Math.Clamp(relaxed + (yb[i] / rhoB[i]), lo[i], hi[i]);
                dyb[i] = rhoB[i] * (relaxed - znew);
                yb[i] += dyb[i];
                zb[i] = znew;
            }

            for (var r = 0; r < m; r++)
            {
                var relaxed = (Alpha * ztg[r]) + ((1 - Alpha) * zg[r]);
                var znew = Math.Clamp(relaxed + (yg[r] / rhoG[r]), gl[r], gu[r]);
                dyg[r] = rhoG[r] * (relaxed - znew);
                yg[r] += dyg[r];
                zg[r] = znew;
            }

            if (it % 10 != 0)
            {
                continue;
            }

            if (tryPolish is not null && it % EarlyPolishEvery == 0 && tryPolish(new IterateState(x, yb, yg, zb, zg, it)))
            {
                break;
            }

            if (Converged(problem, x, zb, zg, yb, yg, px, eps))
            {
                break;
            }

            if (IsPrimalInfeasible(problem, dyb, dyg, out var culprit))
            {
                var name = culprit < 0 ? "bounds" : problem.Rows[culprit].Name;
                throw new InfeasibleProblemException(method, "constraints." + name, null, "the constraints cannot be satisfied together (primal infeasibility certificate on '" + name + "')");
            }
        }

        return new IterateState(x, yb, yg, zb, zg, Math.Min(it, MaxIterations));
    }

    private static bool Converged(ScaledQuadraticProgram problem, double[] x, double[] zb, double[] zg, double[] yb, double[] yg, double[] px, double eps)
    {
        int n = problem.N, m = problem.M;
        double[] p = problem.P, q = problem.Q;
        double prim = 0, axNorm = 0, zNorm = 0;
        for (var i = 0; i < n; i++)
        {
            prim = Math.Max(prim, Math.Abs(x[i] - zb[i]));
            axNorm = Math.Max(axNorm, Math.Abs(x[i]));
            zNorm = Math.Max(zNorm, Math.Abs(zb[i]));
        }

        for (var r = 0; r < m; r++)
        {
            var s = problem.RowDot(r, x);
            prim = Math.Max(prim, Math.Abs(s - zg[r]));
            axNorm = Math.Max(axNorm, Math.Abs(s));
            zNorm = Math.Max(zNorm, Math.Abs(zg[r]));
        }

        double pxNorm = 0, atyNorm = 0, qNorm = 0, dual = 0;
        for (var i = 0; i < n; i++)
        {
            px[i] = VectorMath.Dot(p.AsSpan(i * n, n), x);
        }

        var gty = new double[n];
        problem.Transposed(yg, gty);
        for (var i = 0; i < n; i++)
        {
            var aty = yb[i] + gty[i];

            dual = Math.Max(dual, Math.Abs(px[i] + q[i] + aty));
            pxNorm = Math.Max(pxNorm, Math.Abs(px[i]));
            atyNorm = Math.Max(atyNorm, Math.Abs(aty));
            qNorm = Math.Max(qNorm, Math.Abs(q[i]));
        }

        var epsPrim = eps + (eps * Math.Max(axNorm, zNorm));
        var epsDual = eps + (eps * Math.Max(pxNorm, Math.Max(atyNorm, qNorm)));
        return prim <= epsPrim && dual <= epsDual;
    }

    // OSQP section 3.4: dy certifies infeasibility when A' dy ~ 0 and u' max(dy,0) + l' min(dy,0) < 0.
    private static bool IsPrimalInfeasible(ScaledQuadraticProgram problem, double[] dyb, double[] dyg, out int culprit)
    {
        int n = problem.N, m = problem.M;
        double[] lo = problem.Lower, hi = problem.Upper, gl = problem.RowLower, gu = problem.RowUpper;
        culprit = -1;
        var norm = 0.0;
        for (var i = 0; i < n; i++)
        {
            norm = Math.Max(norm, Math.Abs(dyb[i]));
        }

        for (var r = 0; r < m; r++)
        {
            norm = Math.Max(norm, Math.Abs(dyg[r]));
        }

        if (norm < 1e-12)
        {
            return false;
        }

        const double epsInf = 1e-5;
        var support = 0.0;
        for (var i = 0; i < n; i++)
        {
            var term = dyb[i] > 0 ? hi[i] * dyb[i] : lo[i] * dyb[i];
            if (dyb[i] != 0 && double.IsInfinity(term))
            {
                return false;
            }

            support += dyb[i] == 0 ? 0 : term;
        }

        var best = 0.0;
        for (var r = 0; r < m; r++)
        {
            var term = dyg[r] > 0 ? gu[r] * dyg[r] : gl[r] * dyg[r];
            if (dyg[r] != 0 && double.IsInfinity(term))
            {
                return false;
            }

            support += dyg[r] == 0 ? 0 : term;
            if (Math.Abs(dyg[r]) > best)
            {
                best = Math.Abs(dyg[r]);
                culprit = r;
            }
        }

        if (support >= -epsInf * norm)
        {
            return false;
        }

        var gty = new double[n];
        problem.Transposed(dyg, gty);
        for (var i = 0; i < n; i++)
        {
            var aty = dyb[i] + gty[i];

            if (Math.Abs(aty) > epsInf * norm)
            {
                return false;
            }
        }

        return true;
    }

    private static PolishState? Polish(ScaledQuadraticProgram problem, IterateState admm, int? roundLimit = null)
    {
        int n = problem.N, m = problem.M;
        double[] lo = problem.Lower, hi = problem.Upper, gl = problem.RowLower, gu = problem.RowUpper;
        var working = WorkingSet.Guess(problem, admm);
        var bState = working.Bounds;
        var gState = working.Rows;

        var maxRounds = roundLimit ?? ((2 * (n + m)) + 10);
        for (var round = 0; round < maxRounds; round++)
        {
            var solved = SolveWorkingSet(problem, working);
            if (solved is null)
            {
                return null;
            }

            var (x, yb, yg) = solved.Value;

            // The working constraints must hold exactly; if they do not, the set is inconsistent
            // (e.g. an infeasible combination) and the regularized solve only approximated it.
            if (working.Violation(problem, x) > PolishTolerance)
            {
                return null;
            }

            // Most violated inactive constraint.
            var worstViolation = PolishTolerance;
            var addKind = ConstraintKind.None;
            var addIndex = -1;
            var addSide = BoundState.Free;
            for (var i = 0; i < n; i++)
            {
                if (bState[i] != BoundState.Free)
                {
                    continue;
                }

                if (lo[i] - x[i] > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (lo[i] - x[i], ConstraintKind.Bound, i, BoundState.AtLower);
                }

                if (x[i] - hi[i] > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (x[i] - hi[i], ConstraintKind.Bound, i, BoundState.AtUpper);
                }
            }

            for (var r = 0; r < m; r++)
            {
                if (gState[r] != BoundState.Free)
                {
                    continue;
                }

                var ax = problem.RowDot(r, x);
                if (gl[r] - ax > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (gl[r] - ax, ConstraintKind.Row, r, BoundState.AtLower);
                }

                if (ax - gu[r] > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (ax - gu[r], ConstraintKind.Row, r, BoundState.AtUpper);
                }
            }

            if (addKind == ConstraintKind.Bound)
            {
                bState[addIndex] = addSide;
                continue;
            }

            if (addKind == ConstraintKind.Row)
            {
                gState[addIndex] = addSide;
                continue;
            }

            // Multiplier with the wrong sign: >= 0 at an upper side, <= 0 at a lower side.
            var worstSign = PolishTolerance;
            var dropKind = ConstraintKind.None;
            var dropIndex = -1;
            for (var i = 0; i < n; i++)
            {
                if (lo[i] == hi[i])
                {
                    continue;
                }

                var wrong = WrongSign(bState[i], yb[i]);
                if (wrong > worstSign)
                {
                    (worstSign, dropKind, dropIndex) = (wrong, ConstraintKind.Bound, i);
                }
            }

            for (var r = 0; r < m; r++)
            {
                if (gl[r] == gu[r])
                {
                    continue;
                }

                var wrong = WrongSign(gState[r], yg[r]);
                if (wrong > worstSign)
                {
                    (worstSign, dropKind, dropIndex) = (wrong, ConstraintKind.Row, r);
                }
            }

            if (dropKind == ConstraintKind.Bound)
            {
                bState[dropIndex] = BoundState.Free;
                continue;
            }

            if (dropKind == ConstraintKind.Row)
            {
                gState[dropIndex] = BoundState.Free;
                continue;
            }

            return new PolishState(x, yb, yg, round + 1);
        }

        return null;
    }

    /// <summary>How far a multiplier has the wrong sign for its state (positive = wrong): y at a lower side, -y at an upper side, 0 when free.</summary>
    private static double WrongSign(BoundState state, double multiplier) =>
        state == BoundState.AtLower ? multiplier : (state == BoundState.AtUpper ? -multiplier : 0);

    private static (double[] X, double[] Yb, double[] Yg)? SolveWorkingSet(ScaledQuadraticProgram problem, WorkingSet working)
    {
        int n = problem.N, m = problem.M;
        double[] p = problem.P, q = problem.Q, lo = problem.Lower, hi = problem.Upper, g = problem.G, gl = problem.RowLower, gu = problem.RowUpper;
        var bState = working.Bounds;
        var gState = working.Rows;
        var x = new double[n];
        var free = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            if (bState[i] == BoundState.Free)
            {
                free.Add(i);
            }
            else
            {
                x[i] = bState[i] == BoundState.AtLower ? lo[i] : hi[i];
            }
        }

        var rows = new List<int>();
        for (var r = 0; r < m; r++)
        {
            if (gState[r] != BoundState.Free)
            {
                rows.Add(r);
            }
        }

        var nf = free.Count;
        var size = nf + rows.Count;
        var yg = new double[m];
        if (size > 0)
        {
            var kkt = Matrix<double>.Build.Dense(size, size);
            var rhs = Vector<double>.Build.Dense(size);
            for (var a = 0; a < nf; a++)
            {
                var i = free[a];
                var s = -q[i];
                for (var j = 0; j < n; j++)
                {
                    if (bState[j] != BoundState.Free)
                    {
                        s -= p[(i * n) + j] * x[j];
                    }
                }

                rhs[a] = s;
                for (var b = 0; b < nf; b++)
                {
                    kkt[a, b] = p[(i * n) + free[b]];
                }
            }

            for (var c = 0; c < rows.Count; c++)
            {
                var r = rows[c];
                var target = gState[r] == BoundState.AtLower ? gl[r] : gu[r];
                for (var j = 0; j < n; j++)
                {
                    if (bState[j] != BoundState.Free)
                    {
                        target -= g[(r * n) + j] * x[j];
                    }
                }

                rhs[nf + c] = target;
                for (var a = 0; a < nf; a++)
                {
                    var v = g[(r * n) + free[a]];
                    kkt[nf + c, a] = v;
                    kkt[a, nf + c] = v;
                }
            }

            var regularized = kkt.Clone();
            for (var c = 0; c < rows.Count; c++)
            {
                regularized[nf + c, nf + c] = -1e-12;
            }

            for (var a = 0; a < nf; a++)
            {
                regularized[a, a] += 1e-14;
            }

            var lu = regularized.LU();
            var sol = lu.Solve(rhs);
            for (var refine = 0; refine < 3; refine++)
            {
                var residual = rhs - (kkt * sol);
                sol += lu.Solve(residual);
            }

            for (var k = 0; k < size; k++)
            {
                if (!double.IsFinite(sol[k]))
                {
                    return null;
                }
            }

            for (var a = 0; a < nf; a++)
            {
                x[free[a]] = sol[a];
            }

            // KKT rows are [P G'; G 0][x; y] = [-q; b]: the multiplier solved is y itself.
            for (var c = 0; c < rows.Count; c++)
            {
                yg[rows[c]] = sol[nf + c];
            }
        }

        var yb = new double[n];
        var gty = new double[n];
        problem.Transposed(yg, gty);
        for (var i = 0; i < n; i++)
        {
            if (bState[i] == BoundState.Free)
            {
                continue;
            }

            var s = VectorMath.Dot(p.AsSpan(i * n, n), x) + q[i] + gty[i];

            yb[i] = -s;
        }

        return (x, yb, yg);
    }
}
