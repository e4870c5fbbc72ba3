using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Regime.Hmm;

/// <summary>One state of a persisted model: its label, emission mean and variance (daily log returns), initial probability, transition row and filtered probability at the fit's last day.</summary>
public sealed record HmmStateRecord(string Label, double Mean, double Variance, double Initial, IReadOnlyList<double> TransitionRow, double FilteredProbability);

/// <summary>
/// A fitted regime HMM as it is persisted (seed 000: hmm_models/, "versioned by fit date"): the model version (the
/// feature and model definition; a model of another version is never reused), the symbol it was fitted on, the day the
/// fit ran (<see cref="FitDate"/>, which the refit policy ages) and the last observation's date
/// (<see cref="FitThrough"/>, from which the next fit looks for regime changes), the regime by filtered probability at
/// that day and the parameters. States are sorted by ascending mean (index 0 = Bear).
/// </summary>
public sealed record HmmModelRecord(
    string Version,
    string Symbol,
    DateOnly FitDate,
    DateOnly FitThrough,
    int Observations,
    double LogLikelihood,
    bool Converged,
    int Restarts,
    ulong Seed,
    string Regime,
    IReadOnlyList<HmmStateRecord> States)
{
    /// <summary>A univariate Gaussian HMM on daily log returns log(1 + r), states sorted and labelled by mean (the life cycle's regime/hmm.json uses the same definition).</summary>
    public const string CurrentVersion = "gaussian-hmm-1d-logreturns-v1";

    /// <summary>The regime label at <see cref="FitThrough"/>; a typed error when the stored label is not one of Bear / Neutral / Bull.</summary>
    public HmmRegime RegimeLabel => ParseLabel("regime", Regime);

    /// <summary>The parameters, re-validated (a record read back from storage is checked like a fresh fit).</summary>
    public GaussianHmmParameters ToParameters()
    {
        if (States is null)
        {
            throw new TesseraValidationException("states", "null", "a model needs its states");
        }

        var k = States.Count;
        var initial = new double[k];
        var transition = new double[k, k];
        var means = new double[k];
        var variances = new double[k];
        for (var i = 0; i < k; i++)
        {
            var s = States[i];
            if (s.TransitionRow is null || s.TransitionRow.Count != k)
            {
                throw new TesseraValidationException($"states[{i}].transition_row", s.TransitionRow?.Count.ToString(CultureInfo.InvariantCulture) ?? "null", $"must have {k} entries");
            }

            initial[i] = s.Initial;
            means[i] = s.Mean;
            variances[i] = s.Variance;
            for (var j = 0; j < k; j++)
            {
                transition[i, j] = s.TransitionRow[j];
            }
        }

        return new GaussianHmmParameters(initial, transition, means, variances);
    }

    /// <summary>The record of a fresh fit: <paramref name="reading"/> is the fit and its filtered reading at the last observation.</summary>
    public static HmmModelRecord From(HmmRegimeReading reading, string symbol, DateOnly fitDate, DateOnly fitThrough, int observations, HmmFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(options);
        var p = reading.Fit.Parameters;
        var states = new List<HmmStateRecord>(p.States);
        for (var s = 0; s < p.States; s++)
        {
            var row = new double[p.States];
            for (var j = 0; j < p.States; j++)
            {
                row[j] = p.Transition[s, j];
            }

            states.Add(new HmmStateRecord(Label(reading.Labels[s]), p.Means[s], p.Variances[s], p.Initial[s], row, reading.FilteredProbabilities[s]));
        }

        return new HmmModelRecord(CurrentVersion, symbol, fitDate, fitThrough, observations, reading.Fit.LogLikelihood, reading.Fit.Converged, options.Restarts, options.Seed, Label(reading.Regime), states);
    }

    /// <summary>The lower-case label persisted and published ("bull", "neutral", "bear").</summary>
    public static string Label(HmmRegime regime) => regime.ToString().ToLowerInvariant();

    public static HmmRegime ParseLabel(string field, string? label) =>
        label is not null && Enum.TryParse<HmmRegime>(label, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(label, out _)
            ? r
            : throw new TesseraValidationException(field, label, "must be bull, neutral or bear");
}
