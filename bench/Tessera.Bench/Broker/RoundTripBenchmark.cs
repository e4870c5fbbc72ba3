using Tessera.Core.Markets;
using System.Collections.Concurrent;
using System.Diagnostics;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Rest;
using Tessera.Alpaca.Streaming;
using Tessera.Exchange.Time;

namespace Tessera.Bench.Broker;

/// <summary>
/// Order round trips on loopback: the Alpaca client POSTs a market order and waits for its fill on the trade updates
/// stream (binary frames, parsed by the client). Sequential and with 8 in flight; buys and sells alternate so the
/// position stays flat; the book is deep enough that every order fills at once.
/// </summary>
public sealed class RoundTripBenchmark : IBenchmark
{
    private const int Count = 3000;

    public string Name => "broker-roundtrip";

    public string Description => $"Order round trips on loopback: POST + fill event received ({Count} orders, 1 and 8 in flight)";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BrokerBench.Machine(context);
        await using var host = await BrokerBench.StartAsync(BrokerBench.DeepBook(), ClockMode.Manual, new DateTimeOffset(2013, 10, 7, 14, 0, 30, TimeSpan.Zero));
        var options = BrokerBench.Client(host);
        using var trading = new AlpacaTradingClient(options);
        await using var updates = new AlpacaTradeUpdatesStream(options);
        await updates.StartAsync();
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var m in updates.Messages.ReadAllAsync(stop.Token))
            {
                if (m is TradeUpdateMessage { Update: { Event: TradeEvent.Fill } u } && waiting.TryRemove(u.Order.ClientOrderId!, out var done))
                {
                    done.TrySetResult();
                }
            }
        });
        context.Out.WriteLine("  data: one SPY print of 10,000,000 shares at $100.00 (a touch that never runs dry), manual clock at 10:00:30 ET");
        var id = 0;
        async Task RoundTripAsync(int i)
        {
            var cid = "rt-" + Interlocked.Increment(ref id).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[cid] = filled;
            await trading.SubmitOrderAsync(new OrderRequest { Symbol = "SPY", Qty = 1, Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Type = OrderType.Market, TimeInForce = TimeInForce.Day, ClientOrderId = cid });
            await filled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        for (var i = 0; i < 200; i++)
        {
            await RoundTripAsync(i);
        }

        foreach (var concurrency in new[] { 1, 8 })
        {
            await Storage.LatencyRecorder.MeasureAsync(context, $"round trip (concurrency {concurrency})", Count, concurrency, RoundTripAsync);
        }

        await stop.CancelAsync();
        try
        {
            await reader;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        context.Report("trade update events published", host.TradeUpdates.EventsPublished, "events (new + fill per order)");
        context.Out.WriteLine($"  load average after: {BrokerBench.LoadAverage()}");
    }
}
