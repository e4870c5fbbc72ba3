using System.Text.Json;

namespace Tessera.Durable;

/// <summary>Status of one instance as stored (mirrors Microsoft.DurableTask.Client.OrchestrationMetadata).</summary>
public sealed record OrchestrationMetadata(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    TaskFailureDetails? FailureDetails,
    string? ParentInstanceId = null)
{
    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>(JsonSerializerOptions? options = null) => Read<T>(SerializedInput, options);

    public T? ReadOutputAs<T>(JsonSerializerOptions? options = null) => Read<T>(SerializedOutput, options);

    public T? ReadCustomStatusAs<T>(JsonSerializerOptions? options = null) => Read<T>(SerializedCustomStatus, options);

    private static T? Read<T>(string? json, JsonSerializerOptions? options) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, options ?? DurableJson.DefaultOptions);
}

/// <summary>Filter for listing instances (mirrors OrchestrationQuery): any of the statuses, id prefix.</summary>
public sealed record OrchestrationQuery(IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null, string? InstanceIdPrefix = null);
