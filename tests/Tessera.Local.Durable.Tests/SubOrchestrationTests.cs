using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Tessera.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Local.Durable.Tests;

/// <summary>
/// Pins <see cref="SidecarCompatibleOrchestrationService"/>: without its history fixes the child never starts (its start
/// message cannot be read back) and the parent cannot be reloaded, so this test times out.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubOrchestrationTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task A_sub_orchestration_with_an_explicit_instance_id_returns_its_output_to_the_parent()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var childId = "child-" + Guid.NewGuid().ToString("N");

        var parent = await kit.RunAsync(runtime.Client, "Parent", childId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
        Assert.Equal("parent got: child of parent!", parent.ReadOutputAs<string>());
        var child = await runtime.Client.GetInstanceAsync(childId, kit.Timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);

        // The parent's stored history holds the base event type, which the backend can read back.
        using var history = JsonDocument.Parse(await runtime.Backend.GetOrchestrationHistoryAsync(parent.InstanceId, null));
        Assert.Contains(
            history.RootElement.EnumerateArray(),
            e => e.GetProperty("EventType").GetInt32() == (int)EventType.SubOrchestrationInstanceCreated
                && e.GetProperty("InstanceId").GetString() == childId);
    }
}
