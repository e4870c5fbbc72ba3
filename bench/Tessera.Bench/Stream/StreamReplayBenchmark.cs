using System.Diagnostics;
using Tessera.Alpaca.Model;
using Tessera.Alpaca.Streaming;
using Tessera.Bench.Broker;
using Tessera.Core;
using Tessera.Core.Markets;
using Tessera.Core.Streaming;
using Tessera.Exchange.Time;
using Tessera.Stream.Engine;
using Tessera.Testing;
using Tessera.Trading.Configuration;
using Tessera.Trading.Decisions;

namespace Tessera.Bench.Stream;

/// <summary>
/// The SPY tape of 2013-10-07 through the local exchange, out of its market data WebSocket, into the stream service's
/// engine with 1,000 long virtual stops spread evenly between the session's low and high (those above the opening
/// print fire on the first regular trade, a gap; the rest as the price falls through them): throughput as a multiple
/// of real time (the 23,400 s regular session) and the latency from the breaching trade entering the engine to the
/// approved IOC intent being handed to the order manager (sanity gate, stop book, exit sizing and the decision pipeline
/// included; the ledger append, idempotency claim and POST are storage and network round trips, measured in
/// docs/benchmarks/orders.md, and excluded here).
/// </summary>
public sealed class StreamReplayBenchmark : IBenchmark
{
    private const int Stops = 1_000;

    public string Name => "stream-replay";

    public string Description => "SPY tape through the exchange WebSocket into the stream engine with 1,000 virtual stops: x real time, breach-to-submit p50/p99";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BrokerBench.Machine(context);
        var tape = BrokerBench.SpyTapeOrSynthetic(context, out var label);
        context.Out.WriteLine($"  data: {label}");
        var (open, low, high) = SessionRange(tape);
        context.Out.WriteLine($"  regular session: first print {open}, low {low}, high {high}; {Stops} long stops of 1 share evenly from {low} to {high} (rounded to the cent)");
        var config = TradingConfigurationLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "config", "trading.yaml"));
        var pipeline = new DecisionPipeline(config.Profile(config.DefaultProfileName), config.ConfigPin);
        WarmUp(pipeline);
        for (var run = 1; run <= 3; run++)
        {
            await using var host = await BrokerBench.StartAsync(tape, ClockMode.AsFastAsPossible);
            await using var stream = new AlpacaMarketDataStream(BrokerBench.Client(host), DataFeed.Sip, new StreamOptions { ChannelCapacity = 1_000_000 });
            var actions = new TimingActions(pipeline);
            var engine = new StreamEngine(new StreamSettings { MeasureLag = false }, actions, new NullEvents());
            engine.SetPosition("SPY", 1_000_000m);
            for (var i = 0; i < Stops; i++)
            {
                engine.Restore(new VirtualStop("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "SPY", Side.Long, Math.Round(low + ((high - low) * i / Stops), 2), 1m));
            }

            await stream.StartAsync();
            await stream.SubscribeAsync(new SubscriptionSet { Trades = ["SPY"] });
            while (await stream.Messages.ReadAsync() is not StreamSubscription)
            {
            }

            var sw = Stopwatch.StartNew();
            host.StartReplay();
            while (engine.Counters.Trades < tape.TradeCount)
            {
                var message = await stream.Messages.ReadAsync();
                actions.Started = Stopwatch.GetTimestamp();
                await engine.OnMarketDataAsync(message, DateTimeOffset.UtcNow, CancellationToken.None);
            }

            sw.Stop();
            var seconds = sw.Elapsed.TotalSeconds;
            var latencies = actions.LatenciesMicroseconds;
            latencies.Sort();
            context.Out.WriteLine($"  run {run}:");
            context.Report("trades through the engine", engine.Counters.Trades, "trades");
            context.Report("stops fired", engine.Counters.StopsFired, "stops");
            context.Report("exits (one per breaching trade)", latencies.Count, "exits");
            context.Report("wall time", seconds, "s");
            context.Report("multiple of real time (23,400 s session)", BrokerBench.SessionSeconds / seconds, "x");
            context.Report("breach-to-submit p50", Percentile(latencies, 0.50), "us");
            context.Report("breach-to-submit p99", Percentile(latencies, 0.99), "us");
            context.Report("breach-to-submit max", latencies.Count == 0 ? double.NaN : latencies[^1], "us");
        }

        context.Out.WriteLine($"  load average after: {BrokerBench.LoadAverage()}");
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    /// <summary>The first decision JIT-compiles the pipeline (tens of ms): done once before timing, as a running service would have.</summary>
    private static void WarmUp(DecisionPipeline pipeline)
    {
        var at = new DateTimeOffset(2013, 10, 7, 15, 0, 0, TimeSpan.Zero);
        pipeline.Decide(new DecisionRequest(
            new TargetOrder("SPY", OrderSide.Sell, 1m, "warm-up"),
            new MarketSnapshot { Bid = 100, Ask = 100, QuoteTime = at, LastPrice = 100 },
            new AccountSnapshot { Equity = 0m, Cash = 0m, BuyingPower = 0m, Positions = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["SPY"] = 1m } },
            SafetyState.Clear,
            at));
    }

    private static (decimal Open, decimal Low, decimal High) SessionRange(Tessera.Exchange.Market.MarketTape tape)
    {
        decimal? open = null;
        var low = decimal.MaxValue;
        var high = decimal.MinValue;
        for (var i = 0; i < tape.TradeCount; i++)
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(tape.TradeTs[i]);
            var session = NyseCalendar.SessionAt(t);
            if (session is null || !session.IsRegular(t))
            {
                continue;
            }

            var p = (decimal)tape.Price[i];
            open ??= p;
            low = Math.Min(low, p);
            high = Math.Max(high, p);
        }

        return (open ?? 0m, low, high);
    }

    /// <summary>Decides each exit with the real pipeline and records the time since its trade entered the engine.</summary>
    private sealed class TimingActions(DecisionPipeline pipeline) : IStreamActions
    {
        public long Started { get; set; }

        public List<double> LatenciesMicroseconds { get; } = [];

        public Task<StopExitResult> ExitAsync(StopExit exit, CancellationToken cancellationToken)
        {
            var price = (double)exit.TradePrice;
            var result = pipeline.Decide(new DecisionRequest(
                new TargetOrder(exit.Symbol, OrderSide.Sell, exit.Quantity, "virtual_stop"),
                new MarketSnapshot { Bid = price, Ask = price, QuoteTime = exit.TradeTime, LastPrice = price },
                new AccountSnapshot { Equity = 0m, Cash = 0m, BuyingPower = 0m, Positions = new Dictionary<string, decimal>(StringComparer.Ordinal) { [exit.Symbol] = exit.PositionQuantity } },
                SafetyState.Clear,
                exit.TradeTime));
            LatenciesMicroseconds.Add(Stopwatch.GetElapsedTime(Started).TotalMicroseconds);
            return Task.FromResult(new StopExitResult(result.Intent is not null, result.Intent?.ClientOrderId, result.Decision.Veto, result.Decision.Detail));
        }

        public Task<FlattenResult> FlattenAsync(HeartbeatBreach breach, CancellationToken cancellationToken) => Task.FromResult(new FlattenResult(0, 0, 0, []));

        public Task<FlattenResult> FastExitAsync(FastExitTrigger trigger, CancellationToken cancellationToken) => Task.FromResult(new FlattenResult(0, 0, 0, []));

        public Task<bool> TradingStoppedAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public void DropConnection()
        {
        }

        public Task PersistStopAsync(VirtualStop stop, bool armed, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NullEvents : Tessera.Trading.Events.ITradingEventPublisher
    {
        public void Publish(Tessera.Trading.Events.TradingEvent tradingEvent)
        {
        }
    }
}
