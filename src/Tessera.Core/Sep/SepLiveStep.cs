namespace Tessera.Core.Sep;

/// <summary>One live evaluation: the allocation, the exposures to move to, and the state to persist for the next tick.</summary>
/// <param name="NoData">stale metrics and no previous weights to hold: nothing changes (targets = current exposures).</param>
public sealed record SepLiveResult(SepAllocation Allocation, SepTargets Targets, SepAllocatorState State, bool NoData);

/// <summary>
/// The live desk's domain step, a pure function of its inputs and the previous state (so a restarted process that
/// reads the state back decides exactly as the one that wrote it): restore the allocator, evaluate at <c>now</c>
/// (guards with hysteresis and cooldowns; the previous weights held when the metrics are older than StaleAfter), and
/// turn the weights into exposures with <see cref="SepBudget"/>: budget = min(balance, margin available) × budget
/// fraction, cap = min(budget / K, max_per_pos × budget), ramped increases, reductions in full. The margin gate is
/// NOT applied here: live, the order path's gate (DecisionPipeline, veto <c>margin_budget</c>) holds the increases and
/// records each hold in the ledger; <see cref="SepTargets.MarginGateHolds"/> still reports the ratio's verdict.
/// </summary>
public static class SepLiveStep
{
    /// <param name="previous">the state the last tick persisted; null on the first tick.</param>
    /// <param name="metricsAsOf">when the freshest metrics' data ends (the end of the newest completed bar).</param>
    /// <param name="metrics">per instrument; null where the instrument has no fresh, complete window.</param>
    /// <param name="current">current exposure per instrument (position value, currency units).</param>
    public static SepLiveResult Evaluate(SepSettings settings, SepAllocatorState? previous, DateTimeOffset now, DateTimeOffset metricsAsOf, ReadOnlySpan<SepMetrics?> metrics, SepAccount account, ReadOnlySpan<double> current)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (current.Length != metrics.Length)
        {
            throw new ArgumentException("metrics and current exposures differ in length", nameof(current));
        }

        var allocator = new SepAllocator(settings, metrics.Length);
        if (previous is not null)
        {
            allocator.Restore(previous);
        }

        var stale = now - metricsAsOf > settings.StaleAfter;
        if (stale && previous?.Previous is null)
        {
            // Nothing fresh and nothing to hold (first tick, or the data never arrived): change nothing, remember nothing new.
            var n = metrics.Length;
            var held = current.ToArray();
            var none = new SepAllocation(now, new double[n], Nan(n), new SepSelection[n], HeldStale: true);
            var budget = SepBudget.Targets(settings, account, new double[n], current, applyMarginGate: false);
            return new SepLiveResult(none, budget with { Exposures = held }, allocator.Capture(), NoData: true);
        }

        var allocation = allocator.Evaluate(now, metricsAsOf, metrics);
        var targets = SepBudget.Targets(settings, account, allocation.Weights, current, applyMarginGate: false);
        return new SepLiveResult(allocation, targets, allocator.Capture(), NoData: false);
    }

    private static double[] Nan(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}
