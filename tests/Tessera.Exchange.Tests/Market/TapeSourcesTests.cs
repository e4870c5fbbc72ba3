using Tessera.Core.Markets;
using Tessera.Core.Data;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;
using Tessera.Testing;
using Xunit;

namespace Tessera.Exchange.Tests.Market;

public sealed class TapeSourcesTests
{
    [Fact]
    public void The_synthetic_tape_is_deterministic_per_seed_and_has_quotes()
    {
        var a = TapeSources.Load("synthetic:symbols=SPY,QQQ;date=2024-03-04;trades=500;seed=5");
        var b = TapeSources.Load("synthetic:symbols=SPY,QQQ;date=2024-03-04;trades=500;seed=5");
        var c = TapeSources.Load("synthetic:symbols=SPY,QQQ;date=2024-03-04;trades=500;seed=6");
        Assert.Equal(["SPY", "QQQ"], a.Symbols);
        Assert.Equal(1000, a.TradeCount);
        Assert.All(a.SymbolHasQuotes, Assert.True);
        Assert.Equal(a.Price, b.Price);
        Assert.NotEqual(a.Price, c.Price);
        Assert.True(a.TradeTs.SequenceEqual(a.TradeTs.Order()));
        var session = NyseCalendar.Session(new DateOnly(2024, 3, 4))!;
        Assert.InRange(a.First!.Value, session.Open, session.Close);
    }

    [Theory]
    [InlineData("synthetic:date=2024-03-09")]
    [InlineData("synthetic:trades=0")]
    [InlineData("synthetic:colour=blue")]
    [InlineData("/no/such/file.csv")]
    public void Bad_data_specifications_are_refused(string spec) =>
        Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => TapeSources.Load(spec));

    [Fact]
    public void Daily_bars_become_four_prints_inside_the_NYSE_session()
    {
        var day = BarSeries.ToUnixMs(new DateTime(2013, 10, 7, 0, 0, 0, DateTimeKind.Utc));
        var bars = new BarSeries("SPY", [day], [100], [102], [99], [101], [4000]);
        var tape = BarPrints.FromBars(bars);
        Assert.Equal([100, 99, 102, 101], tape.Price);
        Assert.Equal([1000, 1000, 1000, 1000], tape.Size);
        var s = NyseCalendar.Session(new DateOnly(2013, 10, 7))!;
        Assert.Equal(s.Open.ToUnixTimeMilliseconds(), tape.Timestamps[0]);
        Assert.True(tape.Timestamps[^1] < s.Close.ToUnixTimeMilliseconds());
    }

    [SharedDataFact("spy-trades-2013-10-07.csv.gz")]
    public void The_SPY_tape_of_2013_10_07_loads_whole()
    {
        var tape = TapeSources.Load(SharedData.Path_("spy-trades-2013-10-07.csv.gz"));
        Assert.Equal(["SPY"], tape.Symbols);
        Assert.Equal(250_601, tape.TradeCount);
        Assert.False(tape.SymbolHasQuotes[0]);
        Assert.Equal(new DateTimeOffset(2013, 10, 7, 8, 0, 0, 464, TimeSpan.Zero), tape.First);
    }

    [SharedDataFact("spy-minute-2013-10-07.csv")]
    public void Minute_bars_with_closing_quotes_load_as_prints_and_quotes()
    {
        var tape = TapeSources.Load(SharedData.Path_("spy-minute-2013-10-07.csv"));
        Assert.Equal(828 * 4, tape.TradeCount);
        Assert.Equal(828, tape.QuoteCount);
        Assert.True(tape.SymbolHasQuotes[0]);
    }
}
