using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Tessera.Trading.Safety;

/// <summary>
/// The stream service's status row (table <c>streamstatus</c>, one row per account, written every few seconds by the
/// stream service): what the Functions app, the dashboard and the scan's submission gate read about the WebSocket
/// heartbeat and SOP-01 safety mode.
/// </summary>
public sealed class StreamStatusRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = RowName;

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

    public const string TableName = "streamstatus";

    public const string RowName = "status";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Connection} lag {LagMs:0.#} ms safety {SafetyMode}");
}
