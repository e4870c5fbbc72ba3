using Tessera.Durable.Local;
using Tessera.Storage;
using Tessera.Storage.Tables;
using Tessera.Testing;

namespace Tessera.Durable.Tests.TestSupport;

/// <summary>Engines on the collection's Azurite, each test in its own task hub (fresh tables).</summary>
public static class DurableHarness
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static string NewHub() => "T" + Guid.NewGuid().ToString("N")[..20];

    public static ITableStore Tables(AzuriteFixture azurite) => StorageAccount.FromConnectionString(azurite.ConnectionString).Tables;

    public static async Task<DurableEngine> StartAsync(ITableStore tables, DurableRegistry registry, string hub, int maxConcurrentActivities = 4, TimeSpan? shutdownTimeout = null)
    {
        var engine = new DurableEngine(tables, registry, new DurableEngineOptions
        {
            TaskHubName = hub,
            MaxConcurrentActivities = maxConcurrentActivities,
            ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(5),
        });
        await engine.StartAsync();
        return engine;
    }

    public static async Task<OrchestrationMetadata> RunToEndAsync(this DurableEngine engine, string name, object? input = null, string? id = null)
    {
        var instanceId = await engine.ScheduleNewOrchestrationInstanceAsync(name, input, id);
        using var cts = new CancellationTokenSource(Patience);
        return await engine.WaitForInstanceCompletionAsync(instanceId, cts.Token);
    }

    /// <summary>Polls until the condition holds (for crash points defined by persisted state, not by time).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("gave up waiting for " + what);
            }

            await Task.Delay(20);
        }
    }
}
