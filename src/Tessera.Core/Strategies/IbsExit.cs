namespace Tessera.Core.Strategies;

/// <summary>How the IBS strategy leaves a position (<see cref="IbsParameters.Exit"/>).</summary>
public enum IbsExit
{
    /// <summary>
    /// Tessera's default: exit at the close when IBS reaches the opposite extreme (long: IBS &gt; ShortAbove; short:
    /// IBS &lt; LongBelow), or by the time stop. No price stop.
    /// </summary>
    Level = 0,

    /// <summary>
    /// Kobe81 (seed 003, "IBS ... Exit Logic: Same as RSI-2 (ATR stop + time stop)"): a protective stop at the entry
    /// close -/+ AtrStopMultiple x ATR(AtrPeriod), carried as the entry signal's stop, and the time stop; no IBS-level exit.
    /// </summary>
    AtrStopAndTime = 1,
}
