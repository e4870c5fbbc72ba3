using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest;

/// <summary>
/// Rules shared by the event engine and the fast tier.
/// Leverage 1 means no margin: buying power = Leverage * equity - gross exposure, which for Leverage 1 equals
/// cash - 2 * short market value, so every entry (long or short) must be paid for (shorts are collateralized by
/// their proceeds plus the same amount of own cash) and cash never goes negative. Leverage &gt; 1 lets cash go
/// negative (a margin loan, no interest modelled).
/// </summary>
public sealed record BacktestOptions
{
    public double InitialCash { get; init; } = 100_000;

    public CostModel Costs { get; init; } = CostModel.Zero;

    public double Leverage { get; init; } = 1.0;

    public IPositionSizer Sizer { get; init; } = new FixedFractionSizer(0.1);

    /// <summary>Use the protective stop an entry signal carries (<c>Signal.StopPrice</c>); it takes precedence over <see cref="StopLossPct"/>.</summary>
    public bool UseSignalStops { get; init; } = true;

    /// <summary>Stop-loss distance from the entry fill as a fraction (0.05 = 5%) for entries without a signal stop; null for none.</summary>
    public double? StopLossPct { get; init; }

    /// <summary>Exit at the open after the position has been held this many of its symbol's bars; null for none.</summary>
    public int? TimeStopBars { get; init; }

    public bool AllowShort { get; init; } = true;

    /// <summary>First calendar bar simulated (inclusive); signals before it are ignored.</summary>
    public int StartBar { get; init; }

    /// <summary>End calendar bar (exclusive); null = all bars.</summary>
    public int? EndBar { get; init; }

    public void Validate(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(double.IsFinite(InitialCash) && InitialCash > 0))
        {
            throw new TesseraValidationException("cash", InitialCash.ToString("R"), "initial cash must be finite and > 0");
        }

        if (Costs is null)
        {
            throw new TesseraValidationException("costs", null, "a cost model is required");
        }

        Costs.Validate();
        if (Sizer is null)
        {
            throw new TesseraValidationException("sizer", null, "a position sizer is required");
        }

        if (!(Leverage >= 1 && Leverage <= 10))
        {
            throw new TesseraValidationException("leverage", Leverage.ToString("R"), "must be in [1, 10]");
        }

        if (StopLossPct is { } sl && !(sl > 0 && sl < 1))
        {
            throw new TesseraValidationException("stopLossPct", sl.ToString("R"), "must be in (0, 1)");
        }

        if (TimeStopBars is { } ts && ts < 1)
        {
            throw new TesseraValidationException("timeStopBars", ts.ToString(), "must be >= 1");
        }

        var end = EndBar ?? data.BarCount;
        if (StartBar < 0 || end > data.BarCount || StartBar >= end)
        {
            throw new TesseraValidationException("range", $"[{StartBar}, {end})", "must be a non-empty range within [0, " + data.BarCount + ")");
        }
    }
}
