namespace Tessera.Storage.Errors;

/// <summary>A storage request failed; <see cref="Status"/> and <see cref="ErrorCode"/> come from the service.</summary>
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

/// <summary>404: the container, blob, table or entity does not exist.</summary>
public sealed class StorageNotFoundException(int status, string? errorCode, string message)
    : StorageRequestException(status, errorCode, message);

/// <summary>409: the object already exists (create-only put, insert of an existing entity).</summary>
public sealed class StorageConflictException(int status, string? errorCode, string message)
    : StorageRequestException(status, errorCode, message);

/// <summary>412: an If-Match / If-None-Match / append-position condition did not hold (someone else wrote first).</summary>
public sealed class StoragePreconditionFailedException(int status, string? errorCode, string message)
    : StorageRequestException(status, errorCode, message);

/// <summary>The storage endpoint cannot be reached at all (connection refused, DNS): says how to start Azurite locally.</summary>
public sealed class StorageUnreachableException(string endpoint, Exception inner)
    : StorageRequestException(0, null, $"storage endpoint {endpoint} is not reachable ({inner.Message}). Locally, start Azurite with 'make azurite' or run through 'make run' / 'make test', which start it for you.", inner)
{
    public string Endpoint { get; } = endpoint;
}
