using Tessera.Core.Markets;
using Xunit;

namespace Tessera.Core.Tests.Markets;

public sealed class NyseCalendarTests
{
    [Theory]
    [InlineData("2013-01-01")] // New Year
    [InlineData("2013-01-21")] // Martin Luther King
    [InlineData("2013-02-18")] // Washington's Birthday
    [InlineData("2013-03-29")] // Good Friday
    [InlineData("2013-05-27")] // Memorial Day
    [InlineData("2013-07-04")] // Independence Day
    [InlineData("2013-09-02")] // Labor Day
    [InlineData("2013-11-28")] // Thanksgiving
    [InlineData("2013-12-25")] // Christmas
    [InlineData("2022-06-20")] // Juneteenth observed (the 19th was a Sunday)
    [InlineData("2021-12-24")] // Christmas observed on Friday
    [InlineData("2015-07-03")] // Independence Day observed on Friday
    [InlineData("2012-10-29")] // Hurricane Sandy
    [InlineData("2018-12-05")] // President Bush's funeral
    [InlineData("2025-01-09")] // President Carter's funeral
    [InlineData("2013-10-05")] // Saturday
    public void Closed_days(string date) => Assert.False(NyseCalendar.IsTradingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2013-10-14")] // Columbus Day: NYSE is open
    [InlineData("2013-11-11")] // Veterans Day: open
    [InlineData("2021-06-18")] // Juneteenth was not yet an NYSE holiday
    [InlineData("2021-12-31")] // New Year 2022 fell on a Saturday: Friday is not closed
    public void Open_days(string date) => Assert.True(NyseCalendar.IsTradingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2013-07-03", true)]
    [InlineData("2013-11-29", true)]
    [InlineData("2013-12-24", true)]
    [InlineData("2019-07-03", true)]
    [InlineData("2016-07-01", false)] // July 4 on a Monday: no early close on the Friday before
    [InlineData("2013-12-23", false)]
    public void Early_closes_at_13_00(string date, bool early)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(early, NyseCalendar.IsEarlyClose(d));
        if (early)
        {
            var s = NyseCalendar.Session(d)!;
            Assert.Equal(new TimeOnly(13, 0), TimeOnly.FromDateTime(UsEastern.ToLocal(s.Close).DateTime));
            Assert.Equal(new TimeOnly(17, 0), TimeOnly.FromDateTime(UsEastern.ToLocal(s.PostClose).DateTime));
        }
    }

    [Fact]
    public void Sessions_are_in_New_York_time_across_daylight_saving()
    {
        // 2013: daylight time until November 3.
        Assert.Equal(new DateTimeOffset(2013, 10, 7, 13, 30, 0, TimeSpan.Zero), NyseCalendar.Session(new DateOnly(2013, 10, 7))!.Open);
        Assert.Equal(new DateTimeOffset(2013, 11, 4, 14, 30, 0, TimeSpan.Zero), NyseCalendar.Session(new DateOnly(2013, 11, 4))!.Open);
        Assert.Equal(new DateTimeOffset(2006, 10, 30, 14, 30, 0, TimeSpan.Zero), NyseCalendar.Session(new DateOnly(2006, 10, 30))!.Open);
        Assert.Equal(TimeSpan.FromHours(-4), UsEastern.OffsetAt(new DateTimeOffset(2024, 3, 10, 7, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-5), UsEastern.OffsetAt(new DateTimeOffset(2024, 3, 10, 6, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Easter_is_computed_for_Good_Friday() =>
        Assert.Equal([new DateOnly(2013, 3, 31), new DateOnly(2019, 4, 21), new DateOnly(2024, 3, 31)], new[] { 2013, 2019, 2024 }.Select(NyseCalendar.Easter));

    [Fact]
    public void Settlement_moves_from_T_plus_2_to_T_plus_1_in_May_2024()
    {
        // Thursday the 23rd: Friday, then Memorial Day is skipped, so T+2 is Tuesday the 28th.
        Assert.Equal(new DateOnly(2024, 5, 28), NyseCalendar.SettlementDate(new DateOnly(2024, 5, 23)));
        Assert.Equal(new DateOnly(2024, 5, 29), NyseCalendar.SettlementDate(new DateOnly(2024, 5, 28)));
    }
}
