using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// Every indicator with its default periods, as named columns over one bar series (docs/INDICATORS.md
/// lists the names). Used by the indicators CLI and the benchmark. Each column is NaN before its warm-up.
/// </summary>
public static class IndicatorSuite
{
    /// <summary>Indicator objects updated per bar by <see cref="Compute"/> (the unit of "indicator updates").</summary>
    public const int IndicatorsPerBar = 21;

    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "sma_20", "sma_50", "sma_200", "ema_20", "vwma_20", "rsi_14", "rsi_2", "atr_14",
        "adx_14", "plus_di_14", "minus_di_14", "macd_12_26", "macd_signal_9", "macd_hist_12_26_9",
        "bb_mid_20", "bb_upper_20_2", "bb_lower_20_2", "bb_pctb_20_2", "vwap", "vwap_dev",
        "donchian_upper_20", "donchian_lower_20", "donchian_mid_20", "ibs",
        "ichimoku_tenkan_9", "ichimoku_kijun_26", "ichimoku_senkou_a", "ichimoku_senkou_b",
        "roc_12", "mom_12_1", "downside_dev_252", "realized_vol_20", "zscore_20", "perm_entropy_3_1_20",
    ];

    /// <summary>
    /// Session VWAP when the series is intraday (two consecutive bars on the same UTC date), rolling otherwise.
    /// </summary>
    public static VwapAnchor DefaultVwapAnchor(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const long day = 86_400_000L;
        for (var i = 1; i < bars.Count; i++)
        {
            if (Math.Floor(bars.Timestamps[i] / (double)day) == Math.Floor(bars.Timestamps[i - 1] / (double)day))
            {
                return VwapAnchor.Session;
            }
        }

        return VwapAnchor.Rolling;
    }

    /// <summary>
    /// The suite's indicators with their default periods, in column order (their outputs, concatenated, are
    /// <see cref="ColumnNames"/>); <paramref name="vwapAnchor"/> is Rolling (20 bars) for daily bars, Session intraday.
    /// </summary>
    public static IReadOnlyList<IIndicator> Create(VwapAnchor vwapAnchor = VwapAnchor.Rolling) =>
    [
        new Sma(20), new Sma(50), new Sma(200), new Ema(20), new Vwma(20), new Rsi(14), new Rsi(2), new Atr(14),
        new Adx(14), new Macd(), new Bollinger(), new Vwap(vwapAnchor, 20), new Donchian(20), new Ibs(), new Ichimoku(),
        new RateOfChange(12), new Momentum(), new DownsideDeviation(252), new RealizedVolatility(20), new RollingZScore(20),
        new PermutationEntropy(),
    ];

    /// <summary>Computes every column through each indicator's batch form (<see cref="IIndicator.Compute"/>).</summary>
    public static double[][] Compute(BarSeries bars, VwapAnchor vwapAnchor = VwapAnchor.Rolling)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var n = bars.Count;
        var columns = new double[ColumnNames.Count][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new double[n];
        }

        var next = 0;
        foreach (var indicator in Create(vwapAnchor))
        {
            var count = indicator.Outputs.Count;
            indicator.Compute(bars, new ArraySegment<double[]>(columns, next, count));
            next += count;
        }

        return columns;
    }
}
