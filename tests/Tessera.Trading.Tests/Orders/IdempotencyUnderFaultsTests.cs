using Tessera.Exchange.Faults;
using Tessera.Testing;
using Tessera.Trading.Orders;
using Tessera.Trading.Tests.Orders.Support;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Trading.Tests.Orders;

/// <summary>
/// Issue 12, "what it must show": 1,000 decisions replayed against the local exchange through injected timeouts,
/// 5xx after accept, 5xx before accept, failing look-ups, process kills (an order manager abandoned mid-submission
/// and a fresh one started over the same storage) and a power cut that wipes the idempotency table and some order
/// records. Counted from the exchange's own order list: every decision is exactly one order (0 duplicates, 0 lost).
/// </summary>
[Collection(OrdersAzuriteCollection.Name)]
public sealed class IdempotencyUnderFaultsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Decisions = 1000;

    [Fact]
    public async Task A_thousand_decisions_through_faults_kills_and_a_power_cut_make_exactly_one_order_each()
    {
        var plan = new FaultPlan { OrderErrorAfterAcceptRate = 0.2, OrderErrorBeforeAcceptRate = 0.1, OrderTimeoutAfterAcceptRate = 0.03, OrderTimeoutMs = 800, Seed = 12 };
        await using var ex = await OrdersExchange.StartAsync(
            configure: o => o with { Faults = plan },
            client: c => c with { RequestTimeout = TimeSpan.FromMilliseconds(250), ReconcileAttempts = 3, ReconcileDelay = TimeSpan.FromMilliseconds(5), ResubmitsWhenNotAccepted = 2 });
        var h = await OrdersHarness.CreateAsync(azurite.ConnectionString, ex.NewBroker());
        h.Broker.LookupFailureRate = 0.05;

        // Round 1: every 10th submission is killed after a short, seeded delay (wherever it is then).
        var kills = 0;
        var killDelay = new Random(3);
        var round1 = await RunAsync(h.NewManager(), async (manager, i) =>
        {
            if (i % 10 != 0)
            {
                return await manager.SubmitAsync(OrdersHarness.Buy(i));
            }

            int ms;
            lock (killDelay)
            {
                ms = killDelay.Next(0, 40);
            }

            using var kill = new CancellationTokenSource(TimeSpan.FromMilliseconds(ms));
            try
            {
                return await manager.SubmitAsync(OrdersHarness.Buy(i), cancellationToken: kill.Token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref kills);
                return null;
            }
        });

        // Power cut: the idempotency table is wiped, and every 7th order record with it.
        var heldBeforeReplay = ex.OrdersPerClientOrderId();
        var postsBeforeReplay = h.Broker.Posts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var wipedKeys = await h.Manager.Idempotency.DeleteAllAsync(OrdersHarness.Account);
        var wipedRecords = 0;
        for (var i = 0; i < Decisions; i += 7)
        {
            wipedRecords += await h.Tables.DeleteAsync(h.OrdersTable, OrdersHarness.Account, OrdersHarness.Buy(i).ClientOrderId) ? 1 : 0;
        }

        // Round 2: a fresh process replays every decision (faults still on).
        var round2 = await RunAsync(h.NewManager(), (manager, i) => manager.SubmitAsync(OrdersHarness.Buy(i))!);
        var repostedAlthoughHeld = heldBeforeReplay.Keys.Count(cid => h.Broker.PostsFor(cid) != postsBeforeReplay.GetValueOrDefault(cid));

        // Resolution: a fresh process's poller resolves every unknown or abandoned submission by client order id.
        var resolver = h.NewManager(unresolvedAfter: TimeSpan.Zero);
        var polls = 0;
        while (await UnresolvedAsync(resolver) > 0 && polls++ < 20)
        {
            await new OrderPoller(resolver).PollOnceAsync();
        }

        Assert.Equal(0, await UnresolvedAsync(resolver));

        // Round 3: replays after all that never reach the broker.
        var postsBeforeRound3 = h.Broker.TotalPosts;
        var round3 = await RunAsync(h.NewManager(), (manager, i) => manager.SubmitAsync(OrdersHarness.Buy(i))!);

        var held = ex.OrdersPerClientOrderId();
        var duplicates = held.Values.Count(n => n > 1);
        var lost = Enumerable.Range(0, Decisions).Count(i => !held.ContainsKey(OrdersHarness.Buy(i).ClientOrderId));
        output.WriteLine($"faults injected {ex.Host.Faults.OrderFaultsInjected}, look-ups failed {h.Broker.LookupsFailed}, kills {kills}, wiped {wipedKeys} keys + {wipedRecords} records, polls {polls}");
        output.WriteLine($"round 1: {Summary(round1)}; round 2: {Summary(round2)}; round 3: {Summary(round3)}; OMS POSTs {h.Broker.TotalPosts}; exchange orders {held.Values.Sum()}");

        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.Equal(Decisions, held.Values.Sum());
        Assert.Equal(Decisions, ex.Host.Venue.Read(v => v.Orders.Count));
        Assert.Equal(0, repostedAlthoughHeld);
        Assert.Equal(postsBeforeRound3, h.Broker.TotalPosts);
        Assert.All(round3, r => Assert.Equal(SubmissionOutcome.DuplicateReplay, r!.Outcome));

        // The faults really happened.
        Assert.True(ex.Host.Faults.OrderFaultsInjected >= 100, $"only {ex.Host.Faults.OrderFaultsInjected} faults");
        Assert.True(kills > 0 && h.Broker.LookupsFailed > 0 && wipedKeys > 0 && wipedRecords > 0);
        Assert.Contains(round2, r => r!.Outcome == SubmissionOutcome.AdoptedFromBroker);

        // And the books agree with the exchange (the network healed: a failing look-up makes the reconciler throw, not guess).
        // Without the stream, fills are learnt by the poller (one more poll once every look-up works).
        h.Broker.LookupFailureRate = 0;
        await new OrderPoller(resolver).PollOnceAsync();
        var report = await new OrderReconciler(resolver).ReconcileAsync();
        Assert.True(report.IsClean, string.Join("; ", report.Differences.Take(5)));
    }

    private static async Task<int> UnresolvedAsync(OrderManager manager) =>
        (await manager.Orders.ListAsync(OrdersHarness.Account)).Count(s => s.Record.State is OrderState.Approved or OrderState.SubmissionUnknown);

    private static string Summary(SubmissionResult?[] results) => string.Join(", ", results
        .GroupBy(r => r?.Outcome.ToString() ?? "killed")
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Count()}"));

    private static async Task<SubmissionResult?[]> RunAsync(OrderManager manager, Func<OrderManager, int, Task<SubmissionResult?>> submit)
    {
        var results = new SubmissionResult?[Decisions];
        var next = -1;
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Decisions)
            {
                results[i] = await submit(manager, i);
            }
        }));
        await Task.WhenAll(workers);
        return results;
    }
}
