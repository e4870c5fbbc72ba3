using Tessera.Core.Markets;
using System.Diagnostics;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Time;

namespace Tessera.Bench.Broker;

/// <summary>
/// The duplicate trap at 10,000: every order POST risks a 5xx after the order was accepted (30%), a 5xx before (10%)
/// or an answer held past the client's timeout (2%). The client reconciles by client_order_id; the figure that
/// matters is the count of client order ids held more than once at the exchange (must be 0) and of lost ones (0).
/// </summary>
public sealed class DuplicateTrapBenchmark : IBenchmark
{
    private const int Count = 10_000;

    public string Name => "broker-duplicate-trap";

    public string Description => $"{Count} order submissions through 5xx-after-accept, 5xx and timeouts: orders per client_order_id at the exchange";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BrokerBench.Machine(context);
        var plan = new FaultPlan { OrderErrorAfterAcceptRate = 0.3, OrderErrorBeforeAcceptRate = 0.1, OrderTimeoutAfterAcceptRate = 0.02, OrderTimeoutMs = 1000, Seed = 2026 };
        await using var host = await BrokerBench.StartAsync(BrokerBench.DeepBook(), ClockMode.Manual, new DateTimeOffset(2013, 10, 7, 14, 0, 30, TimeSpan.Zero), o => o with { Faults = plan });
        var options = BrokerBench.Client(host) with
        {
            RequestTimeout = TimeSpan.FromMilliseconds(250),
            ReconcileAttempts = 3,
            ReconcileDelay = TimeSpan.FromMilliseconds(5),
            ResubmitsWhenNotAccepted = 8,
        };
        using var trading = new AlpacaTradingClient(options);
        context.Out.WriteLine("  faults: 30% 5xx after accept, 10% 5xx before accept, 2% answer held 1 s (client timeout 250 ms); rate limit off; 16 in flight");
        var sw = Stopwatch.StartNew();
        var mismatched = 0;
        await Storage.LatencyRecorder.MeasureAsync(context, "submission", Count, 16, async i =>
        {
            var cid = "trap-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            // Resting limit orders far below the market: nothing fills, so every order stays visible as itself.
            var order = await trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = OrderSide.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, LimitPrice = 1m, ClientOrderId = cid });
            if (order.ClientOrderId != cid)
            {
                Interlocked.Increment(ref mismatched);
            }
        });
        sw.Stop();
        var held = host.Venue.Read(v => v.Orders.GroupBy(o => o.ClientOrderId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        var duplicates = held.Values.Count(n => n > 1);
        var lost = Enumerable.Range(0, Count).Count(i => !held.ContainsKey("trap-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)));
        context.Report("order POST faults injected", host.Faults.OrderFaultsInjected, "faults");
        context.Report("orders held at the exchange", held.Values.Sum(), "orders");
        context.Report("client_order_ids held more than once", duplicates, "ids");
        context.Report("client_order_ids lost", lost, "ids");
        context.Report("answers naming another client_order_id", mismatched, "answers");
        context.Report("total wall time", sw.Elapsed.TotalSeconds, "s");
        if (duplicates != 0 || lost != 0 || mismatched != 0 || held.Values.Sum() != Count)
        {
            throw new InvalidOperationException("the duplicate trap caught the client: see the figures above");
        }

        context.Out.WriteLine($"  load average after: {BrokerBench.LoadAverage()}");
    }
}
