using System.Net.Http;
using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// Retries with exponential backoff, but only requests marked idempotent (<see cref="RequestIdempotency"/>),
/// and only on 408/429/500/502/503/504 or a transport timeout / dropped connection. A table insert POST,
/// a create-only put or an append without append-position is never retried: a lost response to a request
/// that did succeed would turn a retry into a duplicate or a spurious conflict.
/// Connection refused and DNS failures are not retried: the endpoint is down, and the caller gets
/// <c>StorageUnreachableException</c> at once instead of after a backoff.
/// </summary>
public sealed class IdempotentRetryPolicy : RetryPolicy
{
    private readonly int _maxRetries;

    public IdempotentRetryPolicy(int maxRetries, TimeSpan initialDelay, TimeSpan maxDelay)
        : base(maxRetries, DelayStrategy.CreateExponentialDelayStrategy(initialDelay, maxDelay))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _maxRetries = maxRetries;
    }

    public static bool IsRetriableStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>Connection refused, host not found, network unreachable: nothing listens there.</summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                or SocketError.NoData or SocketError.TryAgain or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable)
            {
                return true;
            }

            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnreachable))
            {
                return true;
            }
        }

        return false;
    }

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) => Decide(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) => new(Decide(message, exception));

    private bool Decide(HttpMessage message, Exception? exception)
    {
        if (!RequestIdempotency.IsIdempotent(message) || message.ProcessingContext.RetryNumber >= _maxRetries)
        {
            return false;
        }

        if (exception is null)
        {
            return message.HasResponse && IsRetriableStatus(message.Response.Status);
        }

        return IsTransient(exception, message.CancellationToken);
    }

    private static bool IsTransient(Exception exception, CancellationToken callerToken)
    {
        if (IsUnreachable(exception))
        {
            return false;
        }

        // Cancellation by the caller is final; any other cancellation is the pipeline's network timeout.
        if (exception is OperationCanceledException)
        {
            return !callerToken.IsCancellationRequested;
        }

        return exception is IOException or HttpRequestException or TimeoutException
            || (exception is RequestFailedException { Status: 0 } failed && failed.InnerException is not null
                && IsTransient(failed.InnerException, callerToken));
    }
}
