using Tessera.Core.Markets;
using Tessera.Trading.Safety;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

public sealed class ResumePolicyTests
{
    // 2024-03-13 14:00 New York (EDT, UTC-4) = 18:00 UTC; the New York trading day is 2024-03-13.
    private static readonly DateTimeOffset HaltTime = new(2024, 3, 13, 18, 0, 0, TimeSpan.Zero);

    private static TradingSwitchState BreakerHalt() =>
        TradingSwitchStore.Apply(TradingSwitchState.Running("acct"), new HaltRequest(HaltSource.CircuitBreaker, "drawdown", "circuit-breaker", HaltTime));

    [Fact]
    public void A_breaker_halt_records_the_New_York_trading_day()
    {
        Assert.Equal(new DateOnly(2024, 3, 13), BreakerHalt().HaltedTradingDay);

        // 23:30 New York on the 13th is 03:30 UTC on the 14th: still the 13th's trading day.
        var late = TradingSwitchStore.Apply(TradingSwitchState.Running("acct"), new HaltRequest(HaltSource.CircuitBreaker, "x", "cb", new DateTimeOffset(2024, 3, 14, 3, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2024, 3, 13), late.HaltedTradingDay);
    }

    [Fact]
    public void Same_day_resume_after_the_breaker_needs_an_approval_record()
    {
        var state = BreakerHalt();
        var refusal = ResumePolicy.Refusal(state, new ResumeRequest("looked fine", "ops", HaltTime.AddHours(1)));
        Assert.NotNull(refusal);
        Assert.Contains("SOP-02", refusal, StringComparison.Ordinal);

        Assert.NotNull(ResumePolicy.Refusal(state, new ResumeRequest("r", "ops", HaltTime.AddHours(1), Approver: "lead")));
        Assert.NotNull(ResumePolicy.Refusal(state, new ResumeRequest("r", "ops", HaltTime.AddHours(1), Approver: " ", ApprovalReason: "ok")));
        Assert.Null(ResumePolicy.Refusal(state, new ResumeRequest("r", "ops", HaltTime.AddHours(1), Approver: "lead", ApprovalReason: "liquidity normal")));
    }

    [Fact]
    public void The_next_trading_day_needs_only_a_reason()
    {
        var nextDay = UsEastern.At(new DateOnly(2024, 3, 14), new TimeOnly(9, 0));
        Assert.Null(ResumePolicy.Refusal(BreakerHalt(), new ResumeRequest("new day", "ops", nextDay)));
    }

    [Fact]
    public void A_manual_kill_switch_needs_only_a_reason_but_always_a_reason()
    {
        var state = TradingSwitchStore.Apply(TradingSwitchState.Running("acct"), new HaltRequest(HaltSource.Manual, "maintenance", "ops", HaltTime));
        Assert.True(state.KillSwitch);
        Assert.False(state.Halted);
        Assert.Null(ResumePolicy.Refusal(state, new ResumeRequest("done", "ops", HaltTime.AddMinutes(5))));
        Assert.NotNull(ResumePolicy.Refusal(state, new ResumeRequest(" ", "ops", HaltTime.AddMinutes(5))));
    }

    [Fact]
    public void A_manual_halt_on_top_of_a_breaker_halt_keeps_the_breaker_source_and_its_approval_rule()
    {
        var state = TradingSwitchStore.Apply(BreakerHalt(), new HaltRequest(HaltSource.Manual, "belt and braces", "ops", HaltTime.AddMinutes(1)));
        Assert.True(state.KillSwitch);
        Assert.True(state.Halted);
        Assert.Equal(HaltSource.CircuitBreaker, state.Source);
        Assert.NotNull(ResumePolicy.Refusal(state, new ResumeRequest("r", "ops", HaltTime.AddHours(1))));
    }

    [Fact]
    public void A_second_automatic_halt_keeps_the_first_halts_day()
    {
        var again = TradingSwitchStore.Apply(BreakerHalt(), new HaltRequest(HaltSource.SafetyMode, "ws", "stream", HaltTime.AddDays(1)));
        Assert.Equal(HaltSource.CircuitBreaker, again.Source);
        Assert.Equal(new DateOnly(2024, 3, 13), again.HaltedTradingDay);
    }
}
