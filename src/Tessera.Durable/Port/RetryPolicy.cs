using Tessera.Core.Errors;

namespace Tessera.Durable;

/// <summary>
/// Retry of an activity or sub-orchestration, with durable timers between attempts (mirrors
/// Microsoft.DurableTask.RetryPolicy). Delay before attempt n+1 = min(first * coefficient^(n-1), maxRetryInterval);
/// no further attempt once the time since the first attempt plus that delay exceeds retryTimeout.
/// </summary>
public sealed class RetryPolicy
{
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        if (maxNumberOfAttempts < 1)
        {
            throw new TesseraValidationException(nameof(maxNumberOfAttempts), maxNumberOfAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be >= 1");
        }

        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new TesseraValidationException(nameof(firstRetryInterval), firstRetryInterval.ToString(), "must be > 0");
        }

        if (!double.IsFinite(backoffCoefficient) || backoffCoefficient < 1.0)
        {
            throw new TesseraValidationException(nameof(backoffCoefficient), backoffCoefficient.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be finite and >= 1");
        }

        var max = maxRetryInterval ?? TimeSpan.FromHours(1);
        if (max < firstRetryInterval)
        {
            throw new TesseraValidationException(nameof(maxRetryInterval), max.ToString(), "must be >= firstRetryInterval");
        }

        var timeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        if (timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
        {
            throw new TesseraValidationException(nameof(retryTimeout), timeout.ToString(), "must be > 0 or infinite");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = max;
        RetryTimeout = timeout;
    }

    /// <summary>
    /// Decides from the failure whether another attempt is worth it (null = retry every failure). Must be a pure
    /// function of the details: it runs again on replay. Typical use: do not retry deterministic bad-input errors.
    /// Local engine only: the Azure adapter maps the schedule, not this predicate (Azure retries every failure).
    /// </summary>
    public Func<TaskFailureDetails, bool>? Handle { get; init; }

    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/> when unlimited.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Delay after failed attempt number <paramref name="failedAttempt"/> (1-based).</summary>
    public TimeSpan DelayAfterAttempt(int failedAttempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, failedAttempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
