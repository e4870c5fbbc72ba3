using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Testing;
using Xunit.Abstractions;

namespace Tessera.Local.Durable.Tests;

/// <summary>What every durable test needs: its own task hub, test-tuned options, a generous deadline and the test's log.</summary>
public sealed class DurableTestKit : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromMinutes(2));

    public DurableTestKit(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        (_loggerFactory, Log) = TestLogging.Create(output);
    }

    /// <summary>A fresh task hub: "t" + 12 hex digits (task hub names are 3-45 letters or digits starting with a letter).</summary>
    public string TaskHub { get; } = Tessera.Testing.TestTaskHub.New();

    public TestLogging Log { get; }

    /// <summary>Cancelled after two minutes, so a hang fails the test instead of blocking the run.</summary>
    public CancellationToken Timeout => _deadline.Token;

    public Task<EmbeddedDurableRuntime> StartAsync(Action<IServiceCollection>? services = null, EmbeddedDurableOptions? options = null) =>
        EmbeddedDurableRuntime.StartAsync(
            _azurite.ConnectionString,
            TestWorkflows.Register,
            (options ?? EmbeddedDurableOptions.ForTests) with { TaskHubName = TaskHub },
            _loggerFactory,
            services ?? TestWorkflows.AddServices,
            Timeout);

    public async Task<OrchestrationMetadata> RunAsync(DurableTaskClient client, string orchestrator, object? input, string? instanceId = null)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(
            orchestrator, input, new StartOrchestrationOptions(instanceId), Timeout);
        return await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Timeout);
    }

    /// <summary>Polls until the instance's custom status is <paramref name="status"/> (the orchestrator sets it as it starts to wait).</summary>
    public async Task WaitForCustomStatusAsync(DurableTaskClient client, string instanceId, string status)
    {
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, Timeout);
            if (instance?.ReadCustomStatusAs<string>() == status)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Timeout);
        }
    }

    public ValueTask DisposeAsync()
    {
        _deadline.Dispose();
        _loggerFactory.Dispose();
        return ValueTask.CompletedTask;
    }
}
