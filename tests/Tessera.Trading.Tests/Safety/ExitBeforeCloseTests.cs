using Tessera.Core.Errors;
using Tessera.Core.Markets;
using Tessera.Trading.Safety;
using Xunit;

namespace Tessera.Trading.Tests.Safety;

public sealed class ExitBeforeCloseTests
{
    private static DateTimeOffset NewYork(int y, int m, int d, int h, int min) => UsEastern.At(new DateOnly(y, m, d), new TimeOnly(h, min));

    [Fact]
    public void Due_from_N_minutes_before_the_close_until_the_close()
    {
        Assert.False(ExitBeforeClose.IsDue(NewYork(2024, 3, 13, 15, 44), 15));
        Assert.True(ExitBeforeClose.IsDue(NewYork(2024, 3, 13, 15, 45), 15));
        Assert.True(ExitBeforeClose.IsDue(NewYork(2024, 3, 13, 15, 59), 15));
        Assert.False(ExitBeforeClose.IsDue(NewYork(2024, 3, 13, 16, 0), 15));
    }

    [Fact]
    public void An_early_close_moves_the_window()
    {
        // The day after Thanksgiving 2024 closes at 13:00 New York.
        Assert.True(ExitBeforeClose.IsDue(NewYork(2024, 11, 29, 12, 45), 15));
        Assert.False(ExitBeforeClose.IsDue(NewYork(2024, 11, 29, 12, 44), 15));
        Assert.False(ExitBeforeClose.IsDue(NewYork(2024, 11, 29, 15, 50), 15));
    }

    [Fact]
    public void Never_due_on_a_holiday_or_a_weekend()
    {
        Assert.False(ExitBeforeClose.IsDue(NewYork(2024, 12, 25, 15, 50), 15));
        Assert.False(ExitBeforeClose.IsDue(NewYork(2024, 3, 16, 15, 50), 15));
    }

    [Fact]
    public void A_window_outside_one_to_390_minutes_is_a_typed_error()
    {
        Assert.Throws<TesseraValidationException>(() => ExitBeforeClose.IsDue(NewYork(2024, 3, 13, 15, 50), 0));
        Assert.Throws<TesseraValidationException>(() => ExitBeforeClose.IsDue(NewYork(2024, 3, 13, 15, 50), 391));
    }
}
