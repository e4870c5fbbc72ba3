using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Tessera.Core;
using Tessera.Core.Markets;
using Tessera.Storage;
using Tessera.Storage.Local;
using Tessera.Trading.Configuration;
using Tessera.Trading.Decisions;
using Tessera.Trading.Ledger;

namespace Tessera.Bench.Trading;

/// <summary>
/// Issue 12's latency figure: the decision pipeline per signal (sizing + every gate + the order intent and its
/// deterministic ids) for the canary profile (fixed notional) and the full profile (fractional Kelly over 260 daily
/// returns, VIX and ATR tapers), 200,000 decisions each, one thread; then the same decision followed by its
/// audit-ledger append (Azurite append blob with append-position condition), 2,000 of them. p50 / p99 / max.
/// </summary>
public sealed class DecisionLatencyBenchmark : IBenchmark
{
    private const int PipelineDecisions = 200_000;
    private const int LedgerDecisions = 2_000;

    public string Name => "decision-latency";

    public string Description => "decision pipeline per signal (sizing + all gates), without and with the ledger append: p50/p99";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Broker.BrokerBench.Machine(context);
        var config = TradingConfigurationLoader.LoadFile(Locate());
        var now = UsEastern.At(new DateOnly(2024, 3, 13), new TimeOnly(10, 30));
        var returns = new double[260];
        var random = new Random(7);
        for (var i = 0; i < returns.Length; i++)
        {
            returns[i] = 0.003 + (0.01 * ((random.NextDouble() * 2) - 1)); // a positive edge, so Kelly sizes a position
        }

        foreach (var profile in new[] { "canary", "full" })
        {
            var pipeline = new DecisionPipeline(config.Profile(profile), config.ConfigPin);
            var samples = new long[PipelineDecisions];
            var approved = 0;
            for (var i = 0; i < PipelineDecisions + 10_000; i++)
            {
                var request = Request(i, now, returns);
                var t0 = Stopwatch.GetTimestamp();
                var result = pipeline.Decide(request);
                var t1 = Stopwatch.GetTimestamp();
                if (i >= 10_000)
                {
                    samples[i - 10_000] = t1 - t0;
                    approved += result.Outcome == DecisionOutcome.Approved ? 1 : 0;
                }
            }

            Report(context, $"pipeline only, profile {profile} ({PipelineDecisions:N0} decisions, {approved:N0} approved, one thread)", samples);
        }

        await using var azurite = await AzuriteLauncher.StartAsync();
        var ledger = new BlobAuditLedger(StorageAccount.FromConnectionString(azurite.ConnectionString).Blobs, TimeProvider.System);
        var canary = new DecisionPipeline(config.Profile("canary"), config.ConfigPin);
        var withLedger = new long[LedgerDecisions];
        for (var i = 0; i < LedgerDecisions + 100; i++)
        {
            var request = Request(i, now, returns);
            var t0 = Stopwatch.GetTimestamp();
            var result = canary.Decide(request);
            await ledger.AppendAsync(new LedgerEntry("decision", "bench", now, new JsonObject { ["decision_id"] = result.Decision.DecisionId, ["outcome"] = result.Outcome.ToString(), ["veto_reason"] = result.VetoCode }, config.ConfigPin, "bench"));
            var t1 = Stopwatch.GetTimestamp();
            if (i >= 100)
            {
                withLedger[i - 100] = t1 - t0;
            }
        }

        Report(context, $"pipeline + ledger append (Azurite append blob), profile canary ({LedgerDecisions:N0} decisions)", withLedger);
        var verify = await ledger.VerifyAsync("bench", UsEastern.DateOf(now));
        context.Out.WriteLine($"  ledger after the run: {verify.BlockCount:N0} blocks, valid {verify.IsValid}");
    }

    private static DecisionRequest Request(int i, DateTimeOffset now, double[] returns)
    {
        var ask = 40.0 + (i % 97 * 0.01);
        var at = now.AddMilliseconds(i % 60_000);
        return new DecisionRequest(
            new TradingSignal("S" + (i % 500).ToString("D3", CultureInfo.InvariantCulture), Side.Long, "connors-rsi2", now.AddDays(-1), 0.8),
            new MarketSnapshot { Bid = ask - 0.01, Ask = ask, QuoteTime = at.AddSeconds(-1), LastPrice = ask, Adv20Shares = 2_000_000, AtrPct = 0.02, DailyReturns = returns, Vix = 18, VixAsOf = DateOnly.FromDateTime(now.UtcDateTime) },
            new AccountSnapshot { Equity = 100_000m, Cash = 100_000m, BuyingPower = 200_000m, MarginAvailable = 200_000m },
            SafetyState.Clear,
            at);
    }

    private static void Report(BenchContext context, string label, long[] ticks)
    {
        Array.Sort(ticks);
        double Us(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: p50 {Us(ticks[ticks.Length / 2]):0.0} µs, p99 {Us(ticks[(int)(ticks.Length * 0.99)]):0.0} µs, max {Us(ticks[^1]):0.0} µs"));
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "trading.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("config/trading.yaml not found above the working directory");
    }
}
