using Tessera.Core.Data;
using Tessera.Core.Markets;
using Tessera.Exchange.Market;

namespace Tessera.Trading.Tests.Desk.Support;

/// <summary>
/// A scripted session on 2024-03-13 for the circuit breaker and its equity curve: ZZZ trades at 100.00 from the open,
/// then at 96.80 from 10:00 (−3.2 %).
/// </summary>
internal static class FallingZzzMarket
{
    public static readonly DateOnly Day = new(2024, 3, 13);

    public static DateTimeOffset At(int h, int m, int s = 0) => UsEastern.At(Day, new TimeOnly(h, m, s));

    public static MarketTape Tape() => MarketTape.Build(
        [new TradeTape("ZZZ", [At(9, 30).ToUnixTimeMilliseconds(), At(10, 0).ToUnixTimeMilliseconds()], [100.00, 96.80], [1_000_000, 1_000_000], [(byte)'P', (byte)'P'], [0, 0], [false, false])],
        []);
}
