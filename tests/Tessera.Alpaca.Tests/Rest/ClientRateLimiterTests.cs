using System.Net;
using Tessera.Alpaca.Rest;
using Tessera.Alpaca.Tests.Support;
using Xunit;

namespace Tessera.Alpaca.Tests.Rest;

public sealed class ClientRateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_request_over_the_budget_waits_for_the_window_on_the_virtual_clock()
    {
        var time = new ManualTimeProvider(T0);
        var limiter = new ClientRateLimiter(3, time);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.AcquireAsync(CancellationToken.None).IsCompleted);
        }

        var fourth = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_spent_budget_reported_by_the_server_blocks_until_its_reset()
    {
        var time = new ManualTimeProvider(T0);
        var limiter = new ClientRateLimiter(200, time);
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Remaining", "0");
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Reset", T0.AddSeconds(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        limiter.Observe(response.Headers, 200);
        var next = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Zero_turns_the_local_budget_off()
    {
        var limiter = new ClientRateLimiter(0, new ManualTimeProvider(T0));
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(limiter.AcquireAsync(CancellationToken.None).IsCompleted);
        }
    }
}
