using Tessera.Core.Errors;
using Tessera.Core.Markets;
using Tessera.Trading.Scan;
using Xunit;

namespace Tessera.Trading.Tests.Scan;

public sealed class ScanSlotsTests
{
    private static readonly TimeOnly[] Slots = ScanSlots.Parse(["15:55", "09:35", "10:30"]);
    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(20);

    private static DateTimeOffset NewYork(int y, int m, int d, int h, int min) => UsEastern.At(new DateOnly(y, m, d), new TimeOnly(h, min));

    [Fact]
    public void Slots_are_sorted_and_named_by_day_and_time()
    {
        Assert.Equal([new TimeOnly(9, 35), new TimeOnly(10, 30), new TimeOnly(15, 55)], Slots);
        var due = ScanSlots.Due(NewYork(2024, 3, 13, 9, 35), Slots, Lateness);
        Assert.Equal("20240313-0935", due!.Id);
    }

    [Fact]
    public void Due_from_the_slot_until_the_lateness_limit()
    {
        Assert.Null(ScanSlots.Due(NewYork(2024, 3, 13, 9, 34), Slots, Lateness));
        Assert.Equal(new TimeOnly(9, 35), ScanSlots.Due(NewYork(2024, 3, 13, 9, 55), Slots, Lateness)!.Time);
        Assert.Null(ScanSlots.Due(NewYork(2024, 3, 13, 9, 56), Slots, Lateness));
        Assert.Equal(new TimeOnly(10, 30), ScanSlots.Due(NewYork(2024, 3, 13, 10, 40), Slots, Lateness)!.Time);
    }

    [Fact]
    public void New_York_time_holds_across_daylight_saving()
    {
        // 09:35 New York is 14:35 UTC in winter (EST) and 13:35 UTC in summer (EDT).
        Assert.Equal(new DateTimeOffset(2024, 1, 10, 14, 35, 0, TimeSpan.Zero), ScanSlots.Due(new DateTimeOffset(2024, 1, 10, 14, 36, 0, TimeSpan.Zero), Slots, Lateness)!.At);
        Assert.Equal(new DateTimeOffset(2024, 7, 10, 13, 35, 0, TimeSpan.Zero), ScanSlots.Due(new DateTimeOffset(2024, 7, 10, 13, 36, 0, TimeSpan.Zero), Slots, Lateness)!.At);
    }

    [Fact]
    public void No_slot_on_holidays_weekends_or_after_an_early_close()
    {
        Assert.Null(ScanSlots.Due(NewYork(2024, 12, 25, 9, 40), Slots, Lateness));
        Assert.Null(ScanSlots.Due(NewYork(2024, 3, 16, 9, 40), Slots, Lateness));
        // 2024-11-29 closes at 13:00: the 15:55 slot does not exist that day.
        Assert.Null(ScanSlots.Due(NewYork(2024, 11, 29, 15, 56), Slots, Lateness));
        Assert.NotNull(ScanSlots.Due(NewYork(2024, 11, 29, 10, 31), Slots, Lateness));
    }

    [Theory]
    [InlineData("9:35")]
    [InlineData("25:00")]
    [InlineData("09:35:00")]
    [InlineData("")]
    public void Bad_times_are_typed_errors_naming_the_entry(string time)
    {
        var e = Assert.Throws<TesseraValidationException>(() => ScanSlots.Parse(["09:35", time]));
        Assert.Contains("scan.times[1]", e.Message, StringComparison.Ordinal);
    }
}
