using Azure;

namespace Tessera.Storage.Errors;

/// <summary>
/// The one place where the Azure SDKs' failures become the typed errors callers act on:
/// <list type="bullet">
/// <item>RequestFailedException 404 / 409 / 412 -> <see cref="StorageNotFoundException"/> /
/// <see cref="StorageConflictException"/> / <see cref="StoragePreconditionFailedException"/>, any other status ->
/// <see cref="StorageRequestException"/>, with the service's status and error code;</item>
/// <item>no answer at all once the SDK's retries are spent (status 0, i.e. connection refused, DNS failure, dropped
/// connection, or the network timeout, possibly aggregated over the attempts) -> <see cref="StorageUnreachableException"/>.</item>
/// </list>
/// Cancellation by the caller passes through unchanged; so does everything that is not a storage failure (bad
/// arguments, a credential that cannot get a token).
/// </summary>
public static class StorageFailures
{
    /// <summary>Whether <paramref name="exception"/> is a storage failure to translate with <see cref="Translate"/>.</summary>
    public static bool IsStorageFailure(Exception exception, CancellationToken callerToken) => exception switch
    {
        RequestFailedException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsTransport(e, callerToken)),
        _ => IsTransport(exception, callerToken),
    };

    /// <summary>The typed error for a storage failure of <paramref name="operation"/> (e.g. "put blob 'runs/x/a.json'") on <paramref name="endpoint"/>.</summary>
    public static StorageRequestException Translate(Exception exception, Uri endpoint, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (exception is RequestFailedException { Status: > 0 } failed)
        {
            var code = string.IsNullOrEmpty(failed.ErrorCode) ? null : failed.ErrorCode;
            var message = $"{operation} failed: HTTP {failed.Status} {code}".TrimEnd() + $" ({FirstLine(failed.Message)})";
            return failed.Status switch
            {
                404 => new StorageNotFoundException(failed.Status, code, message, failed),
                409 => new StorageConflictException(failed.Status, code, message, failed),
                412 => new StoragePreconditionFailedException(failed.Status, code, message, failed),
                _ => new StorageRequestException(failed.Status, code, message, failed),
            };
        }

        return new StorageUnreachableException(Tessera.Core.Errors.Redaction.Endpoint(endpoint), exception); // never the user info of the URL
    }

    /// <summary>A short reason for a transport failure: the innermost message of the last attempt ("Connection refused (127.0.0.1:10000)").</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var e = exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[^1] : exception;
        if (e is OperationCanceledException or TimeoutException)
        {
            return "no answer within the network timeout";
        }

        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return FirstLine(e.Message);
    }

    private static bool IsTransport(Exception exception, CancellationToken callerToken) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    private static string FirstLine(string text)
    {
        var newline = text.AsSpan().IndexOfAny('\r', '\n');
        return newline < 0 ? text : text[..newline];
    }
}
