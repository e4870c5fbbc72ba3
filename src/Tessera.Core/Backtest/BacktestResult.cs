using System.Globalization;
using System.Text;
using Tessera.Core.Determinism;
using Tessera.Core.Metrics;

namespace Tessera.Core.Backtest;

/// <summary>
/// Output of a backtest: per-bar mark-to-market equity, cash and gross exposure over the simulated range,
/// plus the order, fill and trade logs (trades are closed FIFO lots; open positions at the end are only marked).
/// </summary>
public sealed class BacktestResult
{
    public BacktestResult(
        IReadOnlyList<string> symbols,
        long[] timestamps,
        int startBar,
        double initialCash,
        double[] equity,
        double[] cash,
        double[] grossExposure,
        IReadOnlyList<Order> orders,
        IReadOnlyList<Fill> fills,
        IReadOnlyList<Trade> trades)
    {
        Symbols = symbols;
        Timestamps = timestamps;
        StartBar = startBar;
        InitialCash = initialCash;
        Equity = equity;
        Cash = cash;
        GrossExposure = grossExposure;
        Orders = orders;
        Fills = fills;
        Trades = trades;
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Timestamps of the simulated bars (same length as <see cref="Equity"/>).</summary>
    public long[] Timestamps { get; }

    public int StartBar { get; }

    public double InitialCash { get; }

    public double[] Equity { get; }

    public double[] Cash { get; }

    public double[] GrossExposure { get; }

    public IReadOnlyList<Order> Orders { get; }

    public IReadOnlyList<Fill> Fills { get; }

    public IReadOnlyList<Trade> Trades { get; }

    public double FinalEquity => Equity.Length == 0 ? InitialCash : Equity[^1];

    /// <summary>Per-bar returns, the first measured against the initial cash (one return per simulated bar).</summary>
    public double[] Returns()
    {
        var e = new double[Equity.Length + 1];
        e[0] = InitialCash;
        Array.Copy(Equity, 0, e, 1, Equity.Length);
        return ReturnSeries.FromEquity(e);
    }

    /// <summary>SHA-256 of the canonical order list (one line per order, invariant number formatting).</summary>
    public string OrderListHash() => Sha256Hex.Of(CanonicalOrderList());

    public string CanonicalOrderList()
    {
        var sb = new StringBuilder(Orders.Count * 64);
        foreach (var o in Orders)
        {
            sb.Append(o.Id).Append('|')
                .Append(o.CreatedBar).Append('|')
                .Append(o.Symbol).Append('|')
                .Append(o.Side == OrderSide.Buy ? "B" : "S").Append('|')
                .Append(o.RequestedQuantity.ToString("R", CultureInfo.InvariantCulture)).Append('|')
                .Append(o.Status.ToString()).Append('|')
                .Append(o.FilledQuantity.ToString("R", CultureInfo.InvariantCulture)).Append('|')
                .Append(o.FillPrice.ToString("R", CultureInfo.InvariantCulture)).Append('|')
                .Append(o.FillBar).Append('|')
                .Append(o.Reason).Append('\n');
        }

        return sb.ToString();
    }
}
