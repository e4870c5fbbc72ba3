using Tessera.Core.Data.Synthetic;
using Xunit;

namespace Tessera.Core.Tests.Data.Synthetic;

public sealed class SyntheticMinuteMarketTests
{
    [Fact]
    public void Minute_bars_cover_the_NYSE_regular_sessions_including_early_closes_and_are_seeded()
    {
        // 2024-07-03 closes at 13:00 New York (17:00 UTC): 210 minutes; 2024-07-04 is a holiday; 2024-07-05 is a full 390.
        var bars = SyntheticMinuteMarket.Generate(2, new DateOnly(2024, 7, 3), new DateOnly(2024, 7, 5), seed: 7);
        Assert.Equal(2, bars.Count);
        Assert.Equal(210 + 390, bars[0].Count);
        Assert.Equal(new DateTimeOffset(2024, 7, 3, 13, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), bars[0].Timestamps[0]);
        Assert.Equal(new DateTimeOffset(2024, 7, 5, 13, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), bars[0].Timestamps[210]);
        for (var i = 0; i < bars[0].Count; i++)
        {
            Assert.True(bars[0].Low[i] <= Math.Min(bars[0].Open[i], bars[0].Close[i]) && bars[0].High[i] >= Math.Max(bars[0].Open[i], bars[0].Close[i]));
        }

        var again = SyntheticMinuteMarket.Generate(2, new DateOnly(2024, 7, 3), new DateOnly(2024, 7, 5), seed: 7);
        Assert.Equal(bars[1].Close, again[1].Close);
        Assert.NotEqual(bars[0].Close, bars[1].Close);
    }

    [Fact]
    public void Out_of_range_requests_are_refused_naming_the_field()
    {
        Assert.Equal("symbols", Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => SyntheticMinuteMarket.Generate(0, new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3), 1)).Field);
        Assert.Equal("days", Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => SyntheticMinuteMarket.Generate(1, new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 2), 1)).Field);
    }
}
