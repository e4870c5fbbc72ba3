namespace Tessera.Storage.Errors;

/// <summary>
/// A storage request failed; <see cref="Status"/> and <see cref="ErrorCode"/> come from the service (0 and null
/// when no answer came back). Built in one place, <see cref="StorageFailures"/>, from the SDKs' exceptions.
/// </summary>
public class StorageRequestException : Exception
{
    public StorageRequestException(int status, string? errorCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public StorageRequestException()
        : this(0, null, "storage request failed")
    {
    }

    public StorageRequestException(string message)
        : this(0, null, message)
    {
    }

    public StorageRequestException(string message, Exception innerException)
        : this(0, null, message, innerException)
    {
    }

    public int Status { get; }

    public string? ErrorCode { get; }
}

/// <summary>404: the container, blob, table or entity does not exist (<see cref="StorageRequestException.ErrorCode"/> says which).</summary>
public sealed class StorageNotFoundException(int status, string? errorCode, string message, Exception? inner = null)
    : StorageRequestException(status, errorCode, message, inner);

/// <summary>409: the object already exists (create-only put, insert of an existing entity).</summary>
public sealed class StorageConflictException(int status, string? errorCode, string message, Exception? inner = null)
    : StorageRequestException(status, errorCode, message, inner);

/// <summary>412: an If-Match / append-position condition did not hold (someone else wrote first).</summary>
public sealed class StoragePreconditionFailedException(int status, string? errorCode, string message, Exception? inner = null)
    : StorageRequestException(status, errorCode, message, inner);

/// <summary>
/// No answer from the storage endpoint after the SDK's retries: connection refused, host not found, connection
/// dropped, or no response within the network timeout. The message names the endpoint (scheme, host and port only:
/// never a key or a SAS) and says what to check; the runs resume once the storage answers again.
/// </summary>
public sealed class StorageUnreachableException : StorageRequestException
{
    public StorageUnreachableException(string endpoint, Exception inner)
        : base(0, null, Describe(endpoint, inner), inner)
    {
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    private static string Describe(string endpoint, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var attempts = inner is AggregateException aggregate ? $" after {aggregate.InnerExceptions.Count} attempts" : string.Empty;
        return $"storage endpoint {endpoint} is not reachable ({StorageFailures.Reason(inner)}){attempts}. " +
            "If it is Azurite: the embedded one runs inside each tessera command (install it with 'npm ci' or 'make run'), a " +
            "standalone one with 'make azurite' (then TESSERA_STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true). If it is an " +
            "Azure account: check the account name in TESSERA_STORAGE_CONNECTION_STRING and the account's network rules.";
    }
}
