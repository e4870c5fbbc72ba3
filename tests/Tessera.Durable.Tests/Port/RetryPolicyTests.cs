using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Durable.Tests.Port;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delay_grows_by_the_coefficient_and_is_capped_by_the_max_interval()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), 3.0, TimeSpan.FromSeconds(20));

        // 1, 3, 9, then 27 capped to 20 (hand-derived: first * coefficient^(n-1), min with max).
        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayAfterAttempt(1));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayAfterAttempt(2));
        Assert.Equal(TimeSpan.FromSeconds(9), policy.DelayAfterAttempt(3));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.DelayAfterAttempt(4));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.DelayAfterAttempt(40));
    }

    [Fact]
    public void Defaults_mirror_durable_task()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(5));

        Assert.Equal(1.0, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromHours(1), policy.MaxRetryInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, policy.RetryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayAfterAttempt(3));
    }

    [Fact]
    public void Invalid_settings_are_typed_validation_errors()
    {
        Assert.Equal("maxNumberOfAttempts", Assert.Throws<TesseraValidationException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1))).Field);
        Assert.Equal("firstRetryInterval", Assert.Throws<TesseraValidationException>(() => new RetryPolicy(2, TimeSpan.Zero)).Field);
        Assert.Equal("backoffCoefficient", Assert.Throws<TesseraValidationException>(() => new RetryPolicy(2, TimeSpan.FromSeconds(1), double.NaN)).Field);
        Assert.Equal("backoffCoefficient", Assert.Throws<TesseraValidationException>(() => new RetryPolicy(2, TimeSpan.FromSeconds(1), 0.5)).Field);
        Assert.Equal("maxRetryInterval", Assert.Throws<TesseraValidationException>(() => new RetryPolicy(2, TimeSpan.FromSeconds(2), 1, TimeSpan.FromSeconds(1))).Field);
        Assert.Equal("retryTimeout", Assert.Throws<TesseraValidationException>(() => new RetryPolicy(2, TimeSpan.FromSeconds(1), 1, null, TimeSpan.FromSeconds(-1))).Field);
    }
}
