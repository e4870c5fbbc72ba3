using Tessera.Core.Errors;
using Tessera.Storage;
using Tessera.Trading.Safety;
using Tessera.Testing;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

[Collection(AzuriteCollection.Name)]
public sealed class TradingSwitchStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2024, 3, 13, 18, 0, 0, TimeSpan.Zero);

    private TradingSwitchStore NewStore() => new(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables);

    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task An_account_nobody_halted_is_running()
    {
        var state = await NewStore().GetAsync(NewAccount());
        Assert.False(state.Stopped);
    }

    [Fact]
    public async Task Halt_and_resume_survive_a_new_store_instance()
    {
        var account = NewAccount();
        await NewStore().HaltAsync(account, new HaltRequest(HaltSource.Manual, "maintenance", "ops", At));
        var read = await NewStore().GetAsync(account);
        Assert.True(read.KillSwitch);
        Assert.Equal("maintenance", read.Reason);

        await NewStore().ResumeAsync(account, new ResumeRequest("done", "ops", At.AddMinutes(3)));
        Assert.False((await NewStore().GetAsync(account)).Stopped);
    }

    [Fact]
    public async Task A_refused_resume_changes_nothing()
    {
        var account = NewAccount();
        var store = NewStore();
        await store.HaltAsync(account, new HaltRequest(HaltSource.CircuitBreaker, "drawdown 3.1%", "circuit-breaker", At));
        var refused = await Assert.ThrowsAsync<ResumeRefusedException>(() => store.ResumeAsync(account, new ResumeRequest("try", "ops", At.AddMinutes(10))));
        Assert.Contains("SOP-02", refused.Rule, StringComparison.Ordinal);
        var after = await store.GetAsync(account);
        Assert.True(after.Halted);
        Assert.Equal("drawdown 3.1%", after.Reason);

        await store.ResumeAsync(account, new ResumeRequest("reviewed", "ops", At.AddMinutes(20), "lead", "gap open, liquidity back"));
        Assert.False((await store.GetAsync(account)).Stopped);
    }

    [Fact]
    public async Task Concurrent_halts_and_resumes_never_lose_the_last_halt()
    {
        var account = NewAccount();
        var stores = Enumerable.Range(0, 6).Select(_ => NewStore()).ToArray();
        await Task.WhenAll(stores.Select((s, i) => i % 2 == 0
            ? s.HaltAsync(account, new HaltRequest(HaltSource.Manual, "h" + i, "ops", At))
            : s.ResumeAsync(account, new ResumeRequest("r" + i, "ops", At))));
        await NewStore().HaltAsync(account, new HaltRequest(HaltSource.Manual, "final", "ops", At));
        var state = await NewStore().GetAsync(account);
        Assert.True(state.KillSwitch);
        Assert.Equal("final", state.Reason);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a#b")]
    [InlineData("")]
    public async Task Hostile_account_ids_are_typed_errors(string account)
    {
        await Assert.ThrowsAsync<TesseraValidationException>(() => NewStore().GetAsync(account));
    }

    [Fact]
    public async Task A_halt_without_a_reason_is_a_typed_error()
    {
        var e = await Assert.ThrowsAsync<TesseraValidationException>(() => NewStore().HaltAsync(NewAccount(), new HaltRequest(HaltSource.Manual, " ", "ops", At)));
        Assert.Contains("reason", e.Message, StringComparison.Ordinal);
    }
}
