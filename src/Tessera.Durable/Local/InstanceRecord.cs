namespace Tessera.Durable.Local;

/// <summary>The mutable row of one instance in the instances table (owned by its runner while it runs).</summary>
internal sealed class InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public OrchestrationRuntimeStatus Status { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    public string? ParentInstanceId { get; init; }

    public int ParentTaskId { get; init; } = -1;

    public OrchestrationMetadata ToMetadata() =>
        new(InstanceId, Name, Status, CreatedAt, LastUpdatedAt, Input, Output, CustomStatus, Failure, ParentInstanceId);
}
