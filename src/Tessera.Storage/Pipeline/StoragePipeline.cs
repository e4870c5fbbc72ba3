using Azure.Core;
using Azure.Core.Pipeline;

namespace Tessera.Storage.Pipeline;

/// <summary>Builds the Azure.Core pipeline: idempotency-aware retry, then per attempt version/date headers and auth.</summary>
public static class StoragePipeline
{
    /// <summary>OAuth scope for Azure Storage (Blob, Queue, Table) with a TokenCredential.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline CreateSharedKey(StorageServiceKind kind, SharedKeyCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Build(kind, new SharedKeyAuthenticationPolicy(credential, kind), options ?? new StorageClientOptions());
    }

    public static HttpPipeline CreateBearer(StorageServiceKind kind, TokenCredential credential, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Build(kind, new BearerTokenAuthenticationPolicy(credential, StorageScope), options ?? new StorageClientOptions());
    }

    private static HttpPipeline Build(StorageServiceKind kind, HttpPipelinePolicy auth, StorageClientOptions options)
    {
        options.RetryPolicy = new IdempotentRetryPolicy(options.MaxRetries, options.RetryInitialDelay, options.RetryMaxDelay);
        options.Retry.NetworkTimeout = options.NetworkTimeout;
        var pipelineOptions = new HttpPipelineOptions(options);

        // Order matters: headers (fresh x-ms-date) first, then the signature over them.
        pipelineOptions.PerRetryPolicies.Add(new StorageHeadersPolicy(kind, options.Clock));
        pipelineOptions.PerRetryPolicies.Add(auth);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }
}
