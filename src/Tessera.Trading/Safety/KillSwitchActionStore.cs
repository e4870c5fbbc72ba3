using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Tessera.Alpaca.Model;
using Tessera.Core.Errors;
using Tessera.Core.Governance;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Safety;

/// <summary>
/// The kill switch's executed actions in Table storage (table <c>killswitchactions</c>, partition = account), so they
/// survive a restart: one row per persistent action (RowKey = its name; de_risk: <c>de_risk-{firing id}</c>) and one
/// claim row per firing (<c>firing-{condition}-{yyyy-MM-dd}</c>), which makes "a condition fires once per account and
/// New York day" hold across processes. Changes are compare-and-swap on the row's ETag (like
/// <see cref="TradingSwitchStore"/>): a clear racing a firing never loses either; the loser re-reads and re-decides.
/// </summary>
public sealed class KillSwitchActionStore(ITableStore tables)
{
    public const string Table = "killswitchactions";
    private const int MaxAttempts = 8;

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => tables.CreateTableIfNotExistsAsync(Table, cancellationToken);

    /// <summary>Every action row of the account (active and cleared), de-risk rows in firing order.</summary>
    public async Task<IReadOnlyList<KillSwitchActionRecord>> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        TradingAccountId.Validate(accountId);
        var list = new List<KillSwitchActionRecord>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
            await foreach (var row in tables.QueryAsync<ActionRow>(Table, filter, cancellationToken).ConfigureAwait(false))
            {
                if (!row.RowKey.StartsWith(FiringPrefix, StringComparison.Ordinal))
                {
                    list.Add(row.ToRecord());
                }
            }
        }
        catch (StorageNotFoundException)
        {
            return []; // the table does not exist yet: nothing ever fired
        }

        list.Sort((a, b) => a.FiredAt.CompareTo(b.FiredAt));
        return list;
    }

    /// <summary>The actions in force (what the gates and the sizing read on every decision).</summary>
    public async Task<KillSwitchActiveSet> ActiveAsync(string accountId, CancellationToken cancellationToken = default) =>
        new([.. (await ListAsync(accountId, cancellationToken).ConfigureAwait(false)).Where(a => a.Active)]);

    /// <summary>
    /// Claims a firing (create-only). Returns the claim: <see cref="FiringClaim.Applied"/> true means an earlier
    /// evaluation (this process or one before a restart) already recorded and applied it.
    /// </summary>
    public async Task<FiringClaim> ClaimFiringAsync(string accountId, KillSwitchCondition condition, DateOnly day, string firingId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var key = FiringKey(condition, day);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var existing = await ReadAsync(accountId, key, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            try
            {
                await tables.InsertAsync(Table, new ActionRow { PartitionKey = accountId, RowKey = key, Kind = "firing", Condition = KillSwitchFormat.Condition(condition), FiringId = firingId, FiredAt = at, Reason = string.Empty }, cancellationToken).ConfigureAwait(false);
                return new FiringClaim(firingId, null, false) { Created = true, ClaimedAt = at };
            }
            catch (StorageConflictException)
            {
                existing = await ReadAsync(accountId, key, cancellationToken).ConfigureAwait(false);
            }
        }

        return new FiringClaim(existing!.FiringId, existing.BlockHash, existing.Applied) { ClaimedAt = existing.FiredAt };
    }

    /// <summary>Notes the firing's governance-chain block on its claim (so a resumed firing does not append it again).</summary>
    public Task RecordBlockAsync(string accountId, KillSwitchCondition condition, DateOnly day, string blockHash, CancellationToken cancellationToken = default) =>
        ChangeAsync(accountId, FiringKey(condition, day), row => row with { BlockHash = blockHash }, cancellationToken);

    /// <summary>Notes that every action of the firing was applied.</summary>
    public Task MarkAppliedAsync(string accountId, KillSwitchCondition condition, DateOnly day, CancellationToken cancellationToken = default) =>
        ChangeAsync(accountId, FiringKey(condition, day), row => row with { Applied = true }, cancellationToken);

    /// <summary>
    /// Puts an action in force for a firing. halt_adds, switch and restrict: the account's one row is (re)activated by
    /// the newest firing. de_risk: the firing's own row is created with its plan, or returned as it is when it exists
    /// (a resumed firing keeps the plan it made first, so its orders and quantities never change).
    /// </summary>
    public async Task<KillSwitchActionRecord> ActivateAsync(KillSwitchActionRecord action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var key = RowKeyOf(action.Kind, action.FiringId);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        if (action.Kind == KillSwitchActionKind.DeRisk)
        {
            try
            {
                await tables.InsertAsync(Table, ActionRow.From(action, key), cancellationToken).ConfigureAwait(false);
                return action;
            }
            catch (StorageConflictException)
            {
                return (await ReadAsync(action.AccountId, key, cancellationToken).ConfigureAwait(false))!.ToRecord();
            }
        }

        var next = await ChangeAsync(action.AccountId, key, _ => ActionRow.From(action, key), cancellationToken).ConfigureAwait(false);
        return next.ToRecord();
    }

    /// <summary>Replaces the plan of a de-risk row (a leg's status after its decision); closes the row when no leg is left to decide.</summary>
    public async Task<KillSwitchActionRecord> UpdateLegsAsync(string accountId, string firingId, IReadOnlyList<DeRiskLeg> legs, CancellationToken cancellationToken = default)
    {
        var open = legs.Any(l => l.Status is DeRiskLegStatus.Planned or DeRiskLegStatus.Vetoed);
        var row = await ChangeAsync(accountId, RowKeyOf(KillSwitchActionKind.DeRisk, firingId), r => r with { Legs = LegsJson(legs), Active = r.Active && open }, cancellationToken).ConfigureAwait(false);
        return row.ToRecord();
    }

    /// <summary>
    /// Clears an action in force (an operator, with a reason): the row stays, inactive, with who, when and why. A
    /// de-risk's legs not yet sent are abandoned. Throws <see cref="KillSwitchClearRefusedException"/> when the
    /// action is not in force (nothing changed).
    /// </summary>
    public async Task<IReadOnlyList<KillSwitchActionRecord>> ClearAsync(string accountId, KillSwitchActionKind kind, string actor, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Require("reason", reason);
        Require("actor", actor);
        var targets = (await ListAsync(accountId, cancellationToken).ConfigureAwait(false)).Where(a => a.Kind == kind && a.Active).ToList();
        if (targets.Count == 0)
        {
            throw new KillSwitchClearRefusedException(KillSwitchActionNames.Of(kind));
        }

        var cleared = new List<KillSwitchActionRecord>(targets.Count);
        foreach (var t in targets)
        {
            var row = await ChangeAsync(accountId, RowKeyOf(kind, t.FiringId), r => r with
            {
                Active = false,
                ClearedAt = at,
                ClearedBy = actor,
                ClearReason = reason,
                Legs = r.Legs is null ? null : LegsJson([.. ParseLegs(r.Legs).Select(l => l.Status is DeRiskLegStatus.Planned or DeRiskLegStatus.Vetoed ? l with { Status = DeRiskLegStatus.Abandoned, Detail = "cleared by " + actor } : l)]),
            }, cancellationToken).ConfigureAwait(false);
            cleared.Add(row.ToRecord());
        }

        return cleared;
    }

    private const string FiringPrefix = "firing-";

    private static string FiringKey(KillSwitchCondition condition, DateOnly day) =>
        FiringPrefix + KillSwitchFormat.Condition(condition) + "-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RowKeyOf(KillSwitchActionKind kind, string firingId) =>
        kind == KillSwitchActionKind.DeRisk ? KillSwitchActionNames.DeRisk + "-" + firingId : KillSwitchActionNames.Of(kind);

    private async Task<ActionRow> ChangeAsync(string accountId, string rowKey, Func<ActionRow, ActionRow> change, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadAsync(accountId, rowKey, cancellationToken).ConfigureAwait(false);
            try
            {
                if (row is null)
                {
                    var created = change(new ActionRow { PartitionKey = accountId, RowKey = rowKey });
                    await tables.InsertAsync(Table, created, cancellationToken).ConfigureAwait(false);
                    return created;
                }

                var next = change(row) with { PartitionKey = accountId, RowKey = rowKey };
                await tables.ReplaceAsync(Table, next, row.ETag, cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (StorageRequestException e) when (e is StorageConflictException or StoragePreconditionFailedException && attempt < MaxAttempts)
            {
                // Someone changed the row between our read and write: re-read and decide again on their state.
            }
        }
    }

    private async Task<ActionRow?> ReadAsync(string accountId, string rowKey, CancellationToken cancellationToken)
    {
        TradingAccountId.Validate(accountId);
        try
        {
            return await tables.GetAsync<ActionRow>(Table, accountId, rowKey, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    private static void Require(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new TesseraValidationException(field, value, "is required");
        }

        if (value.Length > 500 || value.Any(char.IsControl))
        {
            throw new TesseraValidationException(field, value.Length > 40 ? value[..40] + "..." : value, "at most 500 characters, no control characters");
        }
    }

    internal static string LegsJson(IReadOnlyList<DeRiskLeg> legs)
    {
        var array = new JsonArray();
        foreach (var l in legs)
        {
            array.Add(new JsonObject
            {
                ["symbol"] = l.Symbol,
                ["side"] = l.Side == OrderSide.Sell ? "sell" : "buy",
                ["position"] = l.Position.ToString(CultureInfo.InvariantCulture),
                ["qty"] = l.Quantity.ToString(CultureInfo.InvariantCulture),
                ["client_order_id"] = l.ClientOrderId,
                ["status"] = l.Status.ToString(),
                ["detail"] = l.Detail,
            });
        }

        return array.ToJsonString();
    }

    internal static IReadOnlyList<DeRiskLeg> ParseLegs(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var legs = new List<DeRiskLeg>();
        foreach (var n in JsonNode.Parse(json)!.AsArray())
        {
            legs.Add(new DeRiskLeg(
                n!["symbol"]!.GetValue<string>(),
                n["side"]!.GetValue<string>() == "sell" ? OrderSide.Sell : OrderSide.Buy,
                decimal.Parse(n["position"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                decimal.Parse(n["qty"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                n["client_order_id"]!.GetValue<string>(),
                Enum.Parse<DeRiskLegStatus>(n["status"]!.GetValue<string>()),
                n["detail"]?.GetValue<string>()));
        }

        return legs;
    }

    /// <summary>The row as stored; lists as JSON text so the row reads the same in Azure Storage Explorer.</summary>
    internal sealed record ActionRow : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Kind { get; set; } = string.Empty;

        public bool Active { get; set; }

        public bool Applied { get; set; }

        public string Condition { get; set; } = string.Empty;

        public string FiringId { get; set; } = string.Empty;

        public DateTimeOffset FiredAt { get; set; }

        public string Reason { get; set; } = string.Empty;

        public string? BlockHash { get; set; }

        public double? Fraction { get; set; }

        public string? Symbols { get; set; }

        public string? BaseProfile { get; set; }

        public string? Legs { get; set; }

        public DateTimeOffset? ClearedAt { get; set; }

        public string? ClearedBy { get; set; }

        public string? ClearReason { get; set; }

        public static ActionRow From(KillSwitchActionRecord a, string rowKey) => new()
        {
            PartitionKey = a.AccountId,
            RowKey = rowKey,
            Kind = a.Name,
            Active = a.Active,
            Condition = a.Condition,
            FiringId = a.FiringId,
            FiredAt = a.FiredAt,
            Reason = a.Reason,
            BlockHash = a.BlockHash,
            Fraction = a.Fraction,
            Symbols = a.Symbols is null ? null : JsonSerializer.Serialize(a.Symbols),
            BaseProfile = a.BaseProfile,
            Legs = a.Kind == KillSwitchActionKind.DeRisk ? LegsJson(a.Legs) : null,
            ClearedAt = a.ClearedAt,
            ClearedBy = a.ClearedBy,
            ClearReason = a.ClearReason,
        };

        public KillSwitchActionRecord ToRecord() => new(PartitionKey, KillSwitchActionNames.Parse(Kind, "kind"), Active, Condition, FiringId, FiredAt, Reason, BlockHash)
        {
            Fraction = Fraction,
            Symbols = Symbols is null ? null : JsonSerializer.Deserialize<string[]>(Symbols),
            BaseProfile = BaseProfile,
            Legs = ParseLegs(Legs),
            ClearedAt = ClearedAt,
            ClearedBy = ClearedBy,
            ClearReason = ClearReason,
        };
    }
}

/// <summary>A firing's claim row: its id, its block once recorded, and whether its actions were applied.</summary>
public sealed record FiringClaim(string FiringId, string? BlockHash, bool Applied)
{
    /// <summary>True when this call created the claim (this process handles the firing).</summary>
    public bool Created { get; init; }

    /// <summary>When the claim was made (the firing's time).</summary>
    public DateTimeOffset ClaimedAt { get; init; }
}

/// <summary>A clear refused because the action is not in force; nothing was changed.</summary>
public sealed class KillSwitchClearRefusedException(string action) : Exception("kill-switch action " + action + " is not in force: nothing to clear")
{
    public string Action { get; } = action;
}
