using Tessera.Core.Errors;

namespace Tessera.Core.Sep;

/// <summary>
/// The Top-K allocator's parameters. Defaults are the SEP seed's where it fixes them (score weights C 0.6, S 0.2,
/// R 0.15, H 0.05; budget 0.30 of min(balance, margin available); margin gate 0.30); the guard floors, hysteresis,
/// cooldowns, K, the per-position cap and the ramp are Tessera's (the seed names them without values).
/// </summary>
public sealed record SepSettings
{
    /// <summary>Instruments held (K).</summary>
    public int K { get; init; } = 3;

    /// <summary>Candles in the metrics window (the seed's <c>look</c>).</summary>
    public int Look { get; init; } = 20;

    public double CoherenceMin { get; init; } = 0.2;

    public double StabilityMin { get; init; } = 0.45;

    public double RuptureMax { get; init; } = 0.5;

    public double EntropyMax { get; init; } = 0.95;

    /// <summary>How far past a floor or ceiling an admitted instrument may drift before it is dropped.</summary>
    public double Hysteresis { get; init; } = 0.05;

    /// <summary>After an instrument is dropped, it is not admitted again before this much event time (the seed's entry_cd).</summary>
    public TimeSpan EntryCooldown { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>After an instrument is admitted, it is not dropped before this much event time (the seed's exit_cd).</summary>
    public TimeSpan ExitCooldown { get; init; } = TimeSpan.FromMinutes(5);

    public SepWeights Weights { get; init; } = SepWeights.Default;

    /// <summary>Publish K weights even when fewer pass the guards, filling with the best-scored others (the seed's fill-to-K).</summary>
    public bool FillToK { get; init; } = true;

    /// <summary>The seed's RISK_ALLOC_TARGET_PCT: budget = min(balance, margin available) × this.</summary>
    public double BudgetFraction { get; init; } = 0.30;

    /// <summary>The seed's PM_MAX_PER_POS_PCT: per-instrument cap = min(budget / K, this × budget).</summary>
    public double MaxPerPosition { get; init; } = 0.5;

    /// <summary>An increase moves at most this share of the per-instrument cap per evaluation (the seed's "ramped increases").</summary>
    public double RampStep { get; init; } = 0.25;

    /// <summary>The seed's MARGIN_HYST_HIGH: no increases when used / (used + available) is at or above it.</summary>
    public double MarginGate { get; init; } = 0.30;

    /// <summary>Metrics older than this are stale: the allocator holds the previous weights.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Backtests: the margin an exposure uses, as a fraction of its notional (0.5: Reg T; 1: a cash account; 0.05: FX at
    /// 20:1), so margin available = equity − used.
    /// </summary>
    public double MarginRate { get; init; } = 0.5;

    /// <summary>Costs of a traded notional, in basis points (backtests).</summary>
    public double CostBps { get; init; } = 1.0;

    /// <summary>Every field checked, the error names the field and the rule.</summary>
    public SepSettings Validate()
    {
        Require(K >= 1 && K <= 1000, "sep.k", K, "an integer from 1 to 1000");
        Require(Look >= SepMetricsCalculator.MinimumLook && Look <= 10_000, "sep.look", Look, $"an integer from {SepMetricsCalculator.MinimumLook} to 10000");
        Unit(CoherenceMin, "sep.coherence_min");
        Unit(StabilityMin, "sep.stability_min");
        Unit(RuptureMax, "sep.rupture_max");
        Unit(EntropyMax, "sep.entropy_max");
        Require(double.IsFinite(Hysteresis) && Hysteresis >= 0 && Hysteresis <= 0.5, "sep.hysteresis", Hysteresis, "a number from 0 to 0.5");
        Require(EntryCooldown >= TimeSpan.Zero, "sep.entry_cooldown", EntryCooldown, "zero or positive");
        Require(ExitCooldown >= TimeSpan.Zero, "sep.exit_cooldown", ExitCooldown, "zero or positive");
        Unit(Weights.Coherence, "sep.weights.coherence");
        Unit(Weights.Stability, "sep.weights.stability");
        Unit(Weights.Rupture, "sep.weights.rupture");
        Unit(Weights.Entropy, "sep.weights.entropy");
        var sum = Weights.Coherence + Weights.Stability + Weights.Rupture + Weights.Entropy;
        Require(Math.Abs(sum - 1) <= 1e-9, "sep.weights", sum, "weights sum to 1");
        Require(double.IsFinite(BudgetFraction) && BudgetFraction > 0 && BudgetFraction <= 1, "sep.budget_fraction", BudgetFraction, "a number in (0, 1]");
        Require(double.IsFinite(MaxPerPosition) && MaxPerPosition > 0 && MaxPerPosition <= 1, "sep.max_per_position", MaxPerPosition, "a number in (0, 1]");
        Require(double.IsFinite(RampStep) && RampStep > 0 && RampStep <= 1, "sep.ramp_step", RampStep, "a number in (0, 1]");
        Require(double.IsFinite(MarginGate) && MarginGate > 0 && MarginGate <= 1, "sep.margin_gate", MarginGate, "a number in (0, 1]");
        Require(StaleAfter > TimeSpan.Zero, "sep.stale_after", StaleAfter, "positive");
        Require(double.IsFinite(MarginRate) && MarginRate > 0 && MarginRate <= 1, "sep.margin_rate", MarginRate, "a number in (0, 1]");
        Require(double.IsFinite(CostBps) && CostBps >= 0 && CostBps <= 1000, "sep.cost_bps", CostBps, "a number from 0 to 1000");
        return this;
    }

    private static void Unit(double value, string field) =>
        Require(double.IsFinite(value) && value >= 0 && value <= 1, field, value, "a number from 0 to 1");

    private static void Require(bool ok, string field, object value, string rule)
    {
        if (!ok)
        {
            throw new TesseraValidationException(field, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), rule);
        }
    }
}
