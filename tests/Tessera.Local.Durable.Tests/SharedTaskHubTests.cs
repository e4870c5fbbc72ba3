using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Local.Durable.Tests;

/// <summary>Several runtimes (processes, in production) on one task hub share the work through the backend.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedTaskHubTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task An_activity_running_longer_than_its_message_visibility_runs_once_while_another_runtime_polls_the_same_hub()
    {
        await using var kit = new DurableTestKit(azurite, output);
        var counter = new AttemptCounter();
        void Shared(IServiceCollection services) => services.AddSingleton(counter);

        // A 2 s lock on a 5 s activity: unless the running runtime renews the lock, the message becomes visible again
        // and the other runtime (or this one) picks it up a second time.
        var options = EmbeddedDurableOptions.ForTests with { WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(2) };
        await using var first = await kit.StartAsync(Shared, options);
        await using var second = await kit.StartAsync(Shared, options);
        var input = new SlowInput(Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(5));

        var result = await kit.RunAsync(first.Client, "Slow", input);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("done in attempt 1", result.ReadOutputAs<string>());
        Assert.Equal(1, counter.Get(input.Key));
        Assert.DoesNotContain(kit.Log.Lines, line => line.Contains("multiple times", StringComparison.Ordinal));
    }
}
