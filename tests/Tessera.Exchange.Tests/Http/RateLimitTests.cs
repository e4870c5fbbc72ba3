using Tessera.Alpaca.Errors;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Tests.Support;
using Xunit;

namespace Tessera.Exchange.Tests.Http;

public sealed class RateLimitTests
{
    [Fact]
    public async Task The_budget_is_counted_per_key_with_Alpacas_headers_and_a_429_when_spent()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00", o => o with { RateLimitPerMinute = 3 });
        var remaining = new List<string>();
        var resets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            var (status, _, headers) = await ex.SendAsync(HttpMethod.Get, "v2/clock");
            Assert.Equal(200, status);
            Assert.Equal("3", headers.GetValues("X-Ratelimit-Limit").Single());
            remaining.Add(headers.GetValues("X-Ratelimit-Remaining").Single());
            resets.Add(headers.GetValues("X-Ratelimit-Reset").Single());
        }

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Single(resets);
        var (code, body, h) = await ex.SendAsync(HttpMethod.Get, "v2/clock");
        Assert.Equal(429, code);
        Assert.Equal("""{"message":"rate limit exceeded"}""", body);
        Assert.Equal(resets.Single(), h.GetValues("X-Ratelimit-Reset").Single());
        // The admin routes are outside the budget.
        Assert.Equal(200, (await ex.SendAsync(HttpMethod.Get, "admin/clock")).Status);
    }

    [Fact]
    public async Task An_injected_429_is_waited_out_by_the_client()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        ex.Host.ApplyFaults(new FaultPlan { RateLimitCount = 1, RateLimitResetSeconds = 1 });
        var account = await ex.Trading.GetAccountAsync();
        Assert.Equal(100_000m, account.Cash);
        Assert.NotEqual(DateTimeOffset.MinValue, ex.Trading.RateLimiter.BlockedUntil);
    }

    [Fact]
    public async Task A_429_surfaces_as_a_typed_error_with_its_reset_when_retries_are_spent()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00", client: c => c with { IdempotentRetries = 0 });
        ex.Host.ApplyFaults(new FaultPlan { RateLimitCount = 5, RateLimitResetSeconds = 30 });
        var error = await Assert.ThrowsAsync<AlpacaRateLimitedException>(() => ex.Trading.GetClockAsync());
        Assert.NotNull(error.ResetAt);
        Assert.True(error.ResetAt > DateTimeOffset.UtcNow.AddSeconds(20));
    }
}
