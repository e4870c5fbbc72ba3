using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Backtest.Sizing;

/// <summary>
/// Invest a fixed fraction of the account's current cash per entry: q = f * cash / price. Kobe81 (seed 003, backtest
/// engine: "Position Sizing: 0.7% of current cash per trade") uses f = 0.007 (<see cref="Kobe81Fraction"/>). Cash, not
/// equity: open positions do not count, so the size shrinks while capital is deployed in longs. With no cash left
/// (or negative cash on margin) the target is 0: no entry.
/// </summary>
public sealed class CashFractionSizer : IPositionSizer
{
    public const double Kobe81Fraction = 0.007;

    public CashFractionSizer(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new TesseraValidationException("fraction", fraction.ToString("R", CultureInfo.InvariantCulture), "must be in (0, 1] (a fraction of current cash)");
        }

        Fraction = fraction;
    }

    public double Fraction { get; }

    public string Name => "cash-fraction";

    public string Description => Name + " " + Fraction.ToString("R", CultureInfo.InvariantCulture);

    public double TargetQuantity(in SizingRequest request) => request.Cash > 0 ? Fraction * request.Cash / request.Price : 0;
}
