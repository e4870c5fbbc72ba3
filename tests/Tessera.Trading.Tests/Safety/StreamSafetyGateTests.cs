using Tessera.Trading.Safety;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

/// <summary>SOP-01 across processes: the stream service's status row blocks scans' submissions while it is fresh and says so.</summary>
public sealed class StreamSafetyGateTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 13, 15, 0, 0, TimeSpan.Zero);

    private static StreamStatusRow Row(bool allowed, TimeSpan age) => new() { PartitionKey = "acct", At = Now - age, SubmissionsAllowed = allowed, SafetyMode = allowed ? "Normal" : "Active" };

    [Fact]
    public void A_fresh_row_that_disallows_submissions_blocks_up_to_60_seconds_old_and_not_after()
    {
        Assert.True(StreamSafetyGate.Blocks(Row(false, TimeSpan.FromSeconds(5)), Now));
        Assert.True(StreamSafetyGate.Blocks(Row(false, TimeSpan.FromSeconds(60)), Now));
        Assert.False(StreamSafetyGate.Blocks(Row(false, TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(1)), Now));
    }

    [Fact]
    public void No_row_or_a_row_that_allows_submissions_blocks_nothing()
    {
        Assert.False(StreamSafetyGate.Blocks(null, Now));
        Assert.False(StreamSafetyGate.Blocks(Row(true, TimeSpan.FromSeconds(1)), Now));
    }

    [Fact]
    public void A_row_stamped_far_in_the_future_is_not_trusted()
    {
        Assert.False(StreamSafetyGate.Blocks(Row(false, -TimeSpan.FromMinutes(5)), Now));
    }
}
