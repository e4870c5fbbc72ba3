using System.Text.Json.Nodes;

namespace Tessera.Trading.Ledger;

/// <summary>
/// The governance chain: governance events that come after a run (promotions, demotions, retirements, kill-switch
/// firings) appended to the order path's hash-chained ledger under the reserved account <c>governance</c>
/// (<c>audit-ledger/governance/{yyyy-MM-dd}.jsonl</c>, one chain per New York day like every account), so the same
/// verifier (<c>tessera audit verify --chain governance</c>) recomputes it and a changed block is named.
/// Kinds: <c>governance.transition</c> (payload run_id, from, to, reason, actor, direction, evidence) and
/// <c>governance.kill_switch</c> (payload condition, measured, threshold, actions, reason, account, demoted).
/// </summary>
public sealed class GovernanceChain(BlobAuditLedger ledger)
{
    public const string Account = "governance";
    public const string TransitionKind = "governance.transition";
    public const string KillSwitchKind = "governance.kill_switch";

    public BlobAuditLedger Ledger { get; } = ledger;

    public Task<LedgerBlock> AppendAsync(string kind, DateTimeOffset at, JsonObject payload, string configPin, string traceId, CancellationToken cancellationToken = default) =>
        Ledger.AppendAsync(new LedgerEntry(kind, Account, at, payload, configPin, traceId), cancellationToken);

    /// <summary>Every governance block, oldest first (every day's chain in date order).</summary>
    public async Task<IReadOnlyList<LedgerBlock>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var days = new List<DateOnly>();
        await foreach (var day in Ledger.ListDaysAsync(Account, cancellationToken).ConfigureAwait(false))
        {
            days.Add(day);
        }

        days.Sort();
        var blocks = new List<LedgerBlock>();
        foreach (var day in days)
        {
            long from = 0;
            while (true)
            {
                var page = await Ledger.ReadAsync(Account, day, from, 10_000, cancellationToken).ConfigureAwait(false);
                blocks.AddRange(page.Blocks);
                if (page.NextIndex is not { } next)
                {
                    break;
                }

                from = next;
            }
        }

        return blocks;
    }

    /// <summary>Recomputes every day of the governance chain (or one day).</summary>
    public async Task<IReadOnlyList<(DateOnly Day, LedgerVerification Result)>> VerifyAsync(DateOnly? date, CancellationToken cancellationToken = default)
    {
        var days = new List<DateOnly>();
        if (date is { } d)
        {
            days.Add(d);
        }
        else
        {
            await foreach (var day in Ledger.ListDaysAsync(Account, cancellationToken).ConfigureAwait(false))
            {
                days.Add(day);
            }

            days.Sort();
        }

        var results = new List<(DateOnly, LedgerVerification)>(days.Count);
        foreach (var day in days)
        {
            results.Add((day, await Ledger.VerifyAsync(Account, day, cancellationToken).ConfigureAwait(false)));
        }

        return results;
    }
}
