namespace Tessera.Trading.Configuration;

/// <summary>
/// The market scan (Kobe81's runner, seed 003): New York scan times (09:35, 10:30, 15:55 by default), how late a missed
/// slot may still run, the symbols scanned, the strategies of the library that produce signals, and how many completed
/// sessions of daily bars the strategies read.
/// </summary>
public sealed record ScanSettings(IReadOnlyList<string> Times, int MaxLatenessMinutes, IReadOnlyList<string> Universe, IReadOnlyList<string> Strategies, int HistorySessions)
{
    public static ScanSettings Default { get; } = new(["09:35", "10:30", "15:55"], 20, ["SPY", "QQQ", "IWM", "DIA"], ["connors-rsi2"], 260);
}
