using Tessera.Alpaca.Json;
using Xunit;

namespace Tessera.Alpaca.Tests.Json;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2021-03-16T18:38:01.942282123Z", 18, 38, 1, 9_422_821)]
    [InlineData("2021-03-16T18:38:01Z", 18, 38, 1, 0)]
    [InlineData("2021-03-16T14:38:01-04:00", 18, 38, 1, 0)]
    [InlineData("2021-03-16", 0, 0, 0, 0)]
    public void Parses_Alpaca_spellings(string text, int hour, int minute, int second, int ticks)
    {
        Assert.True(Rfc3339.TryParse(text, out var t));
        Assert.Equal(new DateTimeOffset(2021, 3, 16, hour, minute, second, TimeSpan.Zero).AddTicks(ticks), t);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2021-03-16T18:38:01")]
    [InlineData("2021-03-16T18:38:01.Z")]
    [InlineData("2021-13-16T18:38:01Z")]
    public void Refuses_what_is_not_a_timestamp_with_a_zone(string text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Fact]
    public void Formats_in_UTC_with_microseconds_only_when_needed()
    {
        Assert.Equal("2013-10-07T13:30:00Z", Rfc3339.Format(new DateTimeOffset(2013, 10, 7, 9, 30, 0, TimeSpan.FromHours(-4))));
        Assert.Equal("2013-10-07T13:30:00.123400Z", Rfc3339.Format(new DateTimeOffset(2013, 10, 7, 13, 30, 0, TimeSpan.Zero).AddTicks(1_234_000)));
    }
}
