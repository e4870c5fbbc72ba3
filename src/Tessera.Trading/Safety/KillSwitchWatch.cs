using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Core.Governance;
using Tessera.Core.Markets;
using Tessera.Trading.Ledger;

namespace Tessera.Trading.Safety;

/// <summary>What governance does when the kill switch fires (demote canaries); implemented by the governance service.</summary>
public interface IKillSwitchResponder
{
    /// <summary>Called after the firing's block is in the governance chain; returns the run ids it demoted.</summary>
    Task<IReadOnlyList<string>> OnFiringAsync(KillSwitchFiring firing, LedgerBlock firingBlock, CancellationToken cancellationToken);
}

/// <summary>
/// The measurements one evaluation needs. A source that cannot measure data age or slippage returns null for them,
/// and those rows are not evaluated on that tick (never a made-up reading).
/// </summary>
public sealed record KillSwitchReadings(double[] DailyReturns, double[] Equity, TimeSpan? DataAge, double? SlippageBps);

/// <summary>Where the kill switch's readings come from.</summary>
public interface IKillSwitchReadings
{
    Task<KillSwitchReadings> ReadAsync(string accountId, DateTimeOffset now, decimal equity, CancellationToken cancellationToken);
}

/// <summary>
/// The daily equity curve from the circuit breaker's own record: every session's opening equity (table
/// <c>sessionequity</c>) followed by the current equity; daily returns between consecutive points. Data age and
/// slippage are not measured by this source (null): those rows need a source that measures them.
/// </summary>
public sealed class SessionEquityReadings(SessionEquityStore openings) : IKillSwitchReadings
{
    public async Task<KillSwitchReadings> ReadAsync(string accountId, DateTimeOffset now, decimal equity, CancellationToken cancellationToken)
    {
        var history = await openings.HistoryAsync(accountId, cancellationToken).ConfigureAwait(false);
        var curve = new double[history.Count + 1];
        for (var i = 0; i < history.Count; i++)
        {
            curve[i] = (double)history[i].Equity;
        }

        curve[^1] = (double)equity;
        var returns = new double[Math.Max(0, curve.Length - 1)];
        for (var i = 1; i < curve.Length; i++)
        {
            returns[i - 1] = curve[i - 1] > 0 ? (curve[i] / curve[i - 1]) - 1 : 0;
        }

        return new KillSwitchReadings(returns, curve, null, null);
    }
}

/// <summary>One firing as handled: the rule, its block in the governance chain, the runs it demoted.</summary>
public sealed record KillSwitchOutcome(KillSwitchFiring Firing, LedgerBlock Block, IReadOnlyList<string> Demoted)
{
    /// <summary>The firing's id (account, condition, New York day) when an enforcer executed it; null without one.</summary>
    public string? FiringId { get; init; }

    /// <summary>What the enforcer did, one line per action (empty when the actions are only recorded).</summary>
    public IReadOnlyList<string> Executed { get; init; } = [];
}

/// <summary>
/// The kill-switch matrix on the equity-poll schedule: <see cref="EquityPoll"/> calls <see cref="EvaluateAsync"/> on
/// every in-session tick. Each rule that fires is appended to the governance chain (kind governance.kill_switch:
/// condition, measured value, threshold, actions, reason, account; config pin = the matrix file's SHA-256), then
/// handed to the responder (governance demotes every canary with the actions as the reason). A condition fires once
/// per account and New York day (the 10 s poll would otherwise append the same firing every tick). With an
/// <see cref="KillSwitchEnforcer"/> the actions are executed on the order path and the once-a-day rule is kept in
/// storage (a claim row per firing), so a restart neither records nor executes a firing twice; without one (tests of
/// the matrix alone) the process remembers, and a restart may record it once more that day.
/// </summary>
public sealed class KillSwitchWatch(KillSwitchConfig config, IKillSwitchReadings readings, GovernanceChain chain, IKillSwitchResponder? responder = null, KillSwitchEnforcer? enforcer = null)
{
    /// <summary>The executor of the actions (null: the actions are only recorded).</summary>
    public KillSwitchEnforcer? Enforcer { get; } = enforcer;

    private readonly ConcurrentDictionary<(string Account, KillSwitchCondition Condition, DateOnly Day), bool> _fired = new();

    public KillSwitchConfig Config { get; } = config;

    public async Task<IReadOnlyList<KillSwitchOutcome>> EvaluateAsync(AuditStamp stamp, DateTimeOffset now, decimal equity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var r = await readings.ReadAsync(stamp.AccountId, now, equity, cancellationToken).ConfigureAwait(false);
        var rules = new List<KillSwitchRule>(Config.Matrix.Rules.Count);
        foreach (var rule in Config.Matrix.Rules)
        {
            var measured = rule.Condition switch
            {
                KillSwitchCondition.DataOutage => r.DataAge is not null,
                KillSwitchCondition.SlippageOverBudget => r.SlippageBps is not null,
                _ => true,
            };
            if (measured)
            {
                rules.Add(rule);
            }
        }

        var firings = new KillSwitchMatrix(rules, Config.Matrix.VarWindow).Evaluate(new KillSwitchInputs(r.DailyReturns, r.Equity, r.DataAge ?? TimeSpan.Zero, r.SlippageBps ?? 0));
        var day = UsEastern.DateOf(now);
        var outcomes = new List<KillSwitchOutcome>();
        foreach (var firing in firings)
        {
            if (_fired.ContainsKey((stamp.AccountId, firing.Condition, day)))
            {
                continue;
            }

            if (Enforcer is { } executor)
            {
                var (settled, executed) = await FireAndExecuteAsync(executor, firing, stamp, now, day, cancellationToken).ConfigureAwait(false);
                if (executed is not null)
                {
                    outcomes.Add(executed);
                }

                if (settled)
                {
                    _fired.TryAdd((stamp.AccountId, firing.Condition, day), true); // not when busy elsewhere: the next tick looks again
                }

                continue;
            }

            _fired.TryAdd((stamp.AccountId, firing.Condition, day), true);
            var block = await chain.AppendAsync(GovernanceChain.KillSwitchKind, now, Payload(firing, stamp), Config.Pin, stamp.TraceId, cancellationToken).ConfigureAwait(false);
            var demoted = responder is null ? [] : await responder.OnFiringAsync(firing, block, cancellationToken).ConfigureAwait(false);
            outcomes.Add(new KillSwitchOutcome(firing, block, demoted));
        }

        if (Enforcer is { } follow)
        {
            await follow.ContinueAsync(now, stamp, cancellationToken).ConfigureAwait(false); // de-risk legs vetoed earlier today are decided again
        }

        return outcomes;
    }

    /// <summary>
    /// The persistent path: claim the firing (create-only row), append its block unless the claim already has one,
    /// demote, execute the actions, mark the claim applied. A claim already applied (an earlier process) is skipped; a
    /// claim another process made less than <see cref="ClaimInProgressFor"/> ago is left to it (not settled: looked at
    /// again next tick); an older one left half-way (a crash) is resumed without appending its block again — only a
    /// crash between the append and the claim's update records a firing twice.
    /// </summary>
    private async Task<(bool Settled, KillSwitchOutcome? Outcome)> FireAndExecuteAsync(KillSwitchEnforcer executor, KillSwitchFiring firing, AuditStamp stamp, DateTimeOffset now, DateOnly day, CancellationToken cancellationToken)
    {
        var firingId = KillSwitchEnforcer.FiringId(stamp.AccountId, firing.Condition, day);
        var claim = await executor.Store.ClaimFiringAsync(stamp.AccountId, firing.Condition, day, firingId, now, cancellationToken).ConfigureAwait(false);
        if (claim.Applied)
        {
            return (true, null);
        }

        if (!claim.Created && now - claim.ClaimedAt < ClaimInProgressFor)
        {
            return (false, null); // another process claimed it moments ago and is handling it
        }

        if (claim.BlockHash is { } recorded)
        {
            // Resumed after a crash: the block and the demotion happened; only the actions are (re-)applied, idempotently.
            await executor.ApplyAsync(firing, firingId, recorded, now, stamp, cancellationToken).ConfigureAwait(false);
            await executor.Store.MarkAppliedAsync(stamp.AccountId, firing.Condition, day, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }

        var payload = Payload(firing, stamp);
        payload["firing_id"] = firingId;
        var block = await chain.AppendAsync(GovernanceChain.KillSwitchKind, now, payload, Config.Pin, stamp.TraceId, cancellationToken).ConfigureAwait(false);
        await executor.Store.RecordBlockAsync(stamp.AccountId, firing.Condition, day, block.Hash, cancellationToken).ConfigureAwait(false);
        var demoted = responder is null ? [] : await responder.OnFiringAsync(firing, block, cancellationToken).ConfigureAwait(false);
        var executed = await executor.ApplyAsync(firing, firingId, block.Hash, now, stamp, cancellationToken).ConfigureAwait(false);
        await executor.Store.MarkAppliedAsync(stamp.AccountId, firing.Condition, day, cancellationToken).ConfigureAwait(false);
        return (true, new KillSwitchOutcome(firing, block, demoted) { FiringId = firingId, Executed = executed });
    }

    /// <summary>How long a claim another process made is taken as in progress rather than abandoned by a crash.</summary>
    public static readonly TimeSpan ClaimInProgressFor = TimeSpan.FromMinutes(2);

    private static JsonObject Payload(KillSwitchFiring firing, AuditStamp stamp) => new()
    {
        ["condition"] = KillSwitchFormat.Condition(firing.Condition),
        ["measured"] = firing.Measured,
        ["threshold"] = firing.Threshold,
        ["actions"] = KillSwitchFormat.ActionsJson(firing.Actions),
        ["reason"] = firing.Reason,
        ["account"] = stamp.AccountId,
        ["trading_config_pin"] = stamp.ConfigPin,
    };

    /// <summary>One line per outcome for the host's terminal.</summary>
    public static string Describe(KillSwitchOutcome o) => string.Create(CultureInfo.InvariantCulture,
        $"KILL SWITCH {KillSwitchFormat.Condition(o.Firing.Condition)}: {o.Firing.Reason}; actions {KillSwitchFormat.Actions(o.Firing.Actions)}{(o.Executed.Count == 0 ? " (recorded)" : " executed: " + string.Join("; ", o.Executed))}; demoted {(o.Demoted.Count == 0 ? "none" : string.Join(",", o.Demoted))}");
}
