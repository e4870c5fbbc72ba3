using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Tessera.Storage.Errors;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// Sends one prepared message through the pipeline of one service endpoint and converts transport failures:
/// an endpoint nobody listens on becomes <see cref="StorageUnreachableException"/> (whose message says how to
/// start Azurite), anything else a <see cref="StorageRequestException"/> with status 0.
/// </summary>
public sealed class StorageTransport
{
    public StorageTransport(HttpPipeline pipeline, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(endpoint);
        Pipeline = pipeline;
        Endpoint = endpoint;
    }

    public HttpPipeline Pipeline { get; }

    /// <summary>Service root without trailing slash.</summary>
    public Uri Endpoint { get; }

    /// <summary>A message for <paramref name="method"/> on endpoint + <paramref name="escapedPath"/> (already escaped, starting with '/').</summary>
    public HttpMessage CreateMessage(RequestMethod method, string escapedPath, bool idempotent)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(Endpoint);
        message.Request.Uri.AppendPath(escapedPath, escape: false);
        RequestIdempotency.Mark(message, idempotent);
        return message;
    }

    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return message.Response;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (IdempotentRetryPolicy.IsUnreachable(e))
            {
                throw new StorageUnreachableException(Endpoint.GetLeftPart(UriPartial.Authority), Innermost(e));
            }

            if (e is RequestFailedException or AggregateException or IOException or OperationCanceledException or HttpRequestException)
            {
                throw new StorageRequestException(0, null, $"{message.Request.Method} {Endpoint.GetLeftPart(UriPartial.Authority)} failed in transport: {e.Message}", e);
            }

            throw;
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
