using Tessera.Core.Fundamentals;
using Xunit;

namespace Tessera.Core.Tests.Fundamentals;

public sealed class WeeklyDataAuditTests
{
    private static TickerRejection R(string t, RejectionCategory c = RejectionCategory.MissingFact) => new(t, c, "f", "r");

    private static WeekOfRejections Week(int day, params TickerRejection[] r) => new(new DateOnly(2024, 1, day), r);

    [Fact]
    public void Escalates_above_ten_percent_of_the_universe_only()
    {
        var ten = WeeklyDataAudit.Run([Week(15, [.. Enumerable.Range(0, 5).Select(i => R("T" + i))])], 50, new HashSet<string>());
        Assert.Equal(0.10, ten.RejectedShare, 12);
        Assert.False(ten.Escalate); // exactly 10 %: not above
        var eleven = WeeklyDataAudit.Run([Week(15, [.. Enumerable.Range(0, 6).Select(i => R("T" + i))])], 50, new HashSet<string>());
        Assert.True(eleven.Escalate);
    }

    [Fact]
    public void Counts_by_category_and_finds_tickers_rejected_three_weeks_running()
    {
        var report = WeeklyDataAudit.Run(
            [Week(1, R("A"), R("B")), Week(8, R("A"), R("C")), Week(15, R("A", RejectionCategory.NonFinite), R("B"), R("C"))],
            100,
            new HashSet<string>());
        Assert.Equal(["A"], report.PersistentTickers);
        Assert.Equal(1, report.CountsByCategory[RejectionCategory.NonFinite]);
        Assert.Equal(2, report.CountsByCategory[RejectionCategory.MissingFact]);
        Assert.Equal(3, report.RejectedTickers);
    }

    [Fact]
    public void Known_exclusions_are_reported_apart_and_never_escalate()
    {
        var report = WeeklyDataAudit.Run([Week(1, R("HOLDCO")), Week(8, R("HOLDCO")), Week(15, R("HOLDCO"))], 5, new HashSet<string> { "HOLDCO" });
        Assert.False(report.Escalate);
        Assert.Empty(report.PersistentTickers);
        Assert.Equal(["HOLDCO"], report.KnownExclusionsSeen);
    }
}
