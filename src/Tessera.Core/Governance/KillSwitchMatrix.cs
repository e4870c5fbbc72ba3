using Tessera.Core.Errors;

namespace Tessera.Core.Governance;

/// <summary>The conditions of the Indian-equities seed's kill-switch matrix.</summary>
public enum KillSwitchCondition : byte
{
    /// <summary>Today's loss exceeds the 1-day historical VaR (95 % over 250 days by default).</summary>
    VarBreach,

    /// <summary>Drawdown from the equity peak beyond the limit (8 % by default).</summary>
    Drawdown,

    /// <summary>The newest market data is older than the limit.</summary>
    DataOutage,

    /// <summary>Realised slippage beyond its budget (bps).</summary>
    SlippageOverBudget,
}

/// <summary>The actions a firing takes (the seed's: halt adds, de-risk 25–50 %, switch aggressive → base, restrict to ETFs, notify and record).</summary>
public enum KillSwitchActionKind : byte
{
    HaltAdds,
    DeRisk,
    SwitchToBaseProfile,
    RestrictToList,
    NotifyAndRecord,
}

/// <summary>One action with its parameter: the de-risk fraction (0.25–0.50) or the list of allowed symbols.</summary>
public sealed record KillSwitchAction(KillSwitchActionKind Kind, double? Fraction = null, IReadOnlyList<string>? Symbols = null);

/// <summary>One row of the matrix: a condition, its threshold, its actions.</summary>
public sealed record KillSwitchRule(KillSwitchCondition Condition, double Threshold, IReadOnlyList<KillSwitchAction> Actions);

/// <summary>What the matrix is evaluated on (one equity poll).</summary>
/// <param name="DailyReturns">the account's daily returns, oldest first, the last one today's.</param>
/// <param name="Equity">the equity curve (oldest first) the drawdown is measured on.</param>
/// <param name="DataAge">age of the newest market data.</param>
/// <param name="SlippageBps">realised slippage of today's fills, basis points.</param>
public sealed record KillSwitchInputs(double[] DailyReturns, double[] Equity, TimeSpan DataAge, double SlippageBps);

/// <summary>A rule that fired: its measured value against its threshold, and its actions.</summary>
public sealed record KillSwitchFiring(KillSwitchCondition Condition, double Measured, double Threshold, IReadOnlyList<KillSwitchAction> Actions, string Reason);

/// <summary>
/// The kill-switch matrix (config/kill_switch.yaml): evaluated on the equity-poll schedule, it returns every rule
/// that fires with the measured value and its actions; the host applies and audits them. Thresholds: VaR breach —
/// the VaR confidence (e.g. 0.95), breached when today's return is below −VaR of the previous 250 returns;
/// drawdown — a fraction (0.08); data outage — minutes; slippage — basis points.
/// </summary>
public sealed class KillSwitchMatrix
{
    public KillSwitchMatrix(IReadOnlyList<KillSwitchRule> rules, int varWindow = 250)
    {
        ArgumentNullException.ThrowIfNull(rules);
        for (var i = 0; i < rules.Count; i++)
        {
            Validate(rules[i], $"rules[{i}]");
        }

        Rules = rules;
        VarWindow = varWindow;
    }

    public IReadOnlyList<KillSwitchRule> Rules { get; }

    public int VarWindow { get; }

    /// <summary>The seed's matrix with its numbers: VaR 95 %, DD > 8 %, 15 min without data, slippage over 25 bps.</summary>
    public static KillSwitchMatrix SeedDefault(IReadOnlyList<string> etfs) => new(
    [
        new(KillSwitchCondition.VarBreach, 0.95, [new(KillSwitchActionKind.HaltAdds), new(KillSwitchActionKind.DeRisk, 0.25), new(KillSwitchActionKind.NotifyAndRecord)]),
        new(KillSwitchCondition.Drawdown, 0.08, [new(KillSwitchActionKind.DeRisk, 0.50), new(KillSwitchActionKind.SwitchToBaseProfile), new(KillSwitchActionKind.NotifyAndRecord)]),
        new(KillSwitchCondition.DataOutage, 15, [new(KillSwitchActionKind.HaltAdds), new(KillSwitchActionKind.NotifyAndRecord)]),
        new(KillSwitchCondition.SlippageOverBudget, 25, [new(KillSwitchActionKind.RestrictToList, Symbols: etfs), new(KillSwitchActionKind.NotifyAndRecord)]),
    ]);

    public IReadOnlyList<KillSwitchFiring> Evaluate(KillSwitchInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var firings = new List<KillSwitchFiring>();
        foreach (var rule in Rules)
        {
            var firing = rule.Condition switch
            {
                KillSwitchCondition.VarBreach => VarBreach(rule, inputs),
                KillSwitchCondition.Drawdown => Drawdown(rule, inputs),
                KillSwitchCondition.DataOutage => inputs.DataAge.TotalMinutes > rule.Threshold
                    ? new KillSwitchFiring(rule.Condition, inputs.DataAge.TotalMinutes, rule.Threshold, rule.Actions, FormattableString.Invariant($"no market data for {inputs.DataAge.TotalMinutes:0.#} min (limit {rule.Threshold:0.#})"))
                    : null,
                KillSwitchCondition.SlippageOverBudget => inputs.SlippageBps > rule.Threshold
                    ? new KillSwitchFiring(rule.Condition, inputs.SlippageBps, rule.Threshold, rule.Actions, FormattableString.Invariant($"slippage {inputs.SlippageBps:0.##} bps over the budget of {rule.Threshold:0.##} bps"))
                    : null,
                _ => null,
            };
            if (firing is not null)
            {
                firings.Add(firing);
            }
        }

        return firings;
    }

    private KillSwitchFiring? VarBreach(KillSwitchRule rule, KillSwitchInputs inputs)
    {
        var r = inputs.DailyReturns;
        if (r.Length < VarWindow + 1)
        {
            return null; // not enough history to estimate VaR: the drawdown and outage rows still guard
        }

        var var = HistoricalVar.OneDay(r.AsSpan(0, r.Length - 1), rule.Threshold, VarWindow);
        var today = r[^1];
        return today < -var
            ? new KillSwitchFiring(rule.Condition, -today, var, rule.Actions, FormattableString.Invariant($"today's loss {-today:P2} exceeds the 1-day {rule.Threshold:P0} VaR of {var:P2} over {VarWindow} days"))
            : null;
    }

    private static KillSwitchFiring? Drawdown(KillSwitchRule rule, KillSwitchInputs inputs)
    {
        var equity = inputs.Equity;
        if (equity.Length == 0)
        {
            return null;
        }

        var peak = double.NegativeInfinity;
        foreach (var e in equity)
        {
            peak = Math.Max(peak, e);
        }

        var drawdown = peak > 0 ? 1 - (equity[^1] / peak) : 0;
        return drawdown > rule.Threshold
            ? new KillSwitchFiring(rule.Condition, drawdown, rule.Threshold, rule.Actions, FormattableString.Invariant($"drawdown {drawdown:P2} beyond {rule.Threshold:P0} from the peak {peak:0.##}"))
            : null;
    }

    private static void Validate(KillSwitchRule rule, string field)
    {
        var ok = rule.Condition switch
        {
            KillSwitchCondition.VarBreach => rule.Threshold is > 0.5 and < 1,
            KillSwitchCondition.Drawdown => rule.Threshold is > 0 and < 1,
            KillSwitchCondition.DataOutage => rule.Threshold is > 0 and <= 1_440,
            KillSwitchCondition.SlippageOverBudget => rule.Threshold is > 0 and <= 10_000,
            _ => false,
        };
        if (!ok || !double.IsFinite(rule.Threshold))
        {
            throw new TesseraValidationException(field + ".threshold", rule.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
                rule.Condition switch
                {
                    KillSwitchCondition.VarBreach => "a VaR confidence in (0.5, 1)",
                    KillSwitchCondition.Drawdown => "a drawdown fraction in (0, 1)",
                    KillSwitchCondition.DataOutage => "minutes in (0, 1440]",
                    _ => "basis points in (0, 10000]",
                });
        }

        if (rule.Actions.Count == 0)
        {
            throw new TesseraValidationException(field + ".actions", null, "at least one action");
        }

        foreach (var a in rule.Actions)
        {
            if (a.Kind == KillSwitchActionKind.DeRisk && a.Fraction is not (>= 0.25 and <= 0.50))
            {
                throw new TesseraValidationException(field + ".actions.de_risk", a.Fraction?.ToString(System.Globalization.CultureInfo.InvariantCulture), "a fraction from 0.25 to 0.50 (the seed's de-risk 25–50 %)");
            }

            if (a.Kind == KillSwitchActionKind.RestrictToList && (a.Symbols is null || a.Symbols.Count == 0))
            {
                throw new TesseraValidationException(field + ".actions.restrict_to", null, "a non-empty list of symbols (e.g. the ETFs)");
            }
        }
    }
}
