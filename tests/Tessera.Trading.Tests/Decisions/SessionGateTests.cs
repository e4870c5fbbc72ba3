using Tessera.Trading.Decisions;
using Xunit;
using static Tessera.Trading.Tests.Decisions.DecisionFixture;

namespace Tessera.Trading.Tests.Decisions;

/// <summary>Session gating from NyseCalendar: the regular session, the exit window (adds blocked, exits allowed), early closes.</summary>
public sealed class SessionGateTests
{
    private static MarketSnapshot FreshAt(DateTimeOffset t) => Market() with { QuoteTime = t };

    private static DecisionResult At(DateTimeOffset t, DecisionInput input, AccountSnapshot? account = null) =>
        Decide(Pipeline(), input, FreshAt(t), account, now: t);

    [Theory]
    [InlineData("2024-11-26T14:29:59Z", VetoCodes.MarketClosed)] // 09:29:59 New York (EST)
    [InlineData("2024-11-26T14:30:00Z", null)] // the open
    [InlineData("2024-11-26T20:54:59Z", null)] // 15:54:59: one second before the 5-minute window
    [InlineData("2024-11-26T20:55:00Z", VetoCodes.SessionExitWindow)] // 15:55:00: the window starts
    [InlineData("2024-11-26T20:59:59Z", VetoCodes.SessionExitWindow)]
    [InlineData("2024-11-26T21:00:00Z", VetoCodes.MarketClosed)] // the close
    [InlineData("2024-11-28T15:00:00Z", VetoCodes.MarketClosed)] // Thanksgiving
    [InlineData("2024-11-30T15:00:00Z", VetoCodes.MarketClosed)] // Saturday
    public void Adds_follow_the_regular_session_and_its_exit_window(string at, string? code)
    {
        var r = At(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Long());
        Assert.Equal(code, r.VetoCode);
    }

    [Theory]
    [InlineData("2024-11-29T17:54:59Z", null)] // 12:54:59 New York on the 13:00 early close
    [InlineData("2024-11-29T17:55:00Z", VetoCodes.SessionExitWindow)]
    [InlineData("2024-11-29T18:00:00Z", VetoCodes.MarketClosed)] // 13:00: closed early
    [InlineData("2024-11-29T20:00:00Z", VetoCodes.MarketClosed)] // 15:00: a normal day would be open
    public void Early_close_day_moves_the_window_and_the_close(string at, string? code)
    {
        var r = At(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Long());
        Assert.Equal(code, r.VetoCode);
    }

    [Theory]
    [InlineData("2024-11-26T20:55:00Z")]
    [InlineData("2024-11-26T20:59:59Z")]
    [InlineData("2024-11-29T17:59:59Z")]
    public void Exits_are_allowed_inside_the_exit_window(string at)
    {
        var r = At(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Exit(), Account(("AAPL", 4m)));
        Assert.Equal(DecisionOutcome.Approved, r.Outcome);
        Assert.True(r.Intent!.ReducesPosition);
    }

    [Fact]
    public void Exits_are_refused_once_the_market_is_closed()
    {
        var t = new DateTimeOffset(2024, 11, 29, 18, 0, 0, TimeSpan.Zero);
        Assert.Equal(VetoCodes.MarketClosed, At(t, Exit(), Account(("AAPL", 4m))).VetoCode);
    }

    [Fact]
    public void A_longer_window_from_the_profile_is_honoured()
    {
        var p = Pipeline("{session: {block_adds_last_minutes: 30, exit_before_close_minutes: 10}}");
        var t1 = new DateTimeOffset(2024, 11, 26, 20, 29, 59, TimeSpan.Zero);
        var t2 = new DateTimeOffset(2024, 11, 26, 20, 30, 0, TimeSpan.Zero);
        Assert.Equal(DecisionOutcome.Approved, Decide(p, Long(), FreshAt(t1), now: t1).Outcome);
        Assert.Equal(VetoCodes.SessionExitWindow, Decide(p, Long(), FreshAt(t2), now: t2).VetoCode);
    }
}
