using Azure.Core;

namespace Tessera.Storage.Pipeline;

/// <summary>
/// Options for the Blob and Table stores: retry budget and backoff, the clock that stamps x-ms-date, and
/// (through <see cref="ClientOptions.Transport"/>) the HTTP transport, which tests replace with a fake.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    public StorageClientOptions()
    {
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.ApplicationId = "tessera";
    }

    public int MaxRetries { get; set; } = 4;

    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-attempt network timeout; a timed-out idempotent request is retried.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
