using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Tessera.Local.Durable.Tests;

/// <summary>The orchestrators and activities the tests run: one of each durable pattern the platform relies on.</summary>
public static class TestWorkflows
{
    public const string WaitingStatus = "waiting";

    public static void AddServices(IServiceCollection services) => services.AddSingleton<AttemptCounter>();

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<string, string>("Append", (_, text) => text + "!");
        registry.AddOrchestratorFunc<string, string>("Sequence", async (context, text) =>
        {
            var once = await context.CallActivityAsync<string>("Append", text);
            var twice = await context.CallActivityAsync<string>("Append", once);
            return await context.CallActivityAsync<string>("Append", twice);
        });

        registry.AddActivityFunc<int, int>("Square", (_, x) => x * x);
        registry.AddOrchestratorFunc<int, int>("FanOut", async (context, count) =>
        {
            var squares = await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>("Square", i)));
            return squares.Sum();
        });

        registry.AddOrchestratorFunc<string>("Timer", async context =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
            return "fired";
        });

        // Waits for "go" first, then for "approval" with a timeout: an approval raised before "go" arrives before its wait.
        registry.AddOrchestratorFunc<int, string>("Approval", async (context, timeoutSeconds) =>
        {
            context.SetCustomStatus(WaitingStatus);
            await context.WaitForExternalEvent<string>("go");
            try
            {
                var approval = await context.WaitForExternalEvent<string>("approval", TimeSpan.FromSeconds(timeoutSeconds));
                return "approved by " + approval;
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });

        registry.AddOrchestratorFunc<string, string>("Parent", async (context, childId) =>
        {
            var child = await context.CallSubOrchestratorAsync<string>("Child", "parent", new SubOrchestrationOptions(instanceId: childId));
            return "parent got: " + child;
        });
        registry.AddOrchestratorFunc<string, string>("Child", async (context, from) =>
            await context.CallActivityAsync<string>("Append", "child of " + from));

        registry.AddOrchestratorFunc<int, int>("Counter", (context, count) =>
        {
            if (count < 3)
            {
                context.ContinueAsNew(count + 1);
            }

            return Task.FromResult(count);
        });

        registry.AddActivity<SlowActivity>();
        registry.AddOrchestratorFunc<SlowInput, string>("Slow", async (context, input) =>
            await context.CallActivityAsync<string>(nameof(SlowActivity), input));

        registry.AddActivity<FlakyActivity>();
        registry.AddOrchestratorFunc<FlakyInput, string>("Flaky", async (context, input) =>
        {
            // Bad input is not worth retrying; anything else is assumed transient.
            var retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(100))
            {
                HandleFailure = failure => !failure.IsCausedBy<ArgumentException>(),
            };
            return await context.CallActivityAsync<string>(nameof(FlakyActivity), input, TaskOptions.FromRetryPolicy(retry));
        });

        registry.AddOrchestratorFunc<string, string>("WaitForGo", async (context, _) =>
        {
            var step = await context.CallActivityAsync<string>("Append", "before restart");
            context.SetCustomStatus(WaitingStatus);
            var go = await context.WaitForExternalEvent<string>("go");
            return step + " / " + go;
        });
    }
}

/// <param name="Key">unique per test, counts the attempts</param>
/// <param name="Failure">"bad-input" throws <see cref="ArgumentException"/>, anything else <see cref="InvalidOperationException"/></param>
public sealed record FlakyInput(string Key, string Failure);

/// <summary>Counts activity attempts; a singleton in the worker host, so activities get it injected.</summary>
public sealed class AttemptCounter
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int Increment(string key) => _attempts.AddOrUpdate(key, 1, (_, count) => count + 1);

    public int Get(string key) => _attempts.GetValueOrDefault(key);
}

/// <param name="Key">unique per test, counts the attempts</param>
/// <param name="Duration">how long the activity runs</param>
/// <param name="FirstAttemptOnly">later attempts return at once (the first one was abandoned)</param>
public sealed record SlowInput(string Key, TimeSpan Duration, bool FirstAttemptOnly = false);

/// <summary>Counts the attempt, then takes its time.</summary>
public sealed class SlowActivity(AttemptCounter counter) : TaskActivity<SlowInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, SlowInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = counter.Increment(input.Key);
        if (attempt == 1 || !input.FirstAttemptOnly)
        {
            await Task.Delay(input.Duration);
        }

        return "done in attempt " + attempt;
    }
}

/// <summary>Always fails, after counting the attempt.</summary>
public sealed class FlakyActivity(AttemptCounter counter) : TaskActivity<FlakyInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, FlakyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        counter.Increment(input.Key);
        if (input.Failure == "bad-input")
        {
            throw new ArgumentException("The input is invalid.", nameof(input));
        }

        throw new InvalidOperationException("A transient failure.");
    }
}
