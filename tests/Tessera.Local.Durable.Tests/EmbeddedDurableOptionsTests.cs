using Xunit;

namespace Tessera.Local.Durable.Tests;

/// <summary>Settings the backend would reject late, or silently misbehave with, are rejected before anything starts.</summary>
public sealed class EmbeddedDurableOptionsTests
{
    public static TheoryData<EmbeddedDurableOptions> Invalid => new()
    {
        EmbeddedDurableOptions.ForTests with { TaskHubName = "1hub" },
        EmbeddedDurableOptions.ForTests with { TaskHubName = "ab" },
        EmbeddedDurableOptions.ForTests with { TaskHubName = "task-hub" },
        EmbeddedDurableOptions.ForTests with { TaskHubName = new string('a', 46) },
        EmbeddedDurableOptions.ForTests with { PartitionCount = 0 },
        EmbeddedDurableOptions.ForTests with { PartitionCount = 17 },
        EmbeddedDurableOptions.ForTests with { LeaseInterval = TimeSpan.FromSeconds(2), LeaseAcquireInterval = TimeSpan.FromSeconds(1) },
        EmbeddedDurableOptions.ForTests with { MaxQueuePollingInterval = TimeSpan.Zero },
        EmbeddedDurableOptions.ForTests with { MaxConcurrentActivities = 0 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_options_fail_the_start_without_touching_storage(EmbeddedDurableOptions options)
    {
        // Nothing listens on this port: a start that got as far as storage would fail differently, and slowly.
        await Assert.ThrowsAsync<ArgumentException>(() => EmbeddedDurableRuntime.StartAsync(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1",
            _ => { },
            options));
    }

    [Fact]
    public void The_presets_are_valid_and_the_local_default_is_the_preset_for_a_single_machine()
    {
        EmbeddedDurableOptions.Validate(EmbeddedDurableOptions.Local);
        EmbeddedDurableOptions.Validate(EmbeddedDurableOptions.ForTests);
        Assert.Equal(new EmbeddedDurableOptions(), EmbeddedDurableOptions.Local);
        Assert.True(EmbeddedDurableOptions.ForTests.LeaseInterval < EmbeddedDurableOptions.Local.LeaseInterval);
    }
}
