using Tessera.Core.Errors;
using Tessera.Storage;
using Tessera.Trading.Safety;
using Tessera.Testing;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

[Collection(AzuriteCollection.Name)]
public sealed class EquityHistoryStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Open = new(2024, 3, 13, 13, 30, 0, TimeSpan.Zero);

    private EquityHistoryStore NewStore() => new(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables);

    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public void A_time_falls_in_the_utc_minute_that_contains_it()
    {
        Assert.Equal(new DateTimeOffset(2024, 3, 13, 13, 30, 0, TimeSpan.Zero), EquityHistoryStore.Bucket(new DateTimeOffset(2024, 3, 13, 9, 30, 59, 999, TimeSpan.FromHours(-4))));
        Assert.Equal(new DateTimeOffset(2024, 3, 13, 13, 31, 0, TimeSpan.Zero), EquityHistoryStore.Bucket(Open.AddMinutes(1)));
    }

    [Fact]
    public async Task One_point_a_minute_is_kept_and_the_first_poll_of_the_minute_wins_across_processes()
    {
        var account = NewAccount();
        var host = NewStore();
        var streamService = NewStore(); // a second process polling the same account
        Assert.True(await host.RecordAsync(account, Open.AddSeconds(2), 100_000.25m));
        Assert.False(await host.RecordAsync(account, Open.AddSeconds(12), 99_000m)); // same minute, same process: not even sent
        Assert.False(await streamService.RecordAsync(account, Open.AddSeconds(40), 98_000m)); // same minute, other process: conflict, first stands
        Assert.True(await streamService.RecordAsync(account, Open.AddSeconds(61), 100_100.5m));
        Assert.True(await host.RecordAsync(account, Open.AddMinutes(5), 100_050m));

        var points = await NewStore().RecentAsync(account, Open.AddMinutes(10), days: 1);
        Assert.Equal(
            [new EquityPoint(Open, 100_000.25m), new EquityPoint(Open.AddMinutes(1), 100_100.5m), new EquityPoint(Open.AddMinutes(5), 100_050m)],
            points);
    }

    [Fact]
    public async Task A_range_holds_the_days_up_to_now_and_nothing_after_it()
    {
        var account = NewAccount();
        var store = NewStore();
        await store.RecordAsync(account, Open.AddDays(-3), 90m);
        await store.RecordAsync(account, Open.AddDays(-1), 95m);
        await store.RecordAsync(account, Open, 100m);
        await store.RecordAsync(account, Open.AddMinutes(1), 101m); // after "now" below

        var lastTwoDays = await store.RecentAsync(account, Open, days: 2);
        Assert.Equal([95m, 100m], lastTwoDays.Select(p => p.Equity));
        var lastFive = await store.RecentAsync(account, Open, days: 5);
        Assert.Equal([90m, 95m, 100m], lastFive.Select(p => p.Equity));
        Assert.Empty(await store.RecentAsync(NewAccount(), Open, days: 5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(-1)]
    public async Task A_range_outside_one_to_thirty_one_days_is_refused_naming_days(int days)
    {
        var e = await Assert.ThrowsAsync<TesseraValidationException>(() => NewStore().RecentAsync(NewAccount(), Open, days));
        Assert.Equal("days", e.Field);
        Assert.Contains("between 1 and 31", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_account_id_is_refused_before_any_request()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => NewStore().RecordAsync("acct/../x", Open, 1m));
    }
}
