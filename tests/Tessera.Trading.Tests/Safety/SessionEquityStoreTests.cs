using Tessera.Storage;
using Tessera.Trading.Safety;
using Tessera.Testing;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

[Collection(AzuriteCollection.Name)]
public sealed class SessionEquityStoreTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2024, 3, 13);
    private static readonly DateTimeOffset Open = new(2024, 3, 13, 13, 30, 0, TimeSpan.Zero);

    private SessionEquityStore NewStore() => new(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables);

    [Fact]
    public async Task The_first_capture_of_a_session_wins_and_later_ones_read_it_back()
    {
        var account = "acct-" + Guid.NewGuid().ToString("N")[..12];
        var first = await NewStore().CaptureAsync(account, Day, Open, 100_000.25m, Open.AddSeconds(5));
        var second = await NewStore().CaptureAsync(account, Day, Open, 96_000m, Open.AddMinutes(40));
        Assert.Equal(100_000.25m, first.Equity);
        Assert.Equal(100_000.25m, second.Equity);
        Assert.False(second.CapturedLate);
        Assert.Equal(100_000.25m, (await NewStore().GetAsync(account, Day))!.Equity);
        Assert.Null(await NewStore().GetAsync(account, Day.AddDays(1)));
    }

    [Fact]
    public async Task A_capture_long_after_the_open_is_marked_late()
    {
        var account = "acct-" + Guid.NewGuid().ToString("N")[..12];
        var captured = await NewStore().CaptureAsync(account, Day, Open, 50_000m, Open.AddMinutes(90));
        Assert.True(captured.CapturedLate);
    }
}
