using Tessera.Core.Errors;

namespace Tessera.Core.Backtest.Sizing;

/// <summary>Invest a fixed fraction of equity per entry: q = f * equity / price.</summary>
public sealed class FixedFractionSizer : IPositionSizer
{
    public FixedFractionSizer(double fraction)
    {
        if (!(fraction > 0 && fraction <= 10))
        {
            throw new TesseraValidationException("fraction", fraction.ToString("R"), "must be in (0, 10]");
        }

        Fraction = fraction;
    }

    public double Fraction { get; }

    public string Name => "fixed-fraction";

    public string Description => Name + " " + Fraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public double TargetQuantity(in SizingRequest request) => Fraction * request.Equity / request.Price;
}
