using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Tessera.Stream.Engine;
using Tessera.Storage.Tables;

namespace Tessera.Stream.Persistence;

/// <summary>
/// The service's status in Table storage (table <c>streamstatus</c>, one row per account) so the Functions app and the
/// dashboard can show the connection, the lag and safety mode without reaching the container.
/// </summary>
public sealed class StatusStore(ITableStore tables)
{
    public const string Table = "streamstatus";
    private const string Row = "status";

    public Task EnsureTableAsync(CancellationToken cancellationToken = default) => tables.CreateTableIfNotExistsAsync(Table, cancellationToken);

    public async Task WriteAsync(string accountId, StreamServiceStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        await tables.ReplaceAsync(Table, StatusRow.From(accountId, status), ifMatch: null, cancellationToken).ConfigureAwait(false);
    }

    public Task<StatusRow?> ReadAsync(string accountId, CancellationToken cancellationToken = default) =>
        tables.GetAsync<StatusRow>(Table, accountId, Row, cancellationToken);

    public sealed class StatusRow : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = Row;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public DateTimeOffset At { get; set; }

        public string Connection { get; set; } = string.Empty;

        public double LagMs { get; set; }

        public DateTimeOffset? LastMessageAt { get; set; }

        public string SafetyMode { get; set; } = string.Empty;

        public bool SubmissionsAllowed { get; set; }

        public bool TradingStopped { get; set; }

        public int Symbols { get; set; }

        public int Stops { get; set; }

        public long Messages { get; set; }

        public long Reconnects { get; set; }

        public long Breaches { get; set; }

        public long StopsFired { get; set; }

        public long Skipped { get; set; }

        public static StatusRow From(string accountId, StreamServiceStatus s) => new()
        {
            PartitionKey = accountId,
            At = s.At,
            Connection = s.Connection.ToString(),
            LagMs = double.IsFinite(s.LagMs) ? s.LagMs : 0,
            LastMessageAt = s.LastMessageAt,
            SafetyMode = s.SafetyMode.ToString(),
            SubmissionsAllowed = s.SubmissionsAllowed,
            TradingStopped = s.TradingStopped,
            Symbols = s.Symbols,
            Stops = s.Stops,
            Messages = s.Messages,
            Reconnects = s.Reconnects,
            Breaches = s.Breaches,
            StopsFired = s.StopsFired,
            Skipped = s.Skipped,
        };

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Connection} lag {LagMs:0.#} ms safety {SafetyMode}");
    }
}
