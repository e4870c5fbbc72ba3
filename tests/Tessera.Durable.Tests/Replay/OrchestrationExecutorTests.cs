using Microsoft.Extensions.Logging;
using Tessera.Durable.Tests.TestSupport;
using Xunit;
using static Tessera.Durable.Tests.TestSupport.Histories;

namespace Tessera.Durable.Tests.Replay;

public sealed class OrchestrationExecutorTests
{
    [Theory]
    [InlineData(true, "timer")]
    [InlineData(false, "activity")]
    public void When_any_picks_the_winner_recorded_in_history_order(bool timerFirst, string expected)
    {
        var registry = new DurableRegistry().AddOrchestrator<string>("Race", async ctx =>
        {
            var activity = ctx.CallActivityAsync<string>("Slow");
            var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
            return await Task.WhenAny(activity, timer) == activity ? "activity" : "timer";
        });
        HistoryEvent[] outcomes = timerFirst ? [TimerFired(1, 1000), Completed(0, "\"x\"", 1500)] : [Completed(0, "\"x\"", 500), TimerFired(1, 1000)];
        var history = Of([Started("Race"), Scheduled(0, "Slow"), TimerCreated(1, 1000), .. outcomes]);

        var executor = Replay(registry, history);

        Assert.Null(executor.Fatal);
        Assert.True(executor.IsCompleted);
        Assert.Equal($"\"{expected}\"", executor.Result().Output);
    }

    [Fact]
    public void Clock_is_the_timestamp_of_the_event_being_processed()
    {
        var registry = new DurableRegistry().AddOrchestrator<List<DateTime>>("Clock", async ctx =>
        {
            var seen = new List<DateTime> { ctx.CurrentUtcDateTime };
            await ctx.CallActivityAsync("A");
            seen.Add(ctx.CurrentUtcDateTime);
            await ctx.CallActivityAsync("A");
            seen.Add(ctx.CurrentUtcDateTime);
            return seen;
        });
        var history = Of(Started("Clock"), Scheduled(0, "A"), Completed(0, null, 250), Scheduled(1, "A", 250), Completed(1, null, 900));

        var executor = Replay(registry, history);

        var seen = System.Text.Json.JsonSerializer.Deserialize<List<DateTime>>(executor.Result().Output!);
        Assert.Equal([T0, T0.AddMilliseconds(250), T0.AddMilliseconds(900)], seen);
    }

    [Fact]
    public void Replay_safe_logger_is_silent_while_replaying_and_writes_afterwards()
    {
        var sink = new CapturingLoggerFactory();
        var registry = new DurableRegistry().AddOrchestrator<int>("Logged", async ctx =>
        {
            var log = ctx.CreateReplaySafeLogger("test");
            log.LogInformation("before first");
            await ctx.CallActivityAsync("A");
            log.LogInformation("before second");
            await ctx.CallActivityAsync("A");
            log.LogInformation("done");
            return 0;
        });
        var history = Of(Started("Logged"), Scheduled(0, "A"), Completed(0, null, 10));
        var executor = new OrchestrationExecutor("i", registry.GetOrchestrator("Logged"), registry.Json, sink, history);

        executor.Begin(history[0]);
        executor.Deliver(history[2]);
        Assert.Empty(sink.Lines); // both lines so far were already logged by the original execution
        executor.EndReplay();
        Assert.Single(executor.TakeNewActions()); // task #1 is new work
        executor.Deliver(Completed(1, null, 20) with { Sequence = 4 });

        Assert.Equal(["done"], sink.Lines);
        Assert.True(executor.IsCompleted);
    }

    [Fact]
    public void A_completion_for_a_task_the_code_never_scheduled_is_non_deterministic()
    {
        var registry = new DurableRegistry().AddOrchestrator<int>("Waits", async ctx => await ctx.WaitForExternalEvent<int>("x"));
        var history = Of(Started("Waits"), Completed(7, "1", 10));

        var executor = Replay(registry, history);

        var ex = Assert.IsType<NonDeterministicOrchestrationException>(executor.Fatal);
        Assert.Equal(7, ex.TaskId);
    }

    [Fact]
    public void Events_raised_before_the_wait_are_buffered_and_delivered_in_order()
    {
        var registry = new DurableRegistry().AddOrchestrator<string>("Events", async ctx =>
        {
            await ctx.CallActivityAsync("A");
            var first = await ctx.WaitForExternalEvent<string>("e");
            var second = await ctx.WaitForExternalEvent<string>("E");
            return first + second;
        });
        var history = Of(
            Started("Events"),
            Scheduled(0, "A"),
            new HistoryEvent(0, HistoryEventType.EventRaised, T0.AddMilliseconds(5), "e", -1, "\"x\""),
            new HistoryEvent(0, HistoryEventType.EventRaised, T0.AddMilliseconds(6), "e", -1, "\"y\""),
            Completed(0, null, 10));

        Assert.Equal("\"xy\"", Replay(registry, history).Result().Output);
    }

    private static OrchestrationExecutor Replay(DurableRegistry registry, IReadOnlyList<HistoryEvent> history)
    {
        var executor = new OrchestrationExecutor("i", registry.GetOrchestrator(history[0].Name!), registry.Json, null, history);
        executor.Begin(history[0]);
        foreach (var e in history.Where(e => e.IsInbound))
        {
            executor.Deliver(e);
        }

        executor.EndReplay();
        return executor;
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        public List<string> Lines { get; } = [];

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
