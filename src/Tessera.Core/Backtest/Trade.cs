namespace Tessera.Core.Backtest;

/// <summary>
/// One closed round trip (or the closed part of a FIFO lot). Prices include slippage; <see cref="Commission"/>
/// is the entry commission share of the closed quantity plus the exit commission share.
/// </summary>
/// <param name="Direction">Long or Short: the side of the position the trade closed.</param>
/// <param name="EntryBar">calendar index of the entry fill; <paramref name="ExitBar"/> likewise.</param>
/// <param name="NetPnl">Direction * Quantity * (ExitPrice - EntryPrice) - Commission.</param>
public sealed record Trade(
    string Symbol,
    Side Direction,
    long EntryTimeUtcMs,
    long ExitTimeUtcMs,
    int EntryBar,
    int ExitBar,
    double Quantity,
    double EntryPrice,
    double ExitPrice,
    double Commission,
    double NetPnl,
    string ExitReason)
{
    public int HoldingBars => ExitBar - EntryBar;

    public double GrossPnl => Direction.Sign() * Quantity * (ExitPrice - EntryPrice);
}
