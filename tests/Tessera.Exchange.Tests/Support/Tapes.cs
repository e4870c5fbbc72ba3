using Tessera.Core.Markets;
using System.Globalization;
using Tessera.Core.Data;
using Tessera.Exchange.Market;
using Tessera.Exchange.Time;

namespace Tessera.Exchange.Tests.Support;

/// <summary>Hand-written tapes: prints at New York wall-clock times ("2013-10-07 09:30:00.000").</summary>
public static class Tapes
{
    public static DateTimeOffset Et(string local)
    {
        var dt = DateTime.ParseExact(local, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff"], CultureInfo.InvariantCulture, DateTimeStyles.None);
        return UsEastern.At(DateOnly.FromDateTime(dt), TimeOnly.FromDateTime(dt));
    }

    public static MarketTape Prints(string symbol, params (string Et, double Price, double Size)[] prints) =>
        Build([(symbol, prints)]);

    public static MarketTape Build(IReadOnlyList<(string Symbol, (string Et, double Price, double Size)[] Prints)> symbols)
    {
        var tapes = new List<TradeTape>();
        foreach (var (symbol, prints) in symbols)
        {
            var n = prints.Length;
            tapes.Add(new TradeTape(
                symbol,
                prints.Select(p => Et(p.Et).ToUnixTimeMilliseconds()).ToArray(),
                prints.Select(p => p.Price).ToArray(),
                prints.Select(p => p.Size).ToArray(),
                Enumerable.Repeat((byte)'P', n).ToArray(),
                new int[n],
                new bool[n]));
        }

        return MarketTape.Build(tapes, []);
    }
}
