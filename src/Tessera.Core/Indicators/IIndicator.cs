using Tessera.Core.Data;

namespace Tessera.Core.Indicators;

/// <summary>
/// The one shape of every bar indicator, incremental and batch alike. Incremental: feed closed bars one at a time
/// (<see cref="Update"/>) and read the current outputs (<see cref="Output"/>). Batch: <see cref="Compute"/> writes the
/// outputs of this indicator's parameters over a whole series, from a fresh state, through the same kernel the
/// incremental form runs (each class's span <c>Compute</c>), so the two forms agree to the last bit
/// (BatchIncrementalEquivalenceTests). Outputs are NaN during warm-up.
/// </summary>
public interface IIndicator
{
    /// <summary>What each output is, in column order (e.g. adx, plus_di, minus_di).</summary>
    IReadOnlyList<string> Outputs { get; }

    /// <summary>Index of the first bar at which the indicator is ready (bars before it are warm-up).</summary>
    int FirstValidIndex { get; }

    /// <summary>True from the bar at <see cref="FirstValidIndex"/> on.</summary>
    bool IsReady { get; }

    /// <summary>Incremental form: consumes one closed bar (the fields the indicator reads are validated).</summary>
    void Update(in OhlcvBar bar);

    /// <summary>The current value of output <paramref name="index"/> (0 .. <see cref="Outputs"/>.Count - 1).</summary>
    double Output(int index);

    /// <summary>
    /// Batch form: this indicator's parameters over every bar of <paramref name="bars"/>, from a fresh state (this
    /// instance's incremental state is neither used nor changed); <paramref name="outputs"/> holds one column per
    /// output, each as long as the series.
    /// </summary>
    void Compute(BarSeries bars, IReadOnlyList<double[]> outputs);
}

/// <summary>Conveniences over <see cref="IIndicator"/>.</summary>
public static class IndicatorExtensions
{
    /// <summary>Batch form with freshly allocated columns, one per output.</summary>
    public static double[][] Compute(this IIndicator indicator, BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(bars);
        var columns = new double[indicator.Outputs.Count][];
        for (var k = 0; k < columns.Length; k++)
        {
            columns[k] = new double[bars.Count];
        }

        indicator.Compute(bars, columns);
        return columns;
    }
}
