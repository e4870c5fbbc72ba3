using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Regime.Hmm;

/// <summary>A refit's result: the model to persist and the regime changes since the previous model's last day (each a REGIME_CHANGED).</summary>
public sealed record HmmRefitResult(HmmModelRecord Model, IReadOnlyList<RegimeChange> Changes, IReadOnlyList<HmmRegime> FilteredLabels, IReadOnlyList<DateOnly> ReturnDates);

/// <summary>
/// Fits the regime HMM on a symbol's daily closes (the last <c>lookback</c> daily returns r_t = c_t / c_(t−1) − 1,
/// dated by the later close) and compares the filtered labels with the previous persisted model: starting from that
/// model's label at its last day, every later reading whose label differs is a <see cref="RegimeChange"/>. The domain
/// decides; the host persists the model and publishes the changes. Pure and deterministic; bad closes (NaN, Inf,
/// &lt;= 0), unordered dates and a constant series are typed errors, thrown before anything could be persisted.
/// </summary>
public static class HmmRegimeRefit
{
    public static HmmRefitResult Fit(string symbol, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> closes, HmmFitOptions options, DateOnly fitDate, HmmModelRecord? previous, int lookback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(options);
        if (dates.Length != closes.Length)
        {
            throw new TesseraValidationException("closes", closes.Length.ToString(CultureInfo.InvariantCulture), $"one close per date ({dates.Length} dates)");
        }

        if (lookback < 2)
        {
            throw new TesseraValidationException("regime.lookback_days", lookback.ToString(CultureInfo.InvariantCulture), "must be >= 2");
        }

        for (var i = 0; i < closes.Length; i++)
        {
            if (!double.IsFinite(closes[i]) || closes[i] <= 0)
            {
                throw new TesseraValidationException($"closes[{i}]", closes[i].ToString("R", CultureInfo.InvariantCulture), $"a close ({dates[i]:yyyy-MM-dd}) must be finite and > 0");
            }

            if (i > 0 && dates[i] <= dates[i - 1])
            {
                throw new TesseraValidationException($"dates[{i}]", dates[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "dates must be strictly ascending");
            }
        }

        if (closes.Length < 2)
        {
            throw new TesseraValidationException("closes", closes.Length.ToString(CultureInfo.InvariantCulture), "at least two closes are needed for one return");
        }

        var first = Math.Max(1, closes.Length - lookback);
        var n = closes.Length - first;
        var returns = new double[n];
        var returnDates = new DateOnly[n];
        for (var i = 0; i < n; i++)
        {
            returns[i] = (closes[first + i] / closes[first + i - 1]) - 1;
            returnDates[i] = dates[first + i];
        }

        var reading = HmmRegimeStep.Classify(returns, options);
        var logReturns = new double[n];
        for (var i = 0; i < n; i++)
        {
            logReturns[i] = Math.Log(1 + returns[i]);
        }

        var posterior = HmmInference.ForwardBackward(reading.Fit.Parameters, logReturns);
        var labels = RegimeChanges.FilteredLabels(posterior.Filtered, reading.Labels);
        var model = HmmModelRecord.From(reading, symbol, fitDate, returnDates[^1], n, options);
        HmmRegime? previousLabel = previous is null ? null : previous.RegimeLabel;
        var changes = RegimeChanges.Since(previousLabel, previous?.FitThrough ?? DateOnly.MinValue, returnDates, labels);
        return new HmmRefitResult(model, changes, labels, returnDates);
    }
}
