using Tessera.Core.Contracts;
using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// The market frame after the L0 gate: simple returns on the gate's calendar, one column per surviving asset (in
/// the gate's order), each asset's sector and average dollar volume, the gate's full result (dropped assets and
/// dates, violations), the number of warnings and one line per dropped asset.
/// </summary>
public sealed record FoundationResult(
    long[] Timestamps,
    string[] Symbols,
    string[] Sectors,
    double[][] Returns,
    double[] AverageDollarVolume,
    ReturnsBuildResult Gate,
    int Warnings,
    IReadOnlyList<string> DroppedAssets);

/// <summary>
/// Step 1 of the atomic life cycle (L0): UTC, sorted, unique, finite, OHLC-consistent bars; the density rule; the
/// inner join; toxic assets (|r| &gt; 5) dropped and recorded (lenient mode: drop and count). Each surviving asset
/// gets its sector from the universe's metadata and its average dollar volume (the liquidity floor's input).
/// </summary>
public static class FoundationStep
{
    /// <summary>Bars in the average dollar volume window (the last 20 bars of each asset).</summary>
    public const int DollarVolumeWindow = 20;

    public static FoundationResult Run(IReadOnlyList<BarSeries> bars, IReadOnlyList<SymbolMetadata> metadata)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(metadata);
        var built = ReturnsMatrixBuilder.Build(bars, new ReturnsOptions { Mode = ContractMode.Lenient, DailyBars = true });
        var frame = built.Matrix;
        var sectorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in metadata)
        {
            sectorOf[m.Identity] = m.Sector;
        }

        var bySymbol = new Dictionary<string, BarSeries>(StringComparer.Ordinal);
        foreach (var b in bars)
        {
            bySymbol[b.Symbol] = b;
        }

        var symbols = new string[frame.Symbols.Count];
        var sectors = new string[symbols.Length];
        var adv = new double[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = frame.Symbols[i];
            sectors[i] = sectorOf.TryGetValue(symbols[i], out var sector)
                ? sector
                : throw new TesseraValidationException("universe.metadata", symbols[i], "every asset of the universe needs its metadata (sector)");
            var series = bySymbol[symbols[i]];
            adv[i] = AverageDollarVolume(series.Close, series.Volume, DollarVolumeWindow);
        }

        var warnings = 0;
        foreach (var v in built.Violations)
        {
            warnings += v.Severity == ViolationSeverity.Warning ? 1 : 0;
        }

        return new FoundationResult(frame.Dates, symbols, sectors, frame.Columns, adv, built, warnings, DescribeDropped(built.DroppedAssets));
    }

    /// <summary>Mean of close x volume over the last <paramref name="window"/> bars (all bars when there are fewer).</summary>
    public static double AverageDollarVolume(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, int window)
    {
        if (close.Length != volume.Length)
        {
            throw new TesseraValidationException("volume", volume.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "close and volume must have the same length");
        }

        if (window < 1)
        {
            throw new TesseraValidationException("window", window.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be >= 1");
        }

        var n = Math.Min(window, close.Length);
        var adv = 0.0;
        for (var t = close.Length - n; t < close.Length; t++)
        {
            adv += close[t] * volume[t] / n;
        }

        return adv;
    }

    /// <summary>One line per dropped asset, as the report lists them: "SYMBOL: rule (detail)".</summary>
    public static IReadOnlyList<string> DescribeDropped(IReadOnlyList<DroppedAsset> dropped)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        var lines = new List<string>(dropped.Count);
        foreach (var d in dropped)
        {
            lines.Add($"{d.Symbol}: {d.Rule} ({d.Detail})");
        }

        return lines;
    }
}
