using System.Collections.Concurrent;

namespace Tessera.Durable.Tests.TestSupport;

/// <summary>Small orchestrations and activities shared by the engine tests; each instance owns its counters.</summary>
public sealed class TestWorkflows
{
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public int MaxConcurrent => _maxConcurrent;

    public int GateLimit { get; init; } = 3;

    private readonly TaskCompletionSource _gateFull = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _current;
    private int _maxConcurrent;

    public int CallsOf(string key) => Calls.TryGetValue(key, out var n) ? n : 0;

    public DurableRegistry Register(DurableRegistry? registry = null)
    {
        registry ??= new DurableRegistry();
        registry
            .AddActivity<int, int>("Add1", (x, _) =>
            {
                Calls.AddOrUpdate("Add1:" + x, 1, (_, v) => v + 1);
                return Task.FromResult(x + 1);
            })
            .AddActivity<int, int>("Double", (x, _) => Task.FromResult(x * 2))
            .AddActivity<int, int>("Gate", GateAsync)
            .AddActivity<string, string>("Flaky", (key, _) =>
            {
                var n = Calls.AddOrUpdate(key, 1, (_, v) => v + 1);
                return n < 3 ? throw new InvalidOperationException($"flaky failure {n}") : Task.FromResult($"ok after {n}");
            })
            .AddActivity<string, string>("AlwaysFails", (key, _) =>
            {
                Calls.AddOrUpdate(key, 1, (_, v) => v + 1);
                throw new InvalidOperationException("always fails: " + key);
            })
            .AddActivity<int, string>("Big", (n, _) => Task.FromResult(new string('x', n)))
            .AddActivity<string, int>("Length", (s, _) => Task.FromResult(s.Length))
            .AddOrchestrator<int, int>("Sequence", async (ctx, x) =>
            {
                var a = await ctx.CallActivityAsync<int>("Add1", x);
                var b = await ctx.CallActivityAsync<int>("Double", a);
                return await ctx.CallActivityAsync<int>("Add1", b);
            })
            .AddOrchestrator<int, long>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Gate", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum(r => (long)r);
            })
            .AddOrchestrator<string, string>("Retry", (ctx, key) =>
                ctx.CallActivityAsync<string>("Flaky", key, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(20), 2.0))))
            .AddOrchestrator<string, string>("RetryExhausted", (ctx, key) =>
                ctx.CallActivityAsync<string>("AlwaysFails", key, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(10)))))
            .AddOrchestrator<string, string>("Fails", (ctx, key) => ctx.CallActivityAsync<string>("AlwaysFails", key))
            .AddOrchestrator<string, string>("RetryOnlyTransient", (ctx, key) =>
                ctx.CallActivityAsync<string>("AlwaysFails", key, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(10))
                {
                    Handle = failure => !failure.IsCausedBy<InvalidOperationException>(),
                })))
            .AddOrchestrator<string>("Throws", _ => throw new FormatException("orchestrator refuses"))
            .AddOrchestrator<int, int>("Child", async (ctx, x) => await ctx.CallActivityAsync<int>("Add1", x))
            .AddOrchestrator<int, int>("Parent", async (ctx, x) =>
                10 * await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(InstanceId: ctx.InstanceId + "-child")))
            .AddOrchestrator<string, string>("ParentOfFailure", async (ctx, key) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Fails", key);
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}: {ex.FailureDetails.ErrorType} / {ex.FailureDetails.InnerFailure?.ErrorMessage}";
                }
            })
            .AddOrchestrator<int, double>("Timer", async (ctx, ms) =>
            {
                var start = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(start.AddMilliseconds(ms), CancellationToken.None);
                return (ctx.CurrentUtcDateTime - start).TotalMilliseconds;
            })
            .AddOrchestrator<int, string>("Approval", async (ctx, timeoutMs) =>
            {
                ctx.SetCustomStatus(new { stage = "waiting" });
                try
                {
                    var who = await ctx.WaitForExternalEvent<string>("approve", timeoutMs < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeoutMs));
                    ctx.SetCustomStatus(new { stage = "approved" });
                    return "approved:" + who;
                }
                catch (TaskCanceledException)
                {
                    return "timeout";
                }
            })
            .AddOrchestrator<int, string>("HugeStatus", (ctx, n) =>
            {
                try
                {
                    ctx.SetCustomStatus(new string('s', n));
                    return Task.FromResult("accepted");
                }
                catch (CustomStatusTooLargeException ex)
                {
                    return Task.FromResult("rejected " + ex.Bytes);
                }
            })
            .AddOrchestrator<string, string>("ParentRetriesChild", async (ctx, key) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Fails", key, new SubOrchestrationOptions(Retry: new RetryPolicy(2, TimeSpan.FromMilliseconds(10))));
                }
                catch (TaskFailedException ex)
                {
                    return "gave up: " + ex.FailureDetails.InnerFailure?.ErrorMessage;
                }
            })
            .AddOrchestrator<string>("CallsUnknownActivity", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("NoSuchActivity");
                }
                catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<UnknownOrchestrationNameException>())
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            })
            .AddOrchestrator<int>("AwaitsDelay", async _ =>
            {
#pragma warning disable MA0040 // deliberately wrong orchestrator code: a non-durable wait
                await Task.Delay(10);
#pragma warning restore MA0040
                return 1;
            })
            .AddOrchestrator<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Add1", n);
                if (next < 4)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            })
            .AddOrchestrator<int, int>("Accumulate", async (ctx, total) =>
            {
                var x = await ctx.WaitForExternalEvent<int>("add");
                if (x == 0)
                {
                    return total;
                }

                ctx.ContinueAsNew(total + x);
                return -1;
            })
            .AddOrchestrator<int, int>("BigPayloads", async (ctx, n) =>
            {
                var big = await ctx.CallActivityAsync<string>("Big", n);
                return await ctx.CallActivityAsync<int>("Length", big);
            });
        return registry;
    }

    private async Task<int> GateAsync(int i, ActivityContext context)
    {
        var now = Interlocked.Increment(ref _current);
        InterlockedMax(ref _maxConcurrent, now);
        if (now >= GateLimit)
        {
            _gateFull.TrySetResult();
        }

        try
        {
            // Every activity waits until the limit was reached once: the engine must run GateLimit at a time.
            await _gateFull.Task.WaitAsync(TimeSpan.FromSeconds(30), context.CancellationToken);
            return i * i;
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
