namespace Tessera.Core.Sep;

/// <summary>The account figures the budget needs (currency units).</summary>
public readonly record struct SepAccount(double Balance, double MarginAvailable, double MarginUsed);

/// <summary>Targets of one evaluation: the budget, the per-instrument cap, the gate and each instrument's new exposure.</summary>
public sealed record SepTargets(double Budget, double Cap, bool MarginGateHolds, double[] Exposures);

/// <summary>
/// Turns weights into exposures as the seed's PortfolioManager does:
/// budget = min(balance, margin available) × BudgetFraction; cap = min(budget / K, MaxPerPosition × budget);
/// target_i = min(weight_i × budget, cap). Increases ramp (at most RampStep × cap per evaluation) and are held
/// entirely while used / (used + available) ≥ MarginGate; reductions are always applied in full.
/// </summary>
public static class SepBudget
{
    public static SepTargets Targets(SepSettings settings, SepAccount account, ReadOnlySpan<double> weights, ReadOnlySpan<double> current) =>
        Targets(settings, account, weights, current, applyMarginGate: true);

    /// <param name="applyMarginGate">
    /// false live: the order path's margin gate (DecisionPipeline, veto margin_budget) holds the increases there, with the
    /// veto in the ledger; one gate, not two. <see cref="SepTargets.MarginGateHolds"/> still reports the ratio's verdict.
    /// </param>
    public static SepTargets Targets(SepSettings settings, SepAccount account, ReadOnlySpan<double> weights, ReadOnlySpan<double> current, bool applyMarginGate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (weights.Length != current.Length)
        {
            throw new ArgumentException("weights and current exposures differ in length", nameof(current));
        }

        var budget = Math.Max(0, Math.Min(account.Balance, account.MarginAvailable)) * settings.BudgetFraction;
        var cap = Math.Min(budget / settings.K, settings.MaxPerPosition * budget);
        var denominator = account.MarginUsed + account.MarginAvailable;
        var gate = denominator > 0 && account.MarginUsed / denominator >= settings.MarginGate;
        var step = settings.RampStep * cap;
        var exposures = new double[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var target = Math.Min(weights[i] * budget, cap);
            var now = current[i];
            exposures[i] = target <= now ? target : gate && applyMarginGate ? now : Math.Min(target, now + step);
        }

        return new SepTargets(budget, cap, gate, exposures);
    }
}
