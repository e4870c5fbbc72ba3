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

    /// <summary>Computes every column; <paramref name="vwapAnchor"/> is Rolling (20 bars) for daily bars, Session intraday.</summary>
    public static double[][] Compute(BarSeries bars, VwapAnchor vwapAnchor = VwapAnchor.Rolling)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var n = bars.Count;
        var columns = new double[ColumnNames.Count][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new double[n];
        }

        ReadOnlySpan<double> high = bars.High, low = bars.Low, close = bars.Close, volume = bars.Volume;
        Sma.Compute(close, columns[0], 20);
        Sma.Compute(close, columns[1], 50);
        Sma.Compute(close, columns[2], 200);
        Ema.Compute(close, columns[3], 20);
        Vwma.Compute(close, volume, columns[4], 20);
        Rsi.Compute(close, columns[5], 14);
        Rsi.Compute(close, columns[6], 2);
        Atr.Compute(high, low, close, columns[7], 14);
        Adx.Compute(high, low, close, columns[8], columns[9], columns[10], 14);
        Macd.Compute(close, columns[11], columns[12], columns[13]);
        Bollinger.Compute(close, columns[14], columns[15], columns[16], columns[17]);
        Vwap.Compute(bars.Timestamps, high, low, close, volume, columns[18], columns[19], vwapAnchor, 20);
        Donchian.Compute(high, low, columns[20], columns[21], columns[22], 20);
        Ibs.Compute(high, low, close, columns[23]);
        Ichimoku.Compute(high, low, columns[24], columns[25], columns[26], columns[27]);
        RateOfChange.Compute(close, columns[28], 12);
        Momentum.Compute(close, columns[29]);
        DownsideDeviation.Compute(close, columns[30], 252);
        RealizedVolatility.Compute(close, columns[31], 20);
        RollingZScore.Compute(close, columns[32], 20);
        PermutationEntropy.Compute(close, columns[33]);
        return columns;
    }
}
