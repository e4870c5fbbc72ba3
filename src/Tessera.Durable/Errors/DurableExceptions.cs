using Tessera.Core.Errors;

namespace Tessera.Durable;

/// <summary>An instance id outside [A-Za-z0-9_-]{1,64} (hosts map it to HTTP 400 / exit code 2).</summary>
public sealed class InvalidInstanceIdException(string? value)
    : TesseraValidationException("instanceId", value, "1..64 characters from [A-Za-z0-9_-]");

/// <summary>No orchestrator (or activity) registered under that name.</summary>
public sealed class UnknownOrchestrationNameException(string field, string? name, IEnumerable<string> known)
    : TesseraValidationException(field, name, "must be one of: " + string.Join(", ", known));

/// <summary>A payload (input, output, event data) is larger than <see cref="DurableLimits.MaxPayloadChars"/>.</summary>
public sealed class PayloadTooLargeException(string field, int length, int limit)
    : TesseraValidationException(field, length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " chars", $"at most {limit} chars of JSON; store large data in Blob storage and pass its name")
{
    public int Length { get; } = length;

    public int Limit { get; } = limit;
}

/// <summary>Custom status JSON above <see cref="DurableLimits.MaxCustomStatusBytes"/> UTF-8 bytes.</summary>
public sealed class CustomStatusTooLargeException(int bytes)
    : TesseraValidationException("customStatus", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes", $"at most {DurableLimits.MaxCustomStatusBytes} bytes of JSON")
{
    public int Bytes { get; } = bytes;
}

/// <summary>An instance with this id already exists (start with a new id, or purge the old one).</summary>
public sealed class OrchestrationInstanceExistsException(string instanceId)
    : Exception($"an orchestration instance with id '{instanceId}' already exists")
{
    public string InstanceId { get; } = instanceId;
}

/// <summary>No instance with this id.</summary>
public sealed class OrchestrationInstanceNotFoundException(string instanceId)
    : Exception($"no orchestration instance with id '{instanceId}'")
{
    public string InstanceId { get; } = instanceId;
}

/// <summary>
/// The orchestrator code no longer schedules what its history recorded at the same position (different kind or
/// name), or history holds steps the code never reaches: the code changed, or it is not deterministic.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string instanceId, int taskId, string expected, string actual)
    : Exception($"non-deterministic orchestration '{instanceId}': at task #{taskId} history recorded {expected} but the code scheduled {actual}")
{
    public string InstanceId { get; } = instanceId;

    public int TaskId { get; } = taskId;

    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
