using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest.Sizing;

/// <summary>
/// Drawdown throttle around any sizer: while the account's drawdown from its peak, dd = 1 - equity / peak equity,
/// is above <see cref="Threshold"/>, every new entry is cut by <see cref="Cut"/> (q = (1 - cut) * inner q); at or below
/// the threshold the inner sizer's target stands. Defaults from the Indian-equities blueprint's kill-switch matrix
/// (seed 001: "DD&gt;8% ... de-risk 25-50%"): threshold 0.08, cut 0.5. It sizes new entries only; open positions are
/// not reduced (that is the kill switch's job, not the sizer's).
/// </summary>
public sealed class DrawdownThrottleSizer : IPositionSizer
{
    public const double DefaultThreshold = 0.08;
    public const double DefaultCut = 0.5;

    public DrawdownThrottleSizer(IPositionSizer inner, double threshold = DefaultThreshold, double cut = DefaultCut)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!(threshold > 0 && threshold < 1))
        {
            throw new TesseraValidationException("ddThreshold", threshold.ToString("R", CultureInfo.InvariantCulture), "must be in (0, 1) (a drawdown fraction, e.g. 0.08)");
        }

        if (!(cut > 0 && cut <= 1))
        {
            throw new TesseraValidationException("ddCut", cut.ToString("R", CultureInfo.InvariantCulture), "must be in (0, 1] (the share of the size removed, e.g. 0.5)");
        }

        Inner = inner;
        Threshold = threshold;
        Cut = cut;
    }

    public IPositionSizer Inner { get; }

    public double Threshold { get; }

    public double Cut { get; }

    public string Name => "drawdown-throttle";

    public string Description => $"{Inner.Description} with {Name} {Threshold.ToString("R", CultureInfo.InvariantCulture)} cut {Cut.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>1 at or below the threshold, 1 - cut above it.</summary>
    public double Multiplier(double equity, double peakEquity)
    {
        var drawdown = peakEquity > 0 ? 1.0 - (equity / peakEquity) : 0.0;
        return drawdown > Threshold ? 1.0 - Cut : 1.0;
    }

    public double TargetQuantity(in SizingRequest request) => Multiplier(request.Equity, request.PeakEquity) * Inner.TargetQuantity(request);
}
