using Tessera.Core.Errors;
using static Tessera.Core.Portfolio.PortfolioInputValidation;

namespace Tessera.Core.Portfolio.Allocation;

/// <summary>A group (sector) cap resolved to asset indices.</summary>
public sealed record GroupCap(string Name, int[] Members, double Cap);

/// <summary>
/// <see cref="AllocationConstraints"/> checked and resolved against a problem: per-asset bounds
/// (min/max/capacity combined), groups as index lists, the beta band with its betas. Obvious
/// infeasibility is diagnosed here with a precise reason before any solver runs.
/// </summary>
public sealed class ResolvedConstraints
{
    private ResolvedConstraints(double[] lower, double[] upper, IReadOnlyList<GroupCap> groups, double[]? betas, double? betaBand, double[]? previous, double turnover, double budget)
    {
        Lower = lower;
        Upper = upper;
        Groups = groups;
        Betas = betas;
        BetaBand = betaBand;
        PreviousWeights = previous;
        TurnoverPenalty = turnover;
        Budget = budget;
    }

    public double[] Lower { get; }

    public double[] Upper { get; }

    public IReadOnlyList<GroupCap> Groups { get; }

    public double[]? Betas { get; }

    public double? BetaBand { get; }

    public double[]? PreviousWeights { get; }

    public double TurnoverPenalty { get; }

    public double Budget { get; }

    /// <summary>True when anything beyond "long-only, sum = budget, w &lt;= budget" applies.</summary>
    public bool HasBindingStructure
    {
        get
        {
            if (Groups.Count > 0 || BetaBand is not null)
            {
                return true;
            }

            for (var i = 0; i < Lower.Length; i++)
            {
                if (Lower[i] > 0 || Upper[i] < Budget)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static ResolvedConstraints Resolve(string method, AllocationProblem problem)
    {
        var c = problem.Constraints ?? AllocationConstraints.None;
        var n = problem.Count;
        var budget = c.Budget;
        if (!double.IsFinite(budget) || budget <= 0 || budget > L4Invariants.MaxGrossSum)
        {
            throw new TesseraValidationException("constraints.budget", Str(budget), "budget must be in (0, 1.05]");
        }

        var lower = new double[n];
        var upper = new double[n];
        Array.Fill(upper, budget);
        if (c.MinWeights is { } min)
        {
            RequireFiniteVector("constraints.minWeights", min, n);
            for (var i = 0; i < n; i++)
            {
                if (min[i] < 0)
                {
                    throw new TesseraValidationException("constraints.minWeights[" + problem.AssetIds[i] + "]", Str(min[i]), "minimum weights must be non-negative (L4 is long-only)");
                }

                lower[i] = min[i];
            }
        }

        if (c.MaxWeights is { } max)
        {
            RequireFiniteVector("constraints.maxWeights", max, n);
            for (var i = 0; i < n; i++)
            {
                upper[i] = Math.Min(upper[i], max[i]);
            }
        }

        if (c.MaxWeight is { } maxAll)
        {
            if (!double.IsFinite(maxAll) || maxAll <= 0)
            {
                throw new TesseraValidationException("constraints.maxWeight", Str(maxAll), "the maximum weight must be positive and finite");
            }

            for (var i = 0; i < n; i++)
            {
                upper[i] = Math.Min(upper[i], maxAll);
            }
        }

        if (c.CapacityCaps is { } cap)
        {
            RequireFiniteVector("constraints.capacityCaps", cap, n);
            for (var i = 0; i < n; i++)
            {
                if (cap[i] < 0)
                {
                    throw new TesseraValidationException("constraints.capacityCaps[" + problem.AssetIds[i] + "]", Str(cap[i]), "capacity caps must be non-negative");
                }

                upper[i] = Math.Min(upper[i], cap[i]);
            }
        }

        var sumLower = 0.0;
        var sumUpper = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (lower[i] > upper[i] + 1e-12)
            {
                throw new InfeasibleProblemException(method, "constraints[" + problem.AssetIds[i] + "]", "min " + Str(lower[i]) + " > max " + Str(upper[i]), "infeasible bounds: the minimum weight exceeds the maximum (after capacity caps)");
            }

            sumLower += lower[i];
            sumUpper += upper[i];
        }

        if (sumLower > budget + 1e-12)
        {
            throw new InfeasibleProblemException(method, "constraints.minWeights", "sum " + Str(sumLower), "infeasible bounds: the minimum weights sum above the budget " + Str(budget));
        }

        if (sumUpper < budget - 1e-12)
        {
            throw new InfeasibleProblemException(method, "constraints.maxWeights", "sum " + Str(sumUpper), "infeasible bounds: the maximum weights (with capacity caps) sum below the budget " + Str(budget));
        }

        var groups = ResolveGroups(method, problem, c, lower, upper, budget);
        double[]? betas = null;
        double? band = null;
        if (c.BetaBand is { } b)
        {
            if (!double.IsFinite(b) || b < 0)
            {
                throw new TesseraValidationException("constraints.betaBand", Str(b), "the beta band must be a non-negative number");
            }

            betas = problem.Betas ?? throw new TesseraValidationException("betas", null, "the beta band needs betas against the benchmark");
            RequireFiniteVector("betas", betas, n);
            band = b;
        }

        double[]? previous = null;
        if (c.TurnoverPenalty != 0)
        {
            if (!double.IsFinite(c.TurnoverPenalty) || c.TurnoverPenalty < 0)
            {
                throw new TesseraValidationException("constraints.turnoverPenalty", Str(c.TurnoverPenalty), "the turnover penalty must be non-negative");
            }

            previous = c.PreviousWeights ?? throw new TesseraValidationException("constraints.previousWeights", null, "a turnover penalty needs the previous weights");
            RequireFiniteVector("constraints.previousWeights", previous, n);
        }

        return new ResolvedConstraints(lower, upper, groups, betas, band, previous, c.TurnoverPenalty, budget);
    }

    private static List<GroupCap> ResolveGroups(string method, AllocationProblem problem, AllocationConstraints c, double[] lower, double[] upper, double budget)
    {
        var groups = new List<GroupCap>();
        if (c.GroupCaps is null || c.GroupCaps.Count == 0)
        {
            return groups;
        }

        var labels = c.AssetGroups ?? throw new TesseraValidationException("constraints.assetGroups", null, "group caps need a group label per asset");
        if (labels.Length != problem.Count)
        {
            throw new TesseraValidationException("constraints.assetGroups", Str(labels.Length) + " labels", "expected one group label per asset (" + Str(problem.Count) + ")");
        }

        var outside = 0.0;
        var covered = new bool[problem.Count];
        foreach (var name in c.GroupCaps.Keys.Order(StringComparer.Ordinal))
        {
            var cap = c.GroupCaps[name];
            if (!double.IsFinite(cap) || cap < 0)
            {
                throw new TesseraValidationException("constraints.groupCaps[" + name + "]", Str(cap), "group caps must be non-negative and finite");
            }

            var members = new List<int>();
            var minSum = 0.0;
            for (var i = 0; i < labels.Length; i++)
            {
                if (string.Equals(labels[i], name, StringComparison.Ordinal))
                {
                    members.Add(i);
                    minSum += lower[i];
                    covered[i] = true;
                }
            }

            if (minSum > cap + 1e-12)
            {
                throw new InfeasibleProblemException(method, "constraints.groupCaps[" + name + "]", Str(cap), "infeasible group cap: the minimum weights of its members sum to " + Str(minSum));
            }

            var reachable = 0.0;
            foreach (var i in members)
            {
                reachable += upper[i];
            }

            outside += Math.Min(cap, reachable);
            groups.Add(new GroupCap(name, members.ToArray(), cap));
        }

        for (var i = 0; i < covered.Length; i++)
        {
            if (!covered[i])
            {
                outside += upper[i];
            }
        }

        if (outside < budget - 1e-12)
        {
            throw new InfeasibleProblemException(method, "constraints.groupCaps", "reachable " + Str(outside), "infeasible group caps: group caps and bounds cannot reach the budget " + Str(budget));
        }

        return groups;
    }
}
