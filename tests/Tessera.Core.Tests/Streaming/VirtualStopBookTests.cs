using Tessera.Core.Determinism;
using Tessera.Core.Errors;
using Tessera.Core.Streaming;
using Xunit;

namespace Tessera.Core.Tests.Streaming;

public sealed class VirtualStopBookTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 13, 14, 30, 0, TimeSpan.Zero);

    private static VirtualStop Long(string id, decimal stop, string symbol = "SPY") => new(id, symbol, Side.Long, stop, 10m);

    private static VirtualStop Short(string id, decimal stop, string symbol = "SPY") => new(id, symbol, Side.Short, stop, 10m);

    [Fact]
    public void A_trade_that_gaps_through_the_stop_fires_it_at_the_trade_price()
    {
        var book = new VirtualStopBook();
        book.Arm(Long("a", 100m));
        var fired = new List<StopTrigger>();
        Assert.Equal(0, book.OnTrade("SPY", 101m, T0, fired));
        Assert.Equal(0, book.OnTrade("SPY", 100.01m, T0, fired));
        Assert.Equal(1, book.OnTrade("SPY", 95m, T0.AddSeconds(1), fired));
        var t = Assert.Single(fired);
        Assert.Equal(100m, t.Stop.StopPrice);
        Assert.Equal(95m, t.TradePrice);
        Assert.Equal(T0.AddSeconds(1), t.TradeTime);
        Assert.Equal(0, book.Count);
        Assert.Equal(0, book.OnTrade("SPY", 90m, T0, fired));
    }

    [Fact]
    public void A_trade_exactly_at_the_stop_fires_it_one_tick_away_does_not()
    {
        var book = new VirtualStopBook();
        book.Arm(Long("long", 100m));
        book.Arm(Short("short", 110m));
        var fired = new List<StopTrigger>();
        Assert.Equal(0, book.OnTrade("SPY", 100.01m, T0, fired));
        Assert.Equal(0, book.OnTrade("SPY", 109.99m, T0, fired));
        Assert.Equal(1, book.OnTrade("SPY", 100m, T0, fired));
        Assert.Equal("long", fired[^1].Stop.Id);
        Assert.Equal(1, book.OnTrade("SPY", 110m, T0, fired));
        Assert.Equal("short", fired[^1].Stop.Id);
    }

    [Fact]
    public void A_gap_fires_every_level_it_crosses_highest_first_and_leaves_the_rest()
    {
        var book = new VirtualStopBook();
        book.Arm(Long("s98", 98m));
        book.Arm(Long("s100", 100m));
        book.Arm(Long("s90", 90m));
        book.Arm(Long("s99", 99m));
        book.Arm(Long("other", 99m, "QQQ"));
        var fired = new List<StopTrigger>();
        Assert.Equal(3, book.OnTrade("SPY", 97.5m, T0, fired));
        Assert.Equal(["s100", "s99", "s98"], fired.Select(f => f.Stop.Id));
        Assert.All(fired, f => Assert.Equal(97.5m, f.TradePrice));
        Assert.NotNull(book.Find("s90"));
        Assert.NotNull(book.Find("other"));
        Assert.Equal(2, book.SymbolCount);
    }

    [Fact]
    public void A_stop_moved_before_a_trade_is_judged_at_its_new_level()
    {
        var book = new VirtualStopBook();
        book.Arm(Long("a", 100m));
        Assert.True(book.Move("a", 98m));
        var fired = new List<StopTrigger>();
        Assert.Equal(0, book.OnTrade("SPY", 99m, T0, fired));
        Assert.Equal(1, book.OnTrade("SPY", 98m, T0, fired));
        Assert.Equal(98m, fired[0].Stop.StopPrice);
    }

    [Fact]
    public void A_move_that_arrives_after_the_trade_fired_the_stop_is_refused_the_exit_is_under_way()
    {
        var book = new VirtualStopBook();
        book.Arm(Long("a", 100m));
        var fired = new List<StopTrigger>();
        book.OnTrade("SPY", 99.5m, T0, fired);
        Assert.False(book.Move("a", 95m));
        Assert.False(book.Disarm("a"));
        Assert.Equal(100m, Assert.Single(fired).Stop.StopPrice);
    }

    [Fact]
    public void A_stop_moved_through_the_last_price_waits_for_the_next_trade()
    {
        var book = new VirtualStopBook();
        book.Arm(Long("a", 90m));
        var fired = new List<StopTrigger>();
        book.OnTrade("SPY", 100m, T0, fired);
        Assert.True(book.Move("a", 101m));
        Assert.Empty(fired);
        Assert.Equal(1, book.OnTrade("SPY", 100.5m, T0, fired));
        Assert.Equal(101m, fired[0].Stop.StopPrice);
    }

    [Fact]
    public void Bad_stops_are_typed_errors_naming_the_field()
    {
        var book = new VirtualStopBook();
        book.Arm(Long("a", 100m));
        Assert.Equal("stop.id", Assert.Throws<TesseraValidationException>(() => book.Arm(Long("a", 90m))).Field);
        Assert.Equal("stop.stop_price", Assert.Throws<TesseraValidationException>(() => book.Arm(Long("b", 0m))).Field);
        Assert.Equal("stop.stop_price", Assert.Throws<TesseraValidationException>(() => book.Move("a", -1m)).Field);
        Assert.Equal("stop.quantity", Assert.Throws<TesseraValidationException>(() => book.Arm(new VirtualStop("c", "SPY", Side.Long, 10m, 0m))).Field);
        Assert.Equal("stop.protects", Assert.Throws<TesseraValidationException>(() => book.Arm(new VirtualStop("d", "SPY", Side.Flat, 10m, 1m))).Field);
        Assert.Equal("stop.symbol", Assert.Throws<TesseraValidationException>(() => book.Arm(new VirtualStop("e", " ", Side.Long, 10m, 1m))).Field);
        Assert.Equal(100m, book.Find("a")!.StopPrice);
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void Many_symbols_and_stops_match_a_brute_force_scan_on_a_seeded_tape()
    {
        var rng = new DeterministicRandom(11);
        var book = new VirtualStopBook();
        var reference = new Dictionary<string, VirtualStop>(StringComparer.Ordinal);
        string[] symbols = [.. Enumerable.Range(0, 50).Select(i => "S" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var price = symbols.ToDictionary(s => s, _ => 100m, StringComparer.Ordinal);
        for (var i = 0; i < 5_000; i++)
        {
            var s = symbols[rng.NextInt(symbols.Length)];
            var longSide = rng.NextInt(2) == 0;
            var level = Math.Round(100m + ((decimal)rng.NextDouble() * 20m) - 10m, 2);
            var stop = new VirtualStop("x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), s, longSide ? Side.Long : Side.Short, level, 1m);
            book.Arm(stop);
            reference[stop.Id] = stop;
        }

        var fired = new List<StopTrigger>();
        for (var k = 0; k < 20_000; k++)
        {
            var s = symbols[rng.NextInt(symbols.Length)];
            if (k % 97 == 0 && reference.Count > 0)
            {
                // Moves interleaved with trades.
                var id = reference.Keys.ElementAt(rng.NextInt(reference.Count));
                var to = Math.Round(reference[id].StopPrice + ((decimal)rng.NextDouble() * 2m) - 1m, 2);
                Assert.True(book.Move(id, to));
                reference[id] = reference[id] with { StopPrice = to };
            }

            price[s] = Math.Round(Math.Clamp(price[s] + ((decimal)rng.NextDouble() * 0.6m) - 0.3m, 80m, 120m), 2);
            fired.Clear();
            book.OnTrade(s, price[s], T0, fired);
            var expected = reference.Values.Where(v => v.Symbol == s && v.IsBreachedBy(price[s])).Select(v => v.Id).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, fired.Select(f => f.Stop.Id).Order(StringComparer.Ordinal));
            foreach (var id in expected)
            {
                reference.Remove(id);
            }
        }

        Assert.Equal(reference.Count, book.Count);
        Assert.True(reference.Count < 5_000);
    }
}
