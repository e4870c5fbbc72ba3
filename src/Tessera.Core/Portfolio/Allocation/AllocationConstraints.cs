namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// Constraints an allocation must respect. Every field is optional; the defaults describe a
/// long-only, fully invested portfolio (weights in [0, 1], sum = 1).
/// </summary>
public sealed record AllocationConstraints
{
    public static AllocationConstraints None { get; } = new();

    /// <summary>Per-asset lower bounds (non-negative; L4 forbids shorts at the asset level).</summary>
    public double[]? MinWeights { get; init; }

    /// <summary>Per-asset upper bounds.</summary>
    public double[]? MaxWeights { get; init; }

    /// <summary>One upper bound for every asset (combined with <see cref="MaxWeights"/> by min).</summary>
    public double? MaxWeight { get; init; }

    /// <summary>
    /// Capacity caps, typically a fraction of average daily volume converted to a weight by the
    /// caller (cap_i = k * ADV_i * price_i / capital). Combined with the upper bounds by min.
    /// </summary>
    public double[]? CapacityCaps { get; init; }

    /// <summary>Group (sector) label per asset; assets with a null label belong to no group.</summary>
    public string?[]? AssetGroups { get; init; }

    /// <summary>Cap on the summed weight of each group label.</summary>
    public IReadOnlyDictionary<string, double>? GroupCaps { get; init; }

    /// <summary>Market-neutral band: |w' beta| &lt;= BetaBand (0.15 in the platform). Needs betas.</summary>
    public double? BetaBand { get; init; }

    /// <summary>Weights currently held; the turnover penalty pulls the solution toward them.</summary>
    public double[]? PreviousWeights { get; init; }

    /// <summary>
    /// Quadratic turnover penalty lambda: the objective gains lambda * ||w - w_prev||^2 (a smooth
    /// stand-in for L1 turnover that keeps every engine a QP). 0 disables it.
    /// </summary>
    public double TurnoverPenalty { get; init; }

    /// <summary>Sum of the weights (the fully invested budget).</summary>
    public double Budget { get; init; } = 1.0;
}
