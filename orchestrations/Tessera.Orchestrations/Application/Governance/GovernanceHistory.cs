using System.Text.Json.Nodes;
using Tessera.Core.Governance;
using Tessera.Trading.Ledger;

namespace Tessera.Orchestrations.Application.Governance;

/// <summary>Where one run stands according to the governance chain.</summary>
public sealed record RunGovernance(GovernanceState State, string? Reason, DateTimeOffset? At, DateTimeOffset? CanaryEnteredAt);

/// <summary>
/// The governance chain folded into each run's state: the last <c>governance.transition</c> of a run decides its
/// state (sandbox when it has none), and the instant of the last kill-switch firing (any firing: a firing demotes
/// every canary, so clean canary days count from after it).
/// </summary>
public sealed class GovernanceHistory
{
    private readonly Dictionary<string, RunGovernance> _runs = new(StringComparer.Ordinal);

    public DateTimeOffset? LastKillSwitchAt { get; private set; }

    public IReadOnlyDictionary<string, RunGovernance> Runs => _runs;

    public RunGovernance Of(string runId) => _runs.TryGetValue(runId, out var g) ? g : new RunGovernance(GovernanceState.Sandbox, null, null, null);

    public static GovernanceHistory Fold(IEnumerable<LedgerBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var history = new GovernanceHistory();
        foreach (var block in blocks)
        {
            var e = block.Entry;
            if (e.Kind == GovernanceChain.KillSwitchKind)
            {
                history.LastKillSwitchAt = e.At;
            }
            else if (e.Kind == GovernanceChain.TransitionKind && Text(e.Payload, "run_id") is { } runId && Text(e.Payload, "to") is { } to)
            {
                var state = GovernanceStates.Parse(to);
                var previous = history.Of(runId);
                history._runs[runId] = new RunGovernance(state, Text(e.Payload, "reason"), e.At, state == GovernanceState.Canary ? e.At : previous.CanaryEnteredAt);
            }
        }

        return history;
    }

    private static string? Text(JsonObject payload, string name) => payload[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
