using Tessera.Trading.Decisions;
using Tessera.Trading.Desk;

namespace Tessera.Trading.Safety;

/// <summary>The kill switch's actions as one decision round sees them: the gates' safety state and the pipeline to size with.</summary>
public sealed record DeskKillSwitchView(SafetyState Safety, DecisionPipeline Pipeline, KillSwitchActiveSet Active);

/// <summary>
/// Reads the actions in force (<see cref="KillSwitchActionStore"/>) for a decision round of the desk (scan, rebalance):
/// halt_adds and restrict_to_etfs become the <see cref="SafetyState"/>'s <c>HaltAdds</c> / <c>AllowedSymbols</c>
/// (the pipeline's vetoes), switch_to_base_profile selects the base profile's pipeline (its sizing, budgets, gates).
/// </summary>
public static class DeskKillSwitch
{
    public static async Task<DeskKillSwitchView> ReadAsync(TradingDesk desk, SafetyState safety, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(safety);
        var active = await desk.KillSwitchActions.ActiveAsync(desk.AccountId, cancellationToken).ConfigureAwait(false);
        return new DeskKillSwitchView(
            safety with { HaltAdds = active.HaltAdds, AllowedSymbols = active.AllowedSymbols },
            active.BaseProfile is { } name ? desk.PipelineFor(name) : desk.Pipeline,
            active);
    }
}
