using Tessera.Exchange.Tests.Support;
using Xunit;

namespace Tessera.Exchange.Tests.Http;

public sealed class AdminEndpointTests
{
    [Fact]
    public async Task Faults_are_posted_read_and_cleared_over_HTTP()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        var (status, body, _) = await ex.SendAsync(HttpMethod.Post, "admin/faults", """{"order_error_after_accept_rate":0.5,"seed":9}""");
        Assert.Equal(200, status);
        Assert.Contains("\"order_error_after_accept_rate\":0.5", body, StringComparison.Ordinal);
        Assert.Equal(0.5, ex.Host.Faults.Plan.OrderErrorAfterAcceptRate);
        Assert.Contains("\"seed\":9", (await ex.SendAsync(HttpMethod.Get, "admin/faults")).Body, StringComparison.Ordinal);
        Assert.Equal(422, (await ex.SendAsync(HttpMethod.Post, "admin/faults", """{"nonsense":1}""")).Status);
        Assert.Equal(204, (await ex.SendAsync(HttpMethod.Delete, "admin/faults")).Status);
        Assert.Equal(0, ex.Host.Faults.Plan.OrderErrorAfterAcceptRate);
        Assert.Equal(401, (await ex.SendAsync(HttpMethod.Get, "admin/faults", auth: false)).Status);
    }

    [Fact]
    public async Task The_clock_route_moves_a_manual_clock_forward_only()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        var (status, body, _) = await ex.SendAsync(HttpMethod.Post, "admin/clock", """{"advance_to":"2013-10-07T14:05:00Z"}""");
        Assert.Equal(200, status);
        Assert.Contains("\"now\":\"2013-10-07T14:05:00Z\"", body, StringComparison.Ordinal);
        Assert.Contains("\"phase\":\"Regular\"", body, StringComparison.Ordinal);
        Assert.Equal(100.10m, (await ex.Data.GetLatestTradesAsync(["SPY"]))["SPY"].Price);
        Assert.Equal(422, (await ex.SendAsync(HttpMethod.Post, "admin/clock", """{"advance_to":"2013-10-07T13:00:00Z"}""")).Status);
        Assert.Equal(200, (await ex.SendAsync(HttpMethod.Post, "admin/clock", """{"advance_seconds":60}""")).Status);
        Assert.Contains("14:06:00", (await ex.SendAsync(HttpMethod.Get, "admin/clock")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_are_Alpaca_shaped_404s()
    {
        await using var ex = await LocalExchange.StartAsync(TestTapes.OneDay(), "2013-10-07 09:00");
        var (status, body, _) = await ex.SendAsync(HttpMethod.Get, "v2/nothing/here");
        Assert.Equal(404, status);
        Assert.Equal("""{"code":40410000,"message":"endpoint not found"}""", body);
        Assert.Equal(422, (await ex.SendAsync(HttpMethod.Get, "stream")).Status);
    }
}
