using System.Text;
using Tessera.Alpaca.Errors;
using Xunit;

namespace Tessera.Alpaca.Tests.Errors;

public sealed class AlpacaErrorParserTests
{
    private static AlpacaApiException Parse(int status, string body, DateTimeOffset? reset = null) =>
        AlpacaErrorParser.Parse(status, Encoding.UTF8.GetBytes(body), "POST /v2/orders", reset, "cid-1");

    [Fact]
    public void Insufficient_buying_power_keeps_the_figures()
    {
        var ex = Assert.IsType<AlpacaInsufficientBuyingPowerException>(Parse(403, """{"buying_power":"10000","code":40310000,"cost_basis":"20000.5","message":"insufficient buying power"}"""));
        Assert.Equal(AlpacaErrorKind.InsufficientBuyingPower, ex.Kind);
        Assert.Equal(40310000, ex.Code);
        Assert.Equal(10000m, ex.BuyingPower);
        Assert.Equal(20000.5m, ex.CostBasis);
    }

    [Fact]
    public void Duplicate_client_order_id_is_its_own_type()
    {
        var ex = Assert.IsType<AlpacaDuplicateClientOrderIdException>(Parse(422, """{"code":40010001,"message":"client_order_id must be unique"}"""));
        Assert.Equal("cid-1", ex.ClientOrderId);
    }

    [Fact]
    public void Rate_limited_carries_the_reset_time()
    {
        var reset = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var ex = Assert.IsType<AlpacaRateLimitedException>(Parse(429, """{"message":"rate limit exceeded"}""", reset));
        Assert.Equal(reset, ex.ResetAt);
        Assert.Null(ex.Code);
    }

    [Theory]
    [InlineData(401, "{\"code\":40110000,\"message\":\"request is not authorized\"}", AlpacaErrorKind.Unauthorized)]
    [InlineData(403, "{\"message\":\"forbidden.\"}", AlpacaErrorKind.Unauthorized)]
    [InlineData(403, "{\"code\":40310000,\"message\":\"insufficient qty available for order (requested: 10, available: 5)\"}", AlpacaErrorKind.InsufficientQuantity)]
    [InlineData(403, "{\"code\":40310100,\"message\":\"trade denied due to pattern day trading protection\"}", AlpacaErrorKind.Forbidden)]
    [InlineData(404, "{\"code\":40410000,\"message\":\"position does not exist\"}", AlpacaErrorKind.NotFound)]
    [InlineData(422, "{\"code\":42210000,\"message\":\"qty must be > 0\"}", AlpacaErrorKind.Unprocessable)]
    [InlineData(413, "", AlpacaErrorKind.PayloadTooLarge)]
    [InlineData(502, "<html>Bad Gateway</html>", AlpacaErrorKind.ServerError)]
    [InlineData(500, "{\"code\":50010000,\"message\":\"internal server error\"}", AlpacaErrorKind.ServerError)]
    public void Statuses_and_bodies_are_classified(int status, string body, AlpacaErrorKind kind)
    {
        var ex = Parse(status, body);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.Status);
        Assert.Contains("POST /v2/orders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_message_is_bounded_in_the_exception_text()
    {
        var ex = Parse(422, "{\"code\":42210000,\"message\":\"" + new string('x', 5000) + "\"}");
        Assert.True(ex.Message.Length < 300);
    }
}
