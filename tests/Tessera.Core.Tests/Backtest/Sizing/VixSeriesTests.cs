using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Testing;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Backtest.Sizing;

public sealed class VixSeriesTests
{
    private const string Csv = "DATE,OPEN,HIGH,LOW,CLOSE\n2020-01-01,10,10,10,15.5\r\n2020-01-03,10,10,10,30\n\n2020-01-06,1,1,1,45\n";

    [Fact]
    public void Aligns_each_calendar_bar_to_the_latest_close_on_or_before_its_date()
    {
        // Calendar 2019-12-31 (before the first VIX date: NaN), 2020-01-01, 01-02 (holiday in VIX: carries 15.5),
        // 01-03, 01-04, 01-05 (carry 30), 01-06 (45). Nothing from a later date is used.
        var vix = VixSeries.Parse(Csv);
        Assert.Equal(3, vix.Count);
        var calendar = Enumerable.Range(-1, 7).Select(d => Ts(d)).ToArray();
        Assert.Equal([double.NaN, 15.5, 15.5, 30, 30, 30, 45], vix.AlignTo(calendar));
    }

    [Theory]
    [InlineData("DAY,CLOSE\n2020-01-01,1\n", "vix.header")]
    [InlineData("DATE,CLOSE\n2020-01-02,1\n2020-01-02,2\n", "vix.line 3")]
    [InlineData("DATE,CLOSE\n2020-01-02,1\n2020-01-01,2\n", "vix.line 3")]
    [InlineData("DATE,CLOSE\n2020-01-02,NaN\n", "vix.line 2")]
    [InlineData("DATE,CLOSE\n2020-01-02,-3\n", "vix.line 2")]
    [InlineData("DATE,CLOSE\n2020-01-02,abc\n", "vix.line 2")]
    [InlineData("DATE,CLOSE\n02/01/2020,12\n", "vix.line 2")]
    [InlineData("DATE,CLOSE\n2020-01-02\n", "vix.line 2")]
    [InlineData("DATE,CLOSE\n", "vix")]
    public void Bad_vix_input_is_a_typed_error_naming_the_line(string csv, string field)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => VixSeries.Parse(csv));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void A_supplied_series_follows_the_same_rules()
    {
        Assert.Equal(2, VixSeries.Of([new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 2)], [12, 13]).Count);
        Assert.Equal("vix[1]", Assert.Throws<TesseraValidationException>(() => VixSeries.Of([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 1)], [12, 13])).Field);
        Assert.Throws<TesseraValidationException>(() => VixSeries.Of([new DateOnly(2020, 1, 2)], [12, 13]));
    }

    [Fact]
    public void Kelly_with_a_dated_vix_series_tapers_like_the_per_bar_form()
    {
        // The per-bar constructor with VIX 30 everywhere halves the fraction; the dated series must do the same.
        var closes = new List<double> { 100 };
        for (var i = 0; i < 20; i++)
        {
            closes.Add(closes[^1] * (i % 2 == 0 ? 1.02 : 0.99));
        }

        var data = new MarketData([Series("A", closes.Select(c => (c, c, c, c)).ToArray())]);
        var req = new SizingRequest(data, 0, closes.Count - 1, 100_000, closes[^1], Side.Long, 1, 100_000, 100_000);
        var perBar = new FractionalKellySizer(0.25, 4, 10, Enumerable.Repeat(30.0, closes.Count).ToArray());
        var dated = new FractionalKellySizer(0.25, 4, 10, VixSeries.Of([new DateOnly(2019, 6, 1)], [30]));
        Assert.True(perBar.Fraction(req) > 0);
        Assert.Equal(perBar.Fraction(req), dated.Fraction(req));
        Assert.True(dated.HasVix);
    }

    [SharedDataFact("vix-daily-1990-2026.csv")]
    public void Kelly_vix_taper_reads_the_shared_vix_file()
    {
        var vix = VixSeries.Parse(File.ReadAllText(SharedData.Path_("vix-daily-1990-2026.csv")));
        Assert.Equal(new DateOnly(1990, 1, 2).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber, vix.DayNumbers[0]);
        Assert.Equal(17.24, vix.Closes[0]);

        // 2008-10-27 closed at 80.06 (file): at or above 40 the Kelly size collapses to 0; a calm 2013 day keeps it.
        var crisis = BarSeries.ToUnixMs(new DateTime(2008, 10, 27, 0, 0, 0, DateTimeKind.Utc));
        var aligned = vix.AlignTo([crisis]);
        Assert.True(aligned[0] >= 40, $"VIX on 2008-10-27 is {aligned[0]}");
        Assert.Equal(0, FractionalKellySizer.Taper(aligned[0], 20, 40));
        var calm = vix.AlignTo([BarSeries.ToUnixMs(new DateTime(2013, 3, 14, 0, 0, 0, DateTimeKind.Utc))]);
        Assert.InRange(calm[0], 5, 20);
        Assert.Equal(1, FractionalKellySizer.Taper(calm[0], 20, 40));
    }
}
