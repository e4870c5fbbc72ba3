using Azure;
using Azure.Data.Tables;
using Tessera.Core.Errors;
using Tessera.Core.Markets;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Trading.Safety;

/// <summary>
/// The kill switch and halted flags of each account in Table storage (table <c>tradingswitch</c>, one row per account),
/// read by every gate evaluation and changed by halt/resume. Changes are compare-and-swap on the row's ETag, so a halt
/// racing a resume never loses the halt: the loser re-reads and re-decides.
/// </summary>
public sealed class TradingSwitchStore(ITableStore tables)
{
    public const string Table = "tradingswitch";
    private const string RowKey = "state";
    private const int MaxAttempts = 8;

    public async Task<TradingSwitchState> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(accountId, cancellationToken).ConfigureAwait(false);
        return row is null ? TradingSwitchState.Running(accountId) : row.ToState();
    }

    /// <summary>Sets the kill switch (manual) or halted (automatic). Halting a halted account keeps the first halt's source and day.</summary>
    public Task<TradingSwitchState> HaltAsync(string accountId, HaltRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireText("reason", request.Reason);
        RequireText("actor", request.Actor);
        return ChangeAsync(accountId, current => Apply(current, request), cancellationToken);
    }

    /// <summary>Clears both flags, or throws <see cref="ResumeRefusedException"/> naming the SOP-02 rule.</summary>
    public Task<TradingSwitchState> ResumeAsync(string accountId, ResumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireText("actor", request.Actor);
        return ChangeAsync(accountId, current =>
        {
            if (ResumePolicy.Refusal(current, request) is { } refusal)
            {
                throw new ResumeRefusedException(refusal, current);
            }

            return TradingSwitchState.Running(accountId) with { Reason = request.Reason, Actor = request.Actor, ChangedAt = request.At };
        }, cancellationToken);
    }

    /// <summary>
    /// Manual: sets the kill switch. Automatic: sets halted; an account already halted keeps the first halt's source
    /// and trading day (the one SOP-02's approval rule refers to). Reason, actor and time are the latest request's.
    /// </summary>
    internal static TradingSwitchState Apply(TradingSwitchState current, HaltRequest request)
    {
        var next = current with { Reason = request.Reason, Actor = request.Actor, ChangedAt = request.At };
        if (request.Source == HaltSource.Manual)
        {
            return next with { KillSwitch = true, Source = current.Halted ? current.Source : HaltSource.Manual };
        }

        return current.Halted
            ? next
            : next with { Halted = true, Source = request.Source, HaltedTradingDay = UsEastern.DateOf(request.At) };
    }

    private async Task<TradingSwitchState> ChangeAsync(string accountId, Func<TradingSwitchState, TradingSwitchState> change, CancellationToken cancellationToken)
    {
        await tables.CreateTableIfNotExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadAsync(accountId, cancellationToken).ConfigureAwait(false);
            var next = change(row?.ToState() ?? TradingSwitchState.Running(accountId));
            var entity = SwitchRow.From(next);
            try
            {
                if (row is null)
                {
                    await tables.InsertAsync(Table, entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await tables.ReplaceAsync(Table, entity, row.ETag, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (StorageRequestException e) when (e is StorageConflictException or StoragePreconditionFailedException && attempt < MaxAttempts)
            {
                // Someone changed the row between our read and write: re-read and decide again on their state.
            }
        }
    }

    private async Task<SwitchRow?> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        TradingAccountId.Validate(accountId);
        try
        {
            return await tables.GetAsync<SwitchRow>(Table, accountId, RowKey, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageNotFoundException)
        {
            return null; // the table does not exist yet: nobody ever halted
        }
    }

    private static void RequireText(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new TesseraValidationException(field, value, "is required");
        }

        if (value.Length > 500)
        {
            throw new TesseraValidationException(field, value[..40] + "...", "must be at most 500 characters");
        }
    }

    /// <summary>The row as stored. Enum and dates as strings so the row reads the same in Azure Storage Explorer.</summary>
    internal sealed class SwitchRow : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = TradingSwitchStore.RowKey;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public bool KillSwitch { get; set; }

        public bool Halted { get; set; }

        public string? Source { get; set; }

        public string? Reason { get; set; }

        public string? Actor { get; set; }

        public DateTimeOffset? ChangedAt { get; set; }

        public string? HaltedTradingDay { get; set; }

        public static SwitchRow From(TradingSwitchState s) => new()
        {
            PartitionKey = s.AccountId,
            KillSwitch = s.KillSwitch,
            Halted = s.Halted,
            Source = s.Source?.ToString(),
            Reason = s.Reason,
            Actor = s.Actor,
            ChangedAt = s.ChangedAt,
            HaltedTradingDay = s.HaltedTradingDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };

        public TradingSwitchState ToState() => new(
            PartitionKey,
            KillSwitch,
            Halted,
            Enum.TryParse<HaltSource>(Source, out var source) ? source : null,
            Reason,
            Actor,
            ChangedAt,
            DateOnly.TryParseExact(HaltedTradingDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null);
    }
}

/// <summary>A resume refused by SOP-02 (or for want of a reason); nothing was changed.</summary>
public sealed class ResumeRefusedException(string rule, TradingSwitchState state) : Exception("resume refused: " + rule)
{
    public string Rule { get; } = rule;

    public TradingSwitchState State { get; } = state;
}
