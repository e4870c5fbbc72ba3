using Tessera.Core.Determinism;
using Tessera.Core.Streaming;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Stream.Engine;
using Tessera.Stream.Tests.Support;
using Tessera.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Stream.Tests.Hosting;

/// <summary>
/// The fault campaign against the local exchange (issue 13): 100 seeded faults from the exchange's fault injection
/// (drop, stall beyond the silence timeout, mute-but-connected, 406 storm on reconnect, 429 on REST, duplicated and
/// out-of-order messages) while a synthetic SPY session replays at 20x. Every fault must be recovered (connected,
/// safety mode off, messages flowing), every breach fault must flatten the account (no position left open), no stop
/// exit may reach the order manager while safety mode is on, and every reconnect wait stays within the configured
/// backoff bounds. Counts are printed (published in docs/benchmarks/stream.md).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FaultCampaignTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly string[] Kinds = ["drop", "stall", "mute", "406", "429", "duplicate", "reorder"];

    [Fact]
    public async Task A_hundred_seeded_faults_are_all_recovered_with_the_accounts_flat_after_every_safety_flatten()
    {
        var tape = TapeSources.Load("synthetic:symbols=SPY;date=2024-03-04;trades=300000;seed=42");
        var day = new DateOnly(2024, 3, 4);
        await using var h = await StreamHarness.StartAsync(azurite.ConnectionString, tape, Core.Markets.UsEastern.At(day, new TimeOnly(9, 35)), ClockMode.Scaled, speed: 20);
        var settings = new StreamSettings
        {
            MeasureLag = false,
            Heartbeat = new HeartbeatSettings(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)),
            Safety = new SafetyModeSettings(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30)),
            StatusInterval = TimeSpan.FromMilliseconds(500),
            WatchedSymbols = ["SPY"],
        };
        var worker = await h.StartWorkerAsync(settings);
        var rng = new DeterministicRandom(13);
        var counts = Kinds.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var flattens = 0;
        var backoffs = new List<TimeSpan>();
        for (var i = 0; i < 100; i++)
        {
            var kind = Kinds[rng.NextInt(Kinds.Length)];
            counts[kind]++;
            var breach = kind is "drop" or "stall" or "mute" or "406";
            var before = await h.ReadAsync(e => (e.Counters.SafetyActivations, e.Counters.Messages));
            if (breach && await h.PositionAtBrokerAsync("SPY") == 0m)
            {
                await h.BuyAsync("SPY", 1m);
            }

            var plan = kind switch
            {
                "drop" => FaultPlan.None with { Seed = (ulong)i, Drop = "market_data" },
                "stall" => FaultPlan.None with { Seed = (ulong)i, StallSeconds = 2 },
                "mute" => FaultPlan.None with { Seed = (ulong)i, StallSeconds = 2, StallAnswersPings = true },
                "406" => FaultPlan.None with { Seed = (ulong)i, ConnectionLimitSeconds = 1, Drop = "market_data" },
                "429" => FaultPlan.None with { Seed = (ulong)i, RateLimitCount = 3, RateLimitResetSeconds = 1 },
                "duplicate" => FaultPlan.None with { Seed = (ulong)i, StreamDuplicateRate = 0.3 },
                _ => FaultPlan.None with { Seed = (ulong)i, StreamReorderRate = 0.3 },
            };
            h.Host.ApplyFaults(plan);
            var applied = DateTime.UtcNow;
            if (breach)
            {
                await StreamHarness.WaitForAsync(async () => await h.ReadAsync(e => e.Counters.SafetyActivations) > before.SafetyActivations, $"fault {i} ({kind}): safety mode");
                flattens++;
                await StreamHarness.WaitForAsync(async () => await h.PositionAtBrokerAsync("SPY") == 0m, $"fault {i} ({kind}): the flatten");

                // A stall freezes the exchange's sockets for its whole two seconds: let it end before judging the recovery.
                var left = TimeSpan.FromSeconds(2.2) - (DateTime.UtcNow - applied);
                if (left > TimeSpan.Zero)
                {
                    await Task.Delay(left);
                }
            }
            else
            {
                await Task.Delay(400);
                var now = await h.ReadAsync(e => e.Counters.SafetyActivations);
                Assert.True(before.SafetyActivations == now, $"fault {i} ({kind}) is not a breach but safety mode was entered ({before.SafetyActivations} -> {now})");
            }

            h.Host.ApplyFaults(FaultPlan.None);
            var messages = await h.ReadAsync(e => e.Counters.Messages);
            await StreamHarness.WaitForAsync(
                async () => await h.ReadAsync(e => e.Heartbeat.State == HeartbeatState.Healthy && e.Safety.State == SafetyModeState.Normal && e.Counters.Messages > messages + 10),
                $"fault {i} ({kind}): recovery");
            if (await h.ReadAsync(e => e.LastBackoff()) is { } backoff)
            {
                backoffs.Add(backoff);
            }
        }

        var final = await h.ReadAsync(e => e.Counters);
        // A stall can catch the fresh connection too (a second breach while recovering): at least one activation per breach fault.
        Assert.True(final.SafetyActivations >= flattens, $"{final.SafetyActivations} activations for {flattens} breach faults");
        Assert.Equal(0, final.ExitsSubmitted);
        Assert.Empty(await worker.Desk.Orders.Orders.ListAsync(worker.Desk.AccountId));   // no order reached the order manager
        Assert.All(backoffs, b => Assert.InRange(b, StreamHarness.FastStreams.BackoffBase, StreamHarness.FastStreams.BackoffMax));
        output.WriteLine("faults: " + string.Join(", ", counts.Select(kv => kv.Key + " " + kv.Value)));
        output.WriteLine($"recovered 100/100; safety activations {final.SafetyActivations} for {flattens} breach faults; flattens left 0 positions open; reconnects {final.Reconnects}; disconnects {final.Disconnects}; backoff waits observed {backoffs.Count}, min {backoffs.DefaultIfEmpty().Min().TotalMilliseconds} ms, max {backoffs.DefaultIfEmpty().Max().TotalMilliseconds} ms; messages {final.Messages}; orders at the OMS 0");
    }
}
