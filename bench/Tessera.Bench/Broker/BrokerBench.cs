using Tessera.Core.Markets;
using Tessera.Alpaca.Configuration;
using Tessera.Exchange;
using Tessera.Exchange.Market;
using Tessera.Exchange.Streaming;
using Tessera.Exchange.Time;
using Tessera.Exchange.Trading;
using Tessera.Testing;

namespace Tessera.Bench.Broker;

/// <summary>What the broker benchmarks share: the tapes, an exchange on 127.0.0.1, and client options pointed at it.</summary>
internal static class BrokerBench
{
    public const string SpyTrades = "spy-trades-2013-10-07.csv.gz";

    /// <summary>The regular session, the yardstick of "times real time".</summary>
    public const double SessionSeconds = 23_400;

    public static MarketTape SpyTapeOrSynthetic(BenchContext context, out string label)
    {
        if (SharedData.TryPath(SpyTrades) is { } path)
        {
            label = $"../shared/data/{SpyTrades} (every SPY print of 2013-10-07, extended hours included)";
            return TapeSources.Load(path);
        }

        context.Out.WriteLine($"  NOTICE: ../shared/data/{SpyTrades} is missing: replaying a synthetic tape of the same size instead (figures not comparable)");
        label = "synthetic SPY session, 250,601 prints";
        return TapeSources.Synthetic(new TapeSources.SyntheticSpec(["SPY"], new DateOnly(2013, 10, 7), 250_601, 42));
    }

    /// <summary>One print of ten million shares: the touch never runs dry, so every market order fills at once.</summary>
    public static MarketTape DeepBook() => Tapes.One("SPY", new DateTimeOffset(2013, 10, 7, 14, 0, 0, TimeSpan.Zero), 100.00, 10_000_000);

    public static Task<ExchangeHost> StartAsync(MarketTape tape, ClockMode mode, DateTimeOffset? start = null, Func<ExchangeOptions, ExchangeOptions>? configure = null)
    {
        var options = new ExchangeOptions
        {
            Tape = tape,
            ClockMode = mode,
            Start = start,
            RateLimitPerMinute = 0,
            ReplayPaused = true,
            Venue = new VenueOptions { Costs = CostModel.Free, StartingCash = 1_000_000_000m },
            Streams = new StreamSettings { Backpressure = Backpressure.Wait },
        };
        return ExchangeHost.StartAsync(configure?.Invoke(options) ?? options);
    }

    public static AlpacaClientOptions Client(ExchangeHost host) => new()
    {
        Endpoints = AlpacaEndpoints.Local(host.BaseAddress),
        Credentials = new AlpacaCredentials(BrokerSelection.DefaultExchangeKeyId, BrokerSelection.DefaultExchangeSecret),
        RequestsPerMinute = 0,
    };

    public static void Machine(BenchContext context) =>
        context.Out.WriteLine($"  load average before: {LoadAverage()}");

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static class Tapes
    {
        public static MarketTape One(string symbol, DateTimeOffset at, double price, double size) =>
            MarketTape.Build([new Tessera.Core.Data.TradeTape(symbol, [at.ToUnixTimeMilliseconds()], [price], [size], [(byte)'P'], [0], [false])], []);
    }
}
