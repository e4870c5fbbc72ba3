using Tessera.Core.Errors;

namespace Tessera.Core.Backtest.Sizing;

/// <summary>
/// Volatility targeting: fraction = min(maxFraction, targetAnnualVol / realized), realized = sample sd of the
/// last <c>lookback</c> close-to-close simple returns (ending at the signal bar) * sqrt(252).
/// Returns 0 (no entry) until the symbol has lookback + 1 closes, or when realized volatility is 0.
/// </summary>
public sealed class VolatilityTargetSizer : IPositionSizer
{
    public VolatilityTargetSizer(double targetAnnualVol, int lookback = 20, double maxFraction = 1.0)
    {
        if (!(targetAnnualVol > 0 && double.IsFinite(targetAnnualVol)))
        {
            throw new TesseraValidationException("targetAnnualVol", targetAnnualVol.ToString("R"), "must be finite and > 0");
        }

        if (lookback < 2)
        {
            throw new TesseraValidationException("lookback", lookback.ToString(), "must be >= 2");
        }

        if (!(maxFraction > 0 && maxFraction <= 10))
        {
            throw new TesseraValidationException("maxFraction", maxFraction.ToString("R"), "must be in (0, 10]");
        }

        TargetAnnualVol = targetAnnualVol;
        Lookback = lookback;
        MaxFraction = maxFraction;
    }

    public double TargetAnnualVol { get; }

    public int Lookback { get; }

    public double MaxFraction { get; }

    public string Name => "volatility-target";

    public string Description => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} {TargetAnnualVol:R} lookback {Lookback} max {MaxFraction:R}");

    public double TargetQuantity(in SizingRequest request)
    {
        var vol = SizingHistory.RealizedVolatility(request.Data.Close[request.Symbol], request.Bar, Lookback);
        if (!(vol > 0))
        {
            return 0;
        }

        var fraction = Math.Min(MaxFraction, TargetAnnualVol / vol);
        return fraction * request.Equity / request.Price;
    }
}
