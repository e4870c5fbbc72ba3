using Microsoft.DurableTask.Client;
using Tessera.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Local.Durable.Tests;

/// <summary>The durable patterns, end to end: worker, sidecar and the Azure Storage backend on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrchestrationPatternTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task A_sequence_of_activities_completes_with_the_chained_output()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();

        var result = await kit.RunAsync(runtime.Client, "Sequence", "go");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("go!!!", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_fan_out_of_fifty_activities_joins_every_result()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();

        var result = await kit.RunAsync(runtime.Client, "FanOut", 50);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 50).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_durable_timer_fires()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();

        var result = await kit.RunAsync(runtime.Client, "Timer", null);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("fired", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_before_the_wait_is_delivered()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 60, kit.Timeout);

        // "approval" is raised while the orchestrator still waits for "go": it is buffered until its wait begins.
        await runtime.Client.RaiseEventAsync(id, "approval", "alice", kit.Timeout);
        await runtime.Client.RaiseEventAsync(id, "go", "now", kit.Timeout);
        var result = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, kit.Timeout);

        Assert.Equal("approved by alice", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_during_the_wait_is_delivered()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 60, kit.Timeout);
        await kit.WaitForCustomStatusAsync(runtime.Client, id, TestWorkflows.WaitingStatus);

        await runtime.Client.RaiseEventAsync(id, "go", "now", kit.Timeout);
        await runtime.Client.RaiseEventAsync(id, "approval", "bob", kit.Timeout);
        var result = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, kit.Timeout);

        Assert.Equal("approved by bob", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_wait_without_an_event_times_out_inside_the_orchestrator()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 1, kit.Timeout);

        await runtime.Client.RaiseEventAsync(id, "go", "now", kit.Timeout);
        var result = await runtime.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, kit.Timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Continue_as_new_three_times_completes_with_the_final_count()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();

        var result = await kit.RunAsync(runtime.Client, "Counter", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
    }
}
