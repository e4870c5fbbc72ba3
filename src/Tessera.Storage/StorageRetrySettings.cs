using Azure.Core;

namespace Tessera.Storage;

/// <summary>
/// How the SDKs' own retry policy (Azure.Core exponential backoff with jitter) is configured for Tessera's stores.
/// <see cref="Local"/> is for a storage on this machine (Azurite on a loopback address): an answer takes milliseconds,
/// so a few quick retries ride out a blip and "storage unreachable" is reported within about a second when nothing
/// listens (within about 45 s when something listens but never answers). <see cref="Azure"/> keeps the SDK defaults
/// that Azure Storage clients use. <see cref="For"/> picks by endpoint.
/// </summary>
/// <param name="MaxRetries">retries after the first attempt.</param>
/// <param name="Delay">first backoff; doubled per retry, with jitter.</param>
/// <param name="MaxDelay">backoff cap.</param>
/// <param name="NetworkTimeout">per attempt: no answer within it counts as a failed attempt.</param>
public sealed record StorageRetrySettings(int MaxRetries, TimeSpan Delay, TimeSpan MaxDelay, TimeSpan NetworkTimeout)
{
    /// <summary>Loopback storage: 3 retries after 0.1, 0.2, 0.4 s (capped at 1 s), 10 s network timeout.</summary>
    public static StorageRetrySettings Local { get; } = new(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

    /// <summary>An Azure account: the SDK defaults (3 retries from 0.8 s, capped at 60 s; 100 s network timeout).</summary>
    public static StorageRetrySettings Azure { get; } = new(3, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(100));

    /// <summary><see cref="Local"/> for a loopback endpoint (127.0.0.1, ::1, localhost), else <see cref="Azure"/>.</summary>
    public static StorageRetrySettings For(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsLoopback ? Local : Azure;
    }

    /// <summary>Writes these settings into SDK client options; <paramref name="retry"/> false = a single attempt (same timeout).</summary>
    internal T Apply<T>(T options, bool retry)
        where T : ClientOptions
    {
        if (MaxRetries < 0 || Delay < TimeSpan.Zero || MaxDelay < Delay || NetworkTimeout <= TimeSpan.Zero)
        {
            throw new Tessera.Core.Errors.TesseraValidationException("retry settings", ToString(), "MaxRetries >= 0, 0 <= Delay <= MaxDelay, NetworkTimeout > 0");
        }

        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = retry ? MaxRetries : 0;
        options.Retry.Delay = Delay;
        options.Retry.MaxDelay = MaxDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.Diagnostics.ApplicationId = "tessera";
        options.Diagnostics.IsLoggingContentEnabled = false;
        return options;
    }
}
