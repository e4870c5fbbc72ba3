using Tessera.Alpaca.Model;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Tests.Support;
using Xunit;

namespace Tessera.Exchange.Tests.Contract;

/// <summary>
/// The duplicate trap: order POSTs answered 5xx after the order was accepted, 5xx before it was, and held back past the
/// client's timeout. A blind retry would double orders; the client reconciles by client_order_id instead.
/// </summary>
public sealed class DuplicateTrapTests
{
    [Fact]
    public async Task A_thousand_submissions_through_injected_failures_make_exactly_one_order_each()
    {
        const int count = 1000;
        var plan = new FaultPlan { OrderErrorAfterAcceptRate = 0.3, OrderErrorBeforeAcceptRate = 0.1, OrderTimeoutAfterAcceptRate = 0.03, OrderTimeoutMs = 1500, Seed = 11 };
        await using var ex = await LocalExchange.StartAsync(
            TestTapes.OneDay(),
            "2013-10-07 09:00",
            o => o with { RateLimitPerMinute = 0, Faults = plan },
            c => c with { RequestTimeout = TimeSpan.FromMilliseconds(300), ReconcileAttempts = 3, ReconcileDelay = TimeSpan.FromMilliseconds(5), ResubmitsWhenNotAccepted = 6 });
        await ex.AdvanceAsync("2013-10-07 10:00:30");

        using var gate = new SemaphoreSlim(8);
        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var cid = "trap-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                var order = await ex.Trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, LimitPrice = 1m, ClientOrderId = cid });
                return (cid, order.ClientOrderId);
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(answers, a => Assert.Equal(a.cid, a.ClientOrderId));
        Assert.True(ex.Host.Faults.OrderFaultsInjected >= 300, $"only {ex.Host.Faults.OrderFaultsInjected} faults were injected");
        var held = new List<string>();
        await foreach (var o in ex.Trading.ListAllOrdersAsync(new OrderQuery { Status = OrderStatusFilter.All, Limit = 500 }))
        {
            held.Add(o.ClientOrderId!);
        }

        Assert.Equal(count, held.Count);
        Assert.Equal(answers.Select(a => a.cid).Order(StringComparer.Ordinal), held.Order(StringComparer.Ordinal));
        Assert.Equal(count, ex.Host.Venue.Read(v => v.Orders.Count));
    }
}
