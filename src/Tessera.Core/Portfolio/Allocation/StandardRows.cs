namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// The linear rows every weight-space QP shares: the budget 1'w = B, one row per group cap
/// sum_{i in g} w_i &lt;= cap, and the beta band -band &lt;= beta' w &lt;= band.
/// </summary>
internal static class StandardRows
{
    public const string BudgetRow = "budget";

    public static List<LinearConstraint> Build(int n, ResolvedConstraints c)
    {
        var rows = new List<LinearConstraint>();
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        rows.Add(new LinearConstraint(BudgetRow, ones, c.Budget, c.Budget));
        foreach (var group in c.Groups)
        {
            var a = new double[n];
            foreach (var i in group.Members)
            {
                a[i] = 1.0;
            }

            rows.Add(new LinearConstraint("group:" + group.Name, a, double.NegativeInfinity, group.Cap));
        }

        if (c.BetaBand is { } band && c.Betas is { } betas)
        {
            rows.Add(new LinearConstraint("betaBand", (double[])betas.Clone(), -band, band));
        }

        return rows;
    }
}
