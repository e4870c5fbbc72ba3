using Azure;
using Azure.Data.Tables;

namespace Tessera.Storage.Tables;

/// <summary>
/// One run of the run index (table <c>runindex</c>, PartitionKey "run", RowKey = run id): the resolved profile name
/// and run id read from the run's manifest, the run's status, its governance state, key figures and the paths of
/// its report, manifest and audit trail (relative to the runs container). Nullable figures are absent until the run
/// completes.
/// </summary>
public sealed class RunIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = RunIndexTable.Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Profile { get; set; } = string.Empty;

    public string Workflow { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Governance { get; set; } = "sandbox";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? ChosenOptimizer { get; set; }

    public string? Regime { get; set; }

    public int? Assets { get; set; }

    public double? OosSharpe { get; set; }

    public double? OosMaxDrawdown { get; set; }

    public string? ManifestSha256 { get; set; }

    public string? ReportPath { get; set; }

    public string? ManifestPath { get; set; }

    public string? AuditPath { get; set; }

    /// <summary>The reason of the last governance transition (promotion, demotion, kill-switch firing).</summary>
    public string? GovernanceReason { get; set; }

    public DateTimeOffset? GovernanceAt { get; set; }

    public string RunId => RowKey;
}
