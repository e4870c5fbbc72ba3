using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

public sealed class Utf8TimestampTests
{
    [Theory]
    [InlineData("1970-01-01", 0L)]
    [InlineData("2013-02-08", 1360281600000L)]
    [InlineData("2000-02-29", 951782400000L)]
    [InlineData("2013-10-07T08:00:00.464Z", 1381132800464L)]
    [InlineData("2013-10-07T08:00:00.4Z", 1381132800400L)]
    [InlineData("2013-10-07 08:00:00-00:00", 1381132800000L)]
    public void Parses_utc_dates_and_times(string text, long expected)
    {
        Assert.Equal(TimestampParse.Ok, Utf8Timestamp.TryParse(Encoding.ASCII.GetBytes(text), out var ms));
        Assert.Equal(expected, ms);
        Assert.Equal(expected, BarSeries.ToUnixMs(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)));
    }

    [Theory]
    [InlineData("2013-02-29")]
    [InlineData("2013-13-01")]
    [InlineData("2013-00-10")]
    [InlineData("13-02-08")]
    [InlineData("2013/02/08")]
    [InlineData("2013-02-08T25:00:00Z")]
    [InlineData("2013-02-08T10:00:00.Z")]
    [InlineData("2013-02-08T10:00:00ZZ")]
    public void Rejects_invalid(string text) => Assert.Equal(TimestampParse.Invalid, Utf8Timestamp.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("2013-02-08T10:00:00")]
    [InlineData("2013-02-08T10:00:00+01:00")]
    [InlineData("2013-02-08T10:00:00-04:00")]
    public void Refuses_times_that_are_not_explicitly_utc(string text) =>
        Assert.Equal(TimestampParse.NotUtc, Utf8Timestamp.TryParse(Encoding.ASCII.GetBytes(text), out _));
}
