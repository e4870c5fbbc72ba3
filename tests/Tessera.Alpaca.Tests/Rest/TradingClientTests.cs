using System.Net;
using Tessera.Alpaca.Configuration;
using Tessera.Alpaca.Errors;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;
using Tessera.Alpaca.Tests.Support;
using Tessera.Core.Errors;
using Xunit;

namespace Tessera.Alpaca.Tests.Rest;

/// <summary>The client against a scripted server: routes, headers, and above all the order POST that is never repeated blindly.</summary>
public sealed class TradingClientTests
{
    private const string KeyId = "PKTESTKEYID0001";
    private const string Secret = "s3cr3t-value-never-printed";

    private static string OrderJson(string id = "o-1", string cid = "cid-1", string status = "new") =>
        Fixtures.Order.Replace("61e69015-8549-4bfd-b9c3-01e75843f47d", id, StringComparison.Ordinal)
            .Replace("eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4", cid, StringComparison.Ordinal)
            .Replace("\"accepted\"", "\"" + status + "\"", StringComparison.Ordinal);

    private static (AlpacaTradingClient Client, FakeHandler Handler) Create(Func<HttpRequestMessage, string, Task<HttpResponseMessage>> respond, int resubmits = 2)
    {
        var handler = new FakeHandler(respond);
        var options = new AlpacaClientOptions
        {
            Endpoints = AlpacaEndpoints.Local(new Uri("http://127.0.0.1:9/")),
            Credentials = new AlpacaCredentials(KeyId, Secret),
            RequestsPerMinute = 0,
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            ReconcileDelay = TimeSpan.FromMilliseconds(1),
            ReconcileAttempts = 2,
            ResubmitsWhenNotAccepted = resubmits,
            ClientOrderIdFactory = () => "cid-1",
        };
        return (new AlpacaTradingClient(options, new HttpClient(handler)), handler);
    }

    private static OrderRequest Market => new() { Symbol = "AAPL", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day };

    private static int Posts(FakeHandler h) => h.Requests.Count(r => r.Method == HttpMethod.Post);

    [Fact]
    public async Task Requests_carry_the_keys_in_headers_and_nowhere_else()
    {
        var (client, handler) = Create((_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, Fixtures.Account)));
        using (client)
        {
            var account = await client.GetAccountAsync();
            Assert.Equal("904837e3-3b76-47ec-b432-046db621571b", account.Id);
            var r = handler.Requests.Single();
            Assert.Equal("/v2/account", r.PathAndQuery);
            Assert.Equal(KeyId, r.Request.Headers.GetValues("APCA-API-KEY-ID").Single());
            Assert.Equal(Secret, r.Request.Headers.GetValues("APCA-API-SECRET-KEY").Single());
            Assert.DoesNotContain(Secret, r.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_client_order_id_is_always_set_so_the_order_can_be_found_again()
    {
        var (client, handler) = Create((_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, OrderJson())));
        using (client)
        {
            await client.SubmitOrderAsync(Market);
            Assert.Contains("\"client_order_id\":\"cid-1\"", handler.Requests.Single().Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_5xx_after_the_order_was_accepted_is_answered_by_looking_it_up_never_by_posting_again()
    {
        var (client, handler) = Create((req, _) => Task.FromResult(req.Method == HttpMethod.Post
            ? FakeHandler.Json(HttpStatusCode.InternalServerError, """{"code":50010000,"message":"internal server error"}""")
            : FakeHandler.Json(HttpStatusCode.OK, OrderJson("held-by-broker"))));
        using (client)
        {
            var order = await client.SubmitOrderAsync(Market);
            Assert.Equal("held-by-broker", order.Id);
            Assert.Equal(1, Posts(handler));
            Assert.Contains(handler.Requests, r => r.PathAndQuery == "/v2/orders:by_client_order_id?client_order_id=cid-1");
        }
    }

    [Fact]
    public async Task A_timeout_is_answered_by_the_order_the_broker_holds()
    {
        var (client, handler) = Create(async (req, _) =>
        {
            if (req.Method == HttpMethod.Post)
            {
                await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }

            return FakeHandler.Json(HttpStatusCode.OK, OrderJson("late"));
        });
        using (client)
        {
            var order = await client.SubmitOrderAsync(Market);
            Assert.Equal("late", order.Id);
            Assert.Equal(1, Posts(handler));
        }
    }

    [Fact]
    public async Task When_the_broker_holds_nothing_the_same_client_order_id_is_sent_again()
    {
        var posts = 0;
        var (client, handler) = Create((req, _) => Task.FromResult(req.Method == HttpMethod.Post
            ? (++posts == 1 ? FakeHandler.Json(HttpStatusCode.ServiceUnavailable, "{}") : FakeHandler.Json(HttpStatusCode.OK, OrderJson("second")))
            : FakeHandler.Json(HttpStatusCode.NotFound, """{"code":40410000,"message":"order not found"}""")));
        using (client)
        {
            var order = await client.SubmitOrderAsync(Market);
            Assert.Equal("second", order.Id);
            var bodies = handler.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Body).ToList();
            Assert.Equal(2, bodies.Count);
            Assert.Equal(bodies[0], bodies[1]);
        }
    }

    [Fact]
    public async Task A_duplicate_refusal_of_our_own_resubmission_returns_the_first_order()
    {
        var posts = 0;
        var lookups = 0;
        var (client, _) = Create((req, _) => Task.FromResult(req.Method == HttpMethod.Post
            ? (++posts == 1 ? FakeHandler.Json(HttpStatusCode.GatewayTimeout, "") : FakeHandler.Json((HttpStatusCode)422, """{"code":40010001,"message":"client_order_id must be unique"}"""))
            : (++lookups <= 2 ? FakeHandler.Json(HttpStatusCode.NotFound, "{}") : FakeHandler.Json(HttpStatusCode.OK, OrderJson("first-after-all")))));
        using (client)
        {
            var order = await client.SubmitOrderAsync(Market);
            Assert.Equal("first-after-all", order.Id);
            Assert.Equal(2, posts);
        }
    }

    [Fact]
    public async Task When_nothing_answers_the_state_is_reported_unknown_with_the_client_order_id()
    {
        var (client, _) = Create((_, _) => throw new HttpRequestException("connection refused"));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<AlpacaOrderStateUnknownException>(() => client.SubmitOrderAsync(Market));
            Assert.Equal("cid-1", ex.ClientOrderId);
        }
    }

    [Fact]
    public async Task After_the_resubmissions_are_spent_the_order_is_reported_not_accepted()
    {
        var (client, handler) = Create((req, _) => Task.FromResult(req.Method == HttpMethod.Post
            ? FakeHandler.Json(HttpStatusCode.InternalServerError, "{}")
            : FakeHandler.Json(HttpStatusCode.NotFound, "{}")), resubmits: 1);
        using (client)
        {
            var ex = await Assert.ThrowsAsync<AlpacaOrderNotAcceptedException>(() => client.SubmitOrderAsync(Market));
            Assert.Equal("cid-1", ex.ClientOrderId);
            Assert.Equal(2, Posts(handler));
        }
    }

    [Fact]
    public async Task A_4xx_is_final_and_typed()
    {
        var (client, handler) = Create((_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.Forbidden, """{"buying_power":"5","code":40310000,"cost_basis":"100","message":"insufficient buying power"}""")));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<AlpacaInsufficientBuyingPowerException>(() => client.SubmitOrderAsync(Market));
            Assert.Equal(5m, ex.BuyingPower);
            Assert.Single(handler.Requests);
        }
    }

    [Fact]
    public async Task A_429_on_the_POST_is_sent_again_after_the_reset_because_nothing_was_processed()
    {
        var posts = 0;
        var past = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (client, _) = Create((_, _) => Task.FromResult(++posts == 1
            ? FakeHandler.Json((HttpStatusCode)429, """{"message":"rate limit exceeded"}""", ("X-Ratelimit-Remaining", "0"), ("X-Ratelimit-Reset", past))
            : FakeHandler.Json(HttpStatusCode.OK, OrderJson())));
        using (client)
        {
            await client.SubmitOrderAsync(Market);
            Assert.Equal(2, posts);
        }
    }

    [Fact]
    public async Task Invalid_orders_are_refused_before_anything_is_sent()
    {
        var (client, handler) = Create((_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, OrderJson())));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<TesseraValidationException>(() => client.SubmitOrderAsync(Market with { Qty = -1 }));
            Assert.Equal("qty", ex.Field);
            Assert.Empty(handler.Requests);
        }
    }

    [Fact]
    public async Task A_response_without_an_order_id_is_a_protocol_error_naming_the_field()
    {
        var (client, _) = Create((_, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, """{"symbol":"AAPL","status":"new"}""")));
        using (client)
        {
            var ex = await Assert.ThrowsAsync<AlpacaProtocolException>(() => client.GetOrderAsync("x"));
            Assert.Equal("id", ex.Field);
        }
    }

    [Fact]
    public async Task Listing_all_orders_pages_by_time_and_skips_repeats()
    {
        var page1 = "[" + string.Join(',', Enumerable.Range(0, 3).Select(i => OrderJson("a" + i))) + "]";
        var page2 = "[" + OrderJson("a2") + "," + OrderJson("b1") + "]";
        var (client, handler) = Create((req, _) => Task.FromResult(FakeHandler.Json(HttpStatusCode.OK, req.RequestUri!.Query.Contains("until=", StringComparison.Ordinal) ? page2 : page1)));
        using (client)
        {
            var ids = new List<string>();
            await foreach (var o in client.ListAllOrdersAsync(new OrderQuery { Status = OrderStatusFilter.All, Limit = 3 }))
            {
                ids.Add(o.Id);
            }

            Assert.Equal(["a0", "a1", "a2", "b1"], ids);
            Assert.Contains("status=all", handler.Requests[0].PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("until=2021-03-16T18%3A38%3A01.937734Z", handler.Requests[1].PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_exception_text_contains_the_keys()
    {
        var (client, _) = Create((_, _) => throw new HttpRequestException("boom " + "(no keys here)"));
        using (client)
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAccountAsync());
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(KeyId, e.ToString(), StringComparison.Ordinal);
            }
        }
    }
}
