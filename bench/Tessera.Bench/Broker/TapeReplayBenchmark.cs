using Tessera.Core.Markets;
using System.Diagnostics;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Exchange.Time;

namespace Tessera.Bench.Broker;

/// <summary>
/// The SPY tape of 2013-10-07 (250,601 prints) through the exchange (matching engine, bars, synthesized quotes) and
/// out of the market data WebSocket to a connected Alpaca stream client that parses every message, as fast as the
/// machine goes; reported as a multiple of real time against the 23,400 s regular session (goal: 10,000x).
/// </summary>
public sealed class TapeReplayBenchmark : IBenchmark
{
    public string Name => "broker-replay";

    public string Description => "SPY tape replay through the exchange and out of the market data WebSocket to a client, x real time";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BrokerBench.Machine(context);
        var load = Stopwatch.StartNew();
        var tape = BrokerBench.SpyTapeOrSynthetic(context, out var label);
        context.Out.WriteLine($"  data: {label}; loaded in {load.Elapsed.TotalSeconds:F2} s");
        for (var run = 1; run <= 3; run++)
        {
            await using var host = await BrokerBench.StartAsync(tape, ClockMode.AsFastAsPossible);
            await using var stream = new AlpacaMarketDataStream(BrokerBench.Client(host), DataFeed.Sip, new StreamOptions { ChannelCapacity = 1_000_000 });
            await stream.StartAsync();
            await stream.SubscribeAsync(new SubscriptionSet { Trades = ["SPY"] });
            while (await stream.Messages.ReadAsync() is not StreamSubscription)
            {
            }

            long received = 0;
            var sw = Stopwatch.StartNew();
            host.StartReplay();
            while (received < tape.TradeCount)
            {
                if (await stream.Messages.ReadAsync() is StreamTrade)
                {
                    received++;
                }
            }

            sw.Stop();
            var seconds = sw.Elapsed.TotalSeconds;
            context.Out.WriteLine($"  run {run}:");
            context.Report("prints received by the client", received, "prints");
            context.Report("replay wall time", seconds, "s");
            context.Report("throughput", received / seconds, "prints/s");
            context.Report("multiple of real time (23,400 s session)", BrokerBench.SessionSeconds / seconds, "x");
        }

        context.Out.WriteLine($"  load average after: {BrokerBench.LoadAverage()}");
    }
}
