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


    public QpSolution Solve(QuadraticProgram qp, string method)
    {
        var n = qp.Size;
        var m = qp.Constraints.Count;

        // Scaling: objective by its mean diagonal, rows by their largest coefficient.
        var objScale = 0.0;
        for (var i = 0; i < n; i++)
        {
            objScale += qp.P[(i * n) + i];
        }

        objScale = objScale > 0 ? objScale / n : 1.0;
        var p = new double[n * n];
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = qp.P[k] / objScale;
        }

        var q = new double[n];
        for (var i = 0; i < n; i++)
        {
            q[i] = qp.Q[i] / objScale;
        }

        var g = new double[m * n];
        var gl = new double[m];
        var gu = new double[m];
        var rowScale = new double[m];
        var nz = new int[m][];
        for (var r = 0; r < m; r++)
        {
            var c = qp.Constraints[r];
            var norm = 0.0;
            for (var j = 0; j < n; j++)
            {
                norm = Math.Max(norm, Math.Abs(c.Coefficients[j]));
            }

            if (norm == 0)
            {
                norm = 1.0;
            }

            rowScale[r] = norm;
            var nonzero = new List<int>();
            for (var j = 0; j < n; j++)
            {
                g[(r * n) + j] = c.Coefficients[j] / norm;
                if (c.Coefficients[j] != 0)
                {
                    nonzero.Add(j);
                }
            }

            nz[r] = nonzero.ToArray();

            gl[r] = c.Low / norm;
            gu[r] = c.High / norm;
        }

        // ADMM only has to find the active set: polish after a loose solve, and only when the
        // polish cannot certify the KKT conditions run ADMM again to the tight tolerance.
        // Every EarlyPolishEvery iterations a short polish (few repair rounds) is attempted on the
        // current active-set guess; its KKT check makes an early success as exact as a late one.
        PolishState? early = null;
        var admm = RunAdmm(n, m, p, q, qp.Lower, qp.Upper, g, nz, gl, gu, method, qp.Constraints, LooseEps, state =>
        {
            early = Polish(n, m, p, q, qp.Lower, qp.Upper, g, nz, gl, gu, state, EarlyPolishRounds);
            return early is not null;
        });
        var polished = early ?? Polish(n, m, p, q, qp.Lower, qp.Upper, g, nz, gl, gu, admm);
        if (polished is null)
        {
            admm = RunAdmm(n, m, p, q, qp.Lower, qp.Upper, g, nz, gl, gu, method, qp.Constraints, Eps, null);
            polished = Polish(n, m, p, q, qp.Lower, qp.Upper, g, nz, gl, gu, admm);
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
            rowDuals[r] = yg[r] * objScale / rowScale[r];
        }

        var (prim, dual) = Residuals(n, m, p, q, qp.Lower, qp.Upper, g, nz, gl, gu, x, yb, yg);
        if (prim > 1e-6)
        {
            throw new InfeasibleProblemException(method, "constraints", "primal residual " + PortfolioInputValidation.Str(prim), "the constraints could not be satisfied together within " + PortfolioInputValidation.Str(MaxIterations) + " iterations (likely infeasible: check bounds, group caps and the beta band)");
        }
        return new QpSolution(x, boundDuals, rowDuals, admm.Iterations, polished is not null, prim, dual * objScale) { PolishRounds = polished?.Rounds ?? 0 };
    }

    private sealed record IterateState(double[] X, double[] Yb, double[] Yg, double[] Zb, double[] Zg, int Iterations);

    private sealed record PolishState(double[] X, double[] Yb, double[] Yg, int Rounds);

    private IterateState RunAdmm(int n, int m, double[] p, double[] q, double[] lo, double[] hi, double[] g, int[][] nz, double[] gl, double[] gu, string method, IReadOnlyList<LinearConstraint> rows, double eps, Func<IterateState, bool>? tryPolish)
    {
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
                ztg[r] = RowDot(g, nz, n, r, xt);
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

            if (Converged(n, m, p, q, g, nz, x, zb, zg, yb, yg, px, eps))
            {
                break;
            }

            if (IsPrimalInfeasible(n, m, g, nz, lo, hi, gl, gu, dyb, dyg, out var culprit))
            {
                var name = culprit < 0 ? "bounds" : rows[culprit].Name;
                throw new InfeasibleProblemException(method, "constraints." + name, null, "the constraints cannot be satisfied together (primal infeasibility certificate on '" + name + "')");
            }
        }

        return new IterateState(x, yb, yg, zb, zg, Math.Min(it, MaxIterations));
    }

    private static bool Converged(int n, int m, double[] p, double[] q, double[] g, int[][] nz, double[] x, double[] zb, double[] zg, double[] yb, double[] yg, double[] px, double eps)
    {
        double prim = 0, axNorm = 0, zNorm = 0;
        for (var i = 0; i < n; i++)
        {
            prim = Math.Max(prim, Math.Abs(x[i] - zb[i]));
            axNorm = Math.Max(axNorm, Math.Abs(x[i]));
            zNorm = Math.Max(zNorm, Math.Abs(zb[i]));
        }

        for (var r = 0; r < m; r++)
        {
            var s = RowDot(g, nz, n, r, x);
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
        Transposed(g, nz, n, m, yg, gty);
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
    private static bool IsPrimalInfeasible(int n, int m, double[] g, int[][] nz, double[] lo, double[] hi, double[] gl, double[] gu, double[] dyb, double[] dyg, out int culprit)
    {
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
        Transposed(g, nz, n, m, dyg, gty);
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

    private static (double Primal, double Dual) Residuals(int n, int m, double[] p, double[] q, double[] lo, double[] hi, double[] g, int[][] nz, double[] gl, double[] gu, double[] x, double[] yb, double[] yg)
    {
        var prim = 0.0;
        for (var i = 0; i < n; i++)
        {
            prim = Math.Max(prim, Math.Max(lo[i] - x[i], x[i] - hi[i]));
        }

        for (var r = 0; r < m; r++)
        {
            var ax = RowDot(g, nz, n, r, x);
            prim = Math.Max(prim, Math.Max(gl[r] - ax, ax - gu[r]));
        }

        var dual = 0.0;
        var gty = new double[n];
        Transposed(g, nz, n, m, yg, gty);
        for (var i = 0; i < n; i++)
        {
            var s = Dot(p.AsSpan(i * n, n), x) + q[i] + yb[i] + gty[i];

            dual = Math.Max(dual, Math.Abs(s));
        }

        return (Math.Max(prim, 0), dual);
    }

    private static double RowDot(double[] g, int[][] nz, int n, int r, ReadOnlySpan<double> x)
    {
        var s = 0.0;
        var offset = r * n;
        foreach (var j in nz[r])
        {
            s += g[offset + j] * x[j];
        }

        return s;
    }

    /// <summary>target = G' y (only the nonzeros of each row are visited).</summary>
    private static void Transposed(double[] g, int[][] nz, int n, int m, double[] y, double[] target)
    {
        Array.Clear(target);
        for (var r = 0; r < m; r++)
        {
            var yr = y[r];
            if (yr == 0)
            {
                continue;
            }

            var offset = r * n;
            foreach (var j in nz[r])
            {
                target[j] += g[offset + j] * yr;
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => VectorMath.Dot(a, b);

    // Active state per constraint: 0 inactive, -1 at lower, +1 at upper (equalities are always -1).
    private static PolishState? Polish(int n, int m, double[] p, double[] q, double[] lo, double[] hi, double[] g, int[][] nz, double[] gl, double[] gu, IterateState admm, int? roundLimit = null)
    {
        var bState = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (lo[i] == hi[i] || admm.Zb[i] - lo[i] < -admm.Yb[i])
            {
                bState[i] = -1;
            }
            else if (hi[i] - admm.Zb[i] < admm.Yb[i])
            {
                bState[i] = 1;
            }
        }

        var gState = new int[m];
        for (var r = 0; r < m; r++)
        {
            if (gl[r] == gu[r] || admm.Zg[r] - gl[r] < -admm.Yg[r])
            {
                gState[r] = -1;
            }
            else if (gu[r] - admm.Zg[r] < admm.Yg[r])
            {
                gState[r] = 1;
            }
        }

        var maxRounds = roundLimit ?? ((2 * (n + m)) + 10);
        for (var round = 0; round < maxRounds; round++)
        {
            var solved = SolveWorkingSet(n, m, p, q, lo, hi, g, nz, gl, gu, bState, gState);
            if (solved is null)
            {
                return null;
            }

            var (x, yb, yg) = solved.Value;

            // The working constraints must hold exactly; if they do not, the set is inconsistent
            // (e.g. an infeasible combination) and the regularized solve only approximated it.
            if (WorkingViolation(n, m, lo, hi, g, nz, gl, gu, bState, gState, x) > PolishTolerance)
            {
                return null;
            }

            // Most violated inactive constraint.
            var worstViolation = PolishTolerance;
            var addKind = 0;
            var addIndex = -1;
            var addSide = 0;
            for (var i = 0; i < n; i++)
            {
                if (bState[i] != 0)
                {
                    continue;
                }

                if (lo[i] - x[i] > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (lo[i] - x[i], 1, i, -1);
                }

                if (x[i] - hi[i] > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (x[i] - hi[i], 1, i, 1);
                }
            }

            for (var r = 0; r < m; r++)
            {
                if (gState[r] != 0)
                {
                    continue;
                }

                var ax = RowDot(g, nz, n, r, x);
                if (gl[r] - ax > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (gl[r] - ax, 2, r, -1);
                }

                if (ax - gu[r] > worstViolation)
                {
                    (worstViolation, addKind, addIndex, addSide) = (ax - gu[r], 2, r, 1);
                }
            }

            if (addKind == 1)
            {
                bState[addIndex] = addSide;
                continue;
            }

            if (addKind == 2)
            {
                gState[addIndex] = addSide;
                continue;
            }

            // Multiplier with the wrong sign.
            var worstSign = PolishTolerance;
            var dropKind = 0;
            var dropIndex = -1;
            for (var i = 0; i < n; i++)
            {
                if (lo[i] == hi[i])
                {
                    continue;
                }

                var wrong = bState[i] == -1 ? yb[i] : (bState[i] == 1 ? -yb[i] : 0);
                if (wrong > worstSign)
                {
                    (worstSign, dropKind, dropIndex) = (wrong, 1, i);
                }
            }

            for (var r = 0; r < m; r++)
            {
                if (gl[r] == gu[r])
                {
                    continue;
                }

                var wrong = gState[r] == -1 ? yg[r] : (gState[r] == 1 ? -yg[r] : 0);
                if (wrong > worstSign)
                {
                    (worstSign, dropKind, dropIndex) = (wrong, 2, r);
                }
            }

            if (dropKind == 1)
            {
                bState[dropIndex] = 0;
                continue;
            }

            if (dropKind == 2)
            {
                gState[dropIndex] = 0;
                continue;
            }

            return new PolishState(x, yb, yg, round + 1);
        }

        return null;
    }

    private static double WorkingViolation(int n, int m, double[] lo, double[] hi, double[] g, int[][] nz, double[] gl, double[] gu, int[] bState, int[] gState, double[] x)
    {
        var worst = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (bState[i] != 0)
            {
                worst = Math.Max(worst, Math.Max(lo[i] - x[i], x[i] - hi[i]));
            }
        }

        for (var r = 0; r < m; r++)
        {
            if (gState[r] != 0)
            {
                var ax = RowDot(g, nz, n, r, x);
                worst = Math.Max(worst, Math.Abs(ax - (gState[r] < 0 ? gl[r] : gu[r])));
            }
        }

        return worst;
    }

    private static (double[] X, double[] Yb, double[] Yg)? SolveWorkingSet(int n, int m, double[] p, double[] q, double[] lo, double[] hi, double[] g, int[][] nz, double[] gl, double[] gu, int[] bState, int[] gState)
    {
        var x = new double[n];
        var free = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            if (bState[i] == 0)
            {
                free.Add(i);
            }
            else
            {
                x[i] = bState[i] < 0 ? lo[i] : hi[i];
            }
        }

        var rows = new List<int>();
        for (var r = 0; r < m; r++)
        {
            if (gState[r] != 0)
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
                    if (bState[j] != 0)
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
                var target = gState[r] < 0 ? gl[r] : gu[r];
                for (var j = 0; j < n; j++)
                {
                    if (bState[j] != 0)
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
        Transposed(g, nz, n, m, yg, gty);
        for (var i = 0; i < n; i++)
        {
            if (bState[i] == 0)
            {
                continue;
            }

            var s = Dot(p.AsSpan(i * n, n), x) + q[i] + gty[i];

            yb[i] = -s;
        }

        return (x, yb, yg);
    }
}
