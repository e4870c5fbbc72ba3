using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Tessera.Alpaca.Broker;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Time;
using Tessera.Storage;
using Tessera.Storage.Local;
using Tessera.Trading.Decisions;
using Tessera.Trading.Events;
using Tessera.Trading.Ledger;
using Tessera.Trading.Orders;

namespace Tessera.Bench.Trading;

/// <summary>
/// Issue 12's idempotency figure at 10,000 decisions: the order manager (Azurite tables) against the local exchange
/// with 20% 5xx after accept, 10% 5xx before accept, 3% answers held past the client's timeout; every 10th submission
/// killed mid-flight; then a power cut (idempotency table wiped, every 7th order record too), a fresh process
/// replaying every decision, a poller resolving what is left, and a last replay. Figures: orders per client order id
/// at the exchange (duplicates, lost), POSTs for orders the exchange already held, throughput and p50/p99 latency.
/// </summary>
public sealed class OrderIdempotencyBenchmark : IBenchmark
{
    private const int Count = 10_000;
    private const int Concurrency = 16;
    private const string Account = "bench";

    public string Name => "orders-idempotency";

    public string Description => $"{Count} decisions through order POST faults, kills and a power cut: duplicate orders at the exchange, throughput, submit latency";

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Broker.BrokerBench.Machine(context);
        var plan = new FaultPlan { OrderErrorAfterAcceptRate = 0.2, OrderErrorBeforeAcceptRate = 0.1, OrderTimeoutAfterAcceptRate = 0.03, OrderTimeoutMs = 800, Seed = 2026 };
        await using var azurite = await AzuriteLauncher.StartAsync();
        await using var host = await Broker.BrokerBench.StartAsync(Broker.BrokerBench.DeepBook(), ClockMode.Manual, new DateTimeOffset(2013, 10, 7, 14, 0, 30, TimeSpan.Zero), o => o with { Faults = plan });
        var options = Broker.BrokerBench.Client(host) with
        {
            RequestTimeout = TimeSpan.FromMilliseconds(250),
            ReconcileAttempts = 3,
            ReconcileDelay = TimeSpan.FromMilliseconds(5),
            ResubmitsWhenNotAccepted = 2,
        };
        using var broker = new PostCounter(new AlpacaBroker(options));
        var tables = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;
        var ledger = new NullLedger();
        var events = new NullEvents();
        OrderManager NewManager(TimeSpan unresolvedAfter) => new(broker, tables, ledger, events, new OrderManagerOptions { AccountId = Account, ConfigPin = "bench", UnresolvedAfter = unresolvedAfter });
        await NewManager(TimeSpan.Zero).EnsureTablesAsync();
        context.Out.WriteLine($"  faults: 20% 5xx after accept, 10% 5xx before accept, 3% answer held 800 ms (client timeout 250 ms); every 10th submission killed after 0-40 ms; {Concurrency} in flight; Azurite tables; rate limit off");

        var kills = 0;
        var killDelay = new Random(3);
        var round1 = await RoundAsync(context, "round 1 (first submission)", NewManager(TimeSpan.FromSeconds(30)), async (m, i) =>
        {
            if (i % 10 != 0)
            {
                await m.SubmitAsync(Intent(i)).ConfigureAwait(false);
                return true;
            }

            int ms;
            lock (killDelay)
            {
                ms = killDelay.Next(0, 40);
            }

            using var kill = new CancellationTokenSource(TimeSpan.FromMilliseconds(ms));
            try
            {
                await m.SubmitAsync(Intent(i), cancellationToken: kill.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref kills);
                return false;
            }
        });

        var heldBefore = Held(host);
        var postsBefore = broker.Posts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var wiper = NewManager(TimeSpan.Zero);
        var wipedKeys = await wiper.Idempotency.DeleteAllAsync(Account);
        var wipedRecords = 0;
        for (var i = 0; i < Count; i += 7)
        {
            wipedRecords += await tables.DeleteAsync(wiper.Orders.Table, Account, Intent(i).ClientOrderId) ? 1 : 0;
        }

        await RoundAsync(context, "round 2 (replay after the power cut)", NewManager(TimeSpan.FromSeconds(30)), async (m, i) =>
        {
            await m.SubmitAsync(Intent(i)).ConfigureAwait(false);
            return true;
        });
        var repostedAlthoughHeld = heldBefore.Keys.Count(cid => broker.Posts.GetValueOrDefault(cid) != postsBefore.GetValueOrDefault(cid));

        var resolver = NewManager(TimeSpan.Zero);
        var sw = Stopwatch.StartNew();
        var polls = 0;
        PollReport poll;
        do
        {
            poll = await new OrderPoller(resolver).PollOnceAsync();
            polls++;
        }
        while ((poll.Resolved > 0 || poll.StillUnknown > 0 || poll.Updated > 0) && polls < 20);
        context.Report("poller passes until nothing was left to resolve", polls, "passes");
        context.Report("poller wall time", sw.Elapsed.TotalSeconds, "s");

        var postsBeforeRound3 = broker.TotalPosts;
        await RoundAsync(context, "round 3 (replay of settled decisions)", NewManager(TimeSpan.FromSeconds(30)), async (m, i) =>
        {
            await m.SubmitAsync(Intent(i)).ConfigureAwait(false);
            return true;
        });

        var held = Held(host);
        var duplicates = held.Values.Count(n => n > 1);
        var lost = 0;
        for (var i = 0; i < Count; i++)
        {
            lost += held.ContainsKey(Intent(i).ClientOrderId) ? 0 : 1;
        }

        var records = await resolver.Orders.ListAsync(Account);
        var unresolved = records.Count(s => s.Record.State is OrderState.Approved or OrderState.SubmissionUnknown);
        context.Report("order POST faults injected", host.Faults.OrderFaultsInjected, "faults");
        context.Report("submissions killed mid-flight", kills, "kills");
        context.Report("idempotency rows / order records wiped", wipedKeys + wipedRecords, $"rows ({wipedKeys} + {wipedRecords})");
        context.Report("order POSTs by the OMS", broker.TotalPosts, "posts");
        context.Report("POSTs for orders the exchange already held (round 2)", repostedAlthoughHeld, "posts");
        context.Report("POSTs by replays of settled decisions (round 3)", broker.TotalPosts - postsBeforeRound3, "posts");
        context.Report("orders held at the exchange", held.Values.Sum(), "orders");
        context.Report("client_order_ids held more than once (duplicates)", duplicates, "ids");
        context.Report("decisions without an order (lost)", lost, "decisions");
        context.Report("records left unresolved", unresolved, "records");
        context.Out.WriteLine($"  load average after: {Broker.BrokerBench.LoadAverage()}");
        if (duplicates != 0 || lost != 0 || unresolved != 0 || repostedAlthoughHeld != 0 || held.Values.Sum() != Count || round1 != Count - kills)
        {
            throw new InvalidOperationException("the order manager failed the idempotency drill: see the figures above");
        }
    }

    private static OrderIntent Intent(int i)
    {
        var n = i.ToString("D5", CultureInfo.InvariantCulture);
        return new OrderIntent("dec-" + n, "cid-" + n, "SPY", OrderSide.Buy, 1m, null, OrderType.Limit, TimeInForce.Ioc, 100.10m, false);
    }

    private static Dictionary<string, int> Held(Tessera.Exchange.ExchangeHost host) =>
        host.Venue.Read(v => v.Orders.GroupBy(o => o.ClientOrderId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    /// <summary>Runs every decision once with bounded concurrency; reports throughput and p50/p99 of completed submissions.</summary>
    private static async Task<int> RoundAsync(BenchContext context, string label, OrderManager manager, Func<OrderManager, int, Task<bool>> submit)
    {
        var latencies = new double[Count];
        var completed = new bool[Count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = new Task[Concurrency];
        for (var w = 0; w < Concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Count)
                {
                    var start = Stopwatch.GetTimestamp();
                    completed[i] = await submit(manager, i).ConfigureAwait(false);
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        wall.Stop();
        var done = new List<double>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (completed[i])
            {
                done.Add(latencies[i]);
            }
        }

        done.Sort();
        context.Report($"{label} throughput", Count / wall.Elapsed.TotalSeconds, "decisions/s");
        context.Report($"{label} p50 submit latency", done[done.Count / 2], "ms");
        context.Report($"{label} p99 submit latency", done[(int)(done.Count * 0.99)], "ms");
        return done.Count;
    }

    /// <summary>Counts the OMS's order POSTs per client order id on the way to the real broker client.</summary>
    private sealed class PostCounter(IBroker inner) : IBroker
    {
        public ConcurrentDictionary<string, int> Posts { get; } = new(StringComparer.Ordinal);

        public int TotalPosts => Posts.Values.Sum();

        public BrokerDescriptor Descriptor => inner.Descriptor;

        public Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default) => inner.GetAccountAsync(cancellationToken);

        public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default) => inner.GetPositionsAsync(cancellationToken);

        public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(OrderStatusFilter status, int limit, CancellationToken cancellationToken = default) => inner.GetOrdersAsync(status, limit, cancellationToken);

        public Task<BrokerOrder?> FindOrderAsync(string idOrClientOrderId, CancellationToken cancellationToken = default) => inner.FindOrderAsync(idOrClientOrderId, cancellationToken);

        public Task<BrokerOrder> SubmitOrderAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
        {
            Posts.AddOrUpdate(request.ClientOrderId ?? string.Empty, 1, (_, n) => n + 1);
            return inner.SubmitOrderAsync(request, cancellationToken);
        }

        public Task CancelOrderAsync(string orderId, CancellationToken cancellationToken = default) => inner.CancelOrderAsync(orderId, cancellationToken);

        public Task<BrokerOrder> ClosePositionAsync(Instrument instrument, CancellationToken cancellationToken = default) => inner.ClosePositionAsync(instrument, cancellationToken);

        public Task<MarketClock> GetClockAsync(CancellationToken cancellationToken = default) => inner.GetClockAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>The blob ledger is another helper's; the drill measures the order manager without it (entries dropped).</summary>
    private sealed class NullLedger : IAuditLedger
    {
        private long _index;

        public Task<LedgerBlock> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default) =>
            Task.FromResult(new LedgerBlock(Interlocked.Increment(ref _index), string.Empty, entry, string.Empty));
    }

    private sealed class NullEvents : ITradingEventPublisher
    {
        public void Publish(TradingEvent tradingEvent)
        {
        }
    }
}
