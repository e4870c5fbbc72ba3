using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Tessera.Core;
using Tessera.Core.Streaming;
using Tessera.Storage.Errors;
using Tessera.Storage.Tables;

namespace Tessera.Stream.Persistence;

/// <summary>
/// The armed virtual stops in Table storage (table <c>streamstops</c>, one partition per account, one row per stop),
/// written through on every arm, move, fire and disarm, so a killed service restarts with exactly the stops that were
/// armed. Prices and quantities are stored as invariant decimal strings (Table storage has no decimal type).
/// </summary>
public sealed class StopStore(ITableStore tables)
{
    public const string Table = "streamstops";

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => tables.CreateTableIfNotExistsAsync(Table, cancellationToken);

    public async Task SaveAsync(string accountId, VirtualStop stop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stop);
        TableKeys.ValidateKey("stop.id", stop.Id);
        await tables.ReplaceAsync(Table, StopRow.From(accountId, stop), ifMatch: null, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string accountId, string stopId, CancellationToken cancellationToken = default) =>
        tables.DeleteAsync(Table, accountId, stopId, null, cancellationToken);

    public async Task<IReadOnlyList<VirtualStop>> LoadAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var stops = new List<VirtualStop>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
            await foreach (var row in tables.QueryAsync<StopRow>(Table, filter, cancellationToken).ConfigureAwait(false))
            {
                stops.Add(row.ToStop());
            }
        }
        catch (StorageNotFoundException)
        {
            // No table yet: nothing was ever armed.
        }

        return stops;
    }

    internal sealed class StopRow : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Symbol { get; set; } = string.Empty;

        public string Protects { get; set; } = SideText.Long;

        public string StopPrice { get; set; } = "0";

        public string Quantity { get; set; } = "0";

        public static StopRow From(string accountId, VirtualStop s) => new()
        {
            PartitionKey = accountId,
            RowKey = s.Id,
            Symbol = s.Symbol,
            Protects = s.Protects == Side.Short ? SideText.Short : SideText.Long,
            StopPrice = s.StopPrice.ToString(CultureInfo.InvariantCulture),
            Quantity = s.Quantity.ToString(CultureInfo.InvariantCulture),
        };

        public VirtualStop ToStop()
        {
            var stop = new VirtualStop(
                RowKey,
                Symbol,
                Protects == SideText.Short ? Side.Short : Side.Long,
                decimal.Parse(StopPrice, NumberStyles.Number, CultureInfo.InvariantCulture),
                decimal.Parse(Quantity, NumberStyles.Number, CultureInfo.InvariantCulture));
            stop.Validate();
            return stop;
        }
    }
}
