namespace Tessera.Core.Governance;

/// <summary>
/// The kill switch's two order-path measurements, as pure arithmetic (the host reads the inputs from its stores):
/// realised slippage of a day's fills against the prices the decisions saw, and the de-risk quantity of a position.
/// </summary>
public static class KillSwitchMeasures
{
    /// <summary>
    /// Realised slippage in basis points over a set of fills, weighted by the reference notional:
    /// Σ qᵢ·sᵢ·(avgᵢ − refᵢ) / Σ qᵢ·refᵢ × 10 000, with sᵢ = +1 for a buy (paying above the ask the decision saw is a
    /// cost) and −1 for a sell (selling below the bid it saw is a cost). Positive = cost, negative = price improvement.
    /// Null when nothing filled (no measurement, never a zero). Inputs are parallel arrays of equal length; a fill with
    /// a non-positive quantity or price is refused (the caller filtered unfilled orders out).
    /// </summary>
    public static double? SlippageBps(ReadOnlySpan<int> sides, ReadOnlySpan<double> filledQuantity, ReadOnlySpan<double> averagePrice, ReadOnlySpan<double> referencePrice)
    {
        if (sides.Length != filledQuantity.Length || sides.Length != averagePrice.Length || sides.Length != referencePrice.Length)
        {
            throw new ArgumentException("sides, quantities, average and reference prices must have the same length", nameof(sides));
        }

        double cost = 0, notional = 0;
        for (var i = 0; i < sides.Length; i++)
        {
            var q = filledQuantity[i];
            var avg = averagePrice[i];
            var reference = referencePrice[i];
            if (sides[i] is not (1 or -1) || !(q > 0) || !(avg > 0) || !(reference > 0) || !double.IsFinite(q * avg * reference))
            {
                throw new ArgumentOutOfRangeException(nameof(filledQuantity), "fill " + i + ": side ±1, finite positive quantity, average and reference price");
            }

            cost += q * sides[i] * (avg - reference);
            notional += q * reference;
        }

        return notional > 0 ? cost / notional * 10_000 : null;
    }

    /// <summary>
    /// The quantity a de-risk of <paramref name="fraction"/> sells (or covers) of a position: |position| × fraction,
    /// rounded DOWN to whole shares unless the account trades fractional shares (then to 1e-9 shares, Alpaca's
    /// precision). Rounding down never de-risks more than asked; a result of 0 means the position is too small to cut.
    /// </summary>
    public static decimal DeRiskQuantity(decimal position, double fraction, bool fractionalShares)
    {
        if (fraction is not (>= 0.25 and <= 0.50))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a de-risk fraction from 0.25 to 0.50");
        }

        var raw = Math.Abs(position) * (decimal)fraction;
        return fractionalShares ? decimal.Floor(raw * 1_000_000_000m) / 1_000_000_000m : decimal.Floor(raw);
    }
}
