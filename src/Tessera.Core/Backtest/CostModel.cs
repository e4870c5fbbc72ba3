using Tessera.Core.Errors;

namespace Tessera.Core.Backtest;

/// <summary>
/// Execution costs. Slippage moves every fill against the trader by SlippageBps of the reference price
/// (buy at p (1 + s), sell at p (1 - s)); commission = PerOrder + PerShare * q + Bps * q * fillPrice.
/// </summary>
public sealed record CostModel(double SlippageBps = 0, double CommissionBps = 0, double CommissionPerShare = 0, double CommissionPerOrder = 0)
{
    public static CostModel Zero { get; } = new();

    public void Validate()
    {
        Check(SlippageBps, nameof(SlippageBps));
        Check(CommissionBps, nameof(CommissionBps));
        Check(CommissionPerShare, nameof(CommissionPerShare));
        Check(CommissionPerOrder, nameof(CommissionPerOrder));
    }

    /// <summary>Fill price for a buy (direction +1) or a sell (-1) at reference price p.</summary>
    public double FillPrice(double price, int side) => price * (1.0 + (side * SlippageBps / 10_000.0));

    public double Commission(double quantity, double fillPrice) =>
        CommissionPerOrder + (CommissionPerShare * quantity) + (CommissionBps / 10_000.0 * quantity * fillPrice);

    private static void Check(double v, string field)
    {
        if (!(double.IsFinite(v) && v >= 0))
        {
            throw new TesseraValidationException(field, v.ToString("R"), "cost parameters must be finite and >= 0");
        }
    }
}
